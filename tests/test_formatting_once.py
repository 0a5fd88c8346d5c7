"""The formatting a list does once per drawing gives what its per-cell form gives: whole_number() as localize(),
address_around_key() as address(), in every language."""

from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

from digitutor.addresses import address, address_around_key
from digitutor.templatetags.formatting import escape_text, whole_number


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("number", [0, 7, 2026, 1234567, -1500, Decimal("1234.5"), 2.5, True])
def test_a_whole_number_is_written_as_localize_writes_it(language, number):
    with translation.override(language):
        assert whole_number(number) == localize(number)


@pytest.mark.parametrize("thousands", [False, True])
def test_a_whole_number_is_grouped_when_the_settings_group_digits(settings, thousands):
    settings.USE_THOUSAND_SEPARATOR = thousands
    with translation.override("fi"):
        assert whole_number(1234567) == localize(1234567)
    assert (whole_number(1234567) == "1234567") is not thousands


@pytest.mark.parametrize(("name", "keys"), [("meeting_detail", [1, 42, 98765]), ("report_detail", [2022, 2026])])
def test_the_address_around_a_key_is_the_address_of_each_key(name, keys):
    before, after = address_around_key(name)

    assert [f"{before}{key}{after}" for key in keys] == [address(name, key) for key in keys]


@pytest.mark.parametrize(
    "text",
    ["", "Kevään kokous", "Tavoite <b> & 'lainaus'", 'Toimi "heti" <nyt>', "&amp; jo", "ä" * 300 + "<", "a>b"],
)
def test_a_text_is_escaped_as_djangos_conditional_escape_escapes_it(text):
    assert escape_text(text) == conditional_escape(text)
    assert escape_text(SafeString(text)) == text
