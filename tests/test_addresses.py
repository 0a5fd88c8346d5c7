"""digitutor.addresses: a row's link is the address reverse() gives, worked out once per URL name."""

import pytest
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix

from digitutor.addresses import address

KEYED_PAGES = [
    ("meeting_detail", (7,)),
    ("meeting_attachment", (12,)),
    ("claim_detail", (2022,)),
    ("claim_queue_detail", (1,)),
    ("claim_receipt", (4,)),
    ("practice_detail", (5003,)),
    ("member_detail", (0,)),
    ("plan_detail", (2026,)),
    ("action_day", (2025,)),
    ("claim_payment_batch_detail", (31,)),
    ("claim_payment_batch_paid", (31,)),
    ("claim_payment_batch", (31, "xml")),
    ("claim_payment_batch", (32, "csv")),
    ("claim_payment_batch", (33, "xlsx")),
    ("admin:claims_travelclaim_change", (9,)),
]


@pytest.mark.parametrize(("name", "args"), KEYED_PAGES)
def test_an_address_is_what_reverse_gives_for_every_key(name, args):
    for key in (args[0], args[0] + 1, 10**9, 8_271_828_182_845):
        keyed = (key, *args[1:])
        assert address(name, *keyed) == reverse(name, args=keyed)


def test_an_address_follows_the_script_prefix_the_portal_is_served_under():
    try:
        set_script_prefix("/digitutor/")
        assert address("meeting_detail", 3) == "/digitutor/meetings/3/" == reverse("meeting_detail", args=[3])
    finally:
        clear_script_prefix()
    assert address("meeting_detail", 3) == "/meetings/3/"


@pytest.mark.parametrize("refused", [-1, None, "pdf", "1/../2"])
def test_a_key_reverse_would_refuse_is_refused_as_reverse_refuses_it(refused):
    with pytest.raises(NoReverseMatch):
        reverse("claim_payment_batch", args=[1, refused])
    with pytest.raises(NoReverseMatch):
        address("claim_payment_batch", 1, refused)
