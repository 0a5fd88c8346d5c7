"""The decision queue's page, written in Python (meetings/claims/templatetags/claim_queue.py), shows byte for byte
what claims/queue.html showed: the page is drawn again through a verbatim copy of the template as it was
(tests/claims/queue_before/) and compared, for the treasurer and the chair, in fi, sv and en, full (pages of claims,
budgets over and missing, another year shown than this one, names to escape), with one approved claim and nothing
submitted, and empty. The pagination written in Python is compared with includes/pagination.html, its search words
and tag too."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import translation

from digitutor.templatetags.pagination import pagination_markup
from meetings.claims import views
from meetings.claims.models import Budget, ClaimStatus, FundingSource
from tests.claims.factories import TravelClaimFactory, at
from tests.factories import MemberFactory
from tests.meetings.factories import ActionDayFactory
from tests.old_templates import draw_with_templates_from, without_csrf_tokens

OLD_TEMPLATES = Path(__file__).resolve().parent / "queue_before"
PATHS = ["/claims/queue/", "/claims/queue/?year=2022", "/claims/queue/?year=2023", "/claims/queue/?page=2"]
PATHS += ["/claims/queue/?page=99", "/claims/queue/?year=1999"]


@pytest.fixture
def full(db):
    """Five submitted claims (three pages of two) and three approved, budgets of 2022 and 2023 (one over, one source
    without a budget), an odd name and an action day's theme to escape."""
    odd = MemberFactory(first_name="Åsa <b>", last_name='O\'Brien & "Co"')
    day = ActionDayFactory(year=2022, theme='Digi <arki> & "me"')
    claims = [
        (ClaimStatus.SUBMITTED, "1234.50", {"member": odd}),
        (ClaimStatus.SUBMITTED, "100.00", {"meeting": None, "action_day": day}),
        (ClaimStatus.SUBMITTED, "0.05", {"meeting__title": "Kokous <i>& ystävät</i>"}),
        (ClaimStatus.SUBMITTED, "7.10", {}),
        (ClaimStatus.SUBMITTED, "12345.67", {"departure_at": at(2023, 1, 1, 1), "return_at": at(2023, 1, 1, 9)}),
        (ClaimStatus.APPROVED, "999.99", {"member": odd}),
        (ClaimStatus.APPROVED, "0.10", {"meeting": None, "action_day": ActionDayFactory(year=2023)}),
        (ClaimStatus.APPROVED, "50.00", {}),
        (ClaimStatus.PAID, "8.00", {}),
    ]
    for index, (status, total, extra) in enumerate(claims):
        moment = at(2022, 4, 1 + index, 12)
        TravelClaimFactory(status=status, total=Decimal(total), submitted_at=moment, approved_at=moment, **extra)
    Budget.objects.create(year=2022, source=FundingSource.AKE_GRANT, granted=Decimal("1000.00"))
    Budget.objects.create(year=2023, source=FundingSource.TURKU_AKE, granted=Decimal("12000.00"))


@pytest.fixture
def one_approved(db):
    """Nothing submitted, one approved claim (the sentence's singular), no budget."""
    TravelClaimFactory(status=ClaimStatus.APPROVED, total=Decimal("12.30"), approved_at=at(2022, 4, 1, 12))


@pytest.fixture
def empty(db):
    """No claims and no budgets."""


def _drawn(client_as, people, language):
    drawn = {}
    for who in ("treasurer", "chair"):
        client = client_as(people[who])
        client.cookies["django_language"] = language
        for path in PATHS:
            response = client.get(path)
            assert response.status_code == 200, path
            drawn[(who, path)] = without_csrf_tokens(response.content.decode())
    return drawn


@pytest.mark.parametrize("state", ["full", "one_approved", "empty"])
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_queue_shows_byte_for_byte_what_its_old_template_showed(
    client_as, people, settings, monkeypatch, request, state, language
):
    request.getfixturevalue(state)
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    ours = _drawn(client_as, people, language)
    draw_with_templates_from(settings, OLD_TEMPLATES)
    theirs = _drawn(client_as, people, language)

    pages = list(ours.values())
    if state == "full":
        assert 'aria-current="page" href="?year=2022"' in pages[1] and "text-danger fw-bold" in pages[1]
        assert "Åsa &lt;b&gt; O&#x27;Brien &amp; &quot;Co&quot;" in pages[0] and "?page=2" in pages[0]
        assert "Digi &lt;arki&gt; &amp; &quot;me&quot;" in pages[0] + pages[3] + pages[4]
        assert 'href="/claims/payments/"' in pages[0] and 'href="/claims/payments/"' not in pages[len(PATHS)]
    for page, html in ours.items():
        assert html == theirs[page], page


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("count", [1, 2, 5, 7])
@pytest.mark.parametrize(("query", "tag"), [("", ""), ("kokous & <i>", ""), ("", "digi/arki é"), ("a b", "c&d")])
def test_the_pagination_is_what_its_include_draws(language, count, query, tag):
    paginator = Paginator(list(range(count)), 2)
    with translation.override(language):
        for number in paginator.page_range:
            page = paginator.page(number)
            context = {"page": page, "query": query, "tag": tag}
            assert pagination_markup(page, query, tag) == render_to_string("includes/pagination.html", context)
