"""Claim rows drawn more cheaply than before, with the same markup: the back office's list and the decision queue."""

import re
from decimal import Decimal

import pytest
from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.views.main import ChangeList

from digitutor.roles import Role
from meetings.claims.admin import TravelClaimChangeList
from meetings.claims.models import ClaimStatus
from tests.claims.factories import TravelClaimFactory, claim_in
from tests.factories import UserFactory, member_for
from tests.meetings.factories import ActionDayFactory


def _without_csrf_tokens(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("query", ["", "?status__exact=approved&q=O%27Brien"])
def test_the_claim_lists_rows_are_drawn_as_djangos_own_code_draws_them(
    client_as, member, chair, treasurer, monkeypatch, language, query
):
    odd = UserFactory(email="o.brien@example.org", first_name="Åsa <b>", last_name="O'Brien & Co", roles=[Role.MEMBER])
    member_for(odd)
    for status, user in [(ClaimStatus.SUBMITTED, member), (ClaimStatus.APPROVED, odd), (ClaimStatus.DRAFT, odd)]:
        claim_in(status, user, approver=chair)
    TravelClaimFactory(
        member=odd.member,
        meeting=None,
        action_day=ActionDayFactory(theme='Digi <arki> & "me"'),
        status=ClaimStatus.APPROVED,
        total=Decimal("12345.67"),
    )
    client = client_as(treasurer)
    client.cookies["django_language"] = language

    ours = client.get(f"/admin/claims/travelclaim/{query}")
    monkeypatch.setattr(TravelClaimChangeList, "url_for_result", ChangeList.url_for_result)
    monkeypatch.setattr(TravelClaimChangeList, "rows", admin_list.results)
    djangos = client.get(f"/admin/claims/travelclaim/{query}")

    assert ours.status_code == djangos.status_code == 200
    assert 'class="action-select"' in ours.text
    assert "O&#x27;Brien &amp; Co" in ours.text
    assert "Digi &lt;arki&gt; &amp; &quot;me&quot;" in ours.text
    if query:
        assert "_changelist_filters=" in ours.text
    assert _without_csrf_tokens(ours.text) == _without_csrf_tokens(djangos.text)


def _queue_items_as_format_html_join_wrote_them(claims, with_event=True):
    """The decision queue's rows as claim_rows.queue_items wrote them before it left format_html_join."""
    from django.urls import reverse
    from django.utils.html import format_html_join

    from digitutor.templatetags.formatting import euros

    cells = " · {} · {} · {}</li>" if with_event else " · {} · {}</li>"
    pattern = '<li class="list-group-item"><a href="{}"><span class="claim-number">{}</span></a>' + cells
    return format_html_join(
        "",
        pattern,
        (
            (
                reverse("claim_queue_detail", kwargs={"pk": claim.pk}),
                claim.number,
                claim.member.full_name,
                *((claim.event,) if with_event else ()),
                euros(claim.total),
            )
            for claim in claims
        ),
    )


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("with_event", [True, False])
def test_the_queues_rows_are_the_markup_format_html_join_gave(db, language, with_event):
    from decimal import Decimal

    from django.utils import translation

    from meetings.claims.selectors import QueueClaim
    from meetings.claims.templatetags.claim_rows import queue_items
    from tests.claims.factories import TravelClaimFactory
    from tests.factories import MemberFactory

    odd = MemberFactory(first_name="Åsa <b>", last_name='O\'Brien & "Co"')
    claims = [
        TravelClaimFactory(member=odd, total=Decimal("1234.50"), meeting__title="Kokous <i>& ystävät</i>"),
        TravelClaimFactory(total=Decimal("0.00")),
        TravelClaimFactory(total=Decimal("-1234567.89"), meeting=None, action_day=ActionDayFactory(theme="<Päivä>")),
    ]

    rows = [QueueClaim(claim.pk, claim.number, claim.member.full_name, claim.event, claim.total) for claim in claims]

    with translation.override(language):
        assert queue_items(rows, with_event) == _queue_items_as_format_html_join_wrote_them(claims, with_event)
        assert "Åsa &lt;b&gt;" in queue_items(rows, with_event)


def _payment_batch_rows_as_format_html_wrote_them(context, batches, paid_on):
    """The payment batches' rows as claim_rows.payment_batch_rows wrote them before it left format_html."""
    from django.template.defaulttags import CsrfTokenNode
    from django.urls import reverse
    from django.utils.formats import date_format
    from django.utils.html import format_html
    from django.utils.safestring import mark_safe
    from django.utils.timezone import template_localtime
    from django.utils.translation import gettext

    from digitutor.templatetags.formatting import euros

    csrf_input = CsrfTokenNode().render(context)
    rows = []
    for batch in batches:
        if batch.paid_on:
            paid = date_format(batch.paid_on, "DATE_FORMAT")
        else:
            paid = format_html(
                '<form method="post" action="{action}" class="d-flex flex-wrap gap-2 align-items-end" novalidate>'
                '{csrf}<div><label class="form-label small" for="paid-on-{pk}">{label}</label><input '
                'class="form-control form-control-sm" type="date" name="paid_on" id="paid-on-{pk}" value="{value}" '
                'required></div><button type="submit" class="btn btn-sm btn-primary">{button}<span '
                'class="visually-hidden"> {pk}</span></button></form>',
                action=reverse("claim_payment_batch_paid", args=[batch.pk]),
                csrf=csrf_input,
                pk=batch.pk,
                label=gettext("Paid on"),
                value=date_format(paid_on, "Y-m-d"),
                button=gettext("Mark paid"),
            )
        rows.append(
            format_html(
                '<tr><th scope="row"><a href="{detail}">{pk}</a></th><td>{made}, {by}</td><td>{count}</td>'
                '<td class="text-end">{total}</td><td><a href="{xml}">{bank_file}<span class="visually-hidden"> {pk}'
                '</span></a> · <a href="{csv}">CSV<span class="visually-hidden"> {pk}</span></a> · <a href="{xlsx}">'
                'Excel<span class="visually-hidden"> {pk}</span></a></td><td>{paid}</td></tr>',
                pk=batch.pk,
                detail=reverse("claim_payment_batch_detail", args=[batch.pk]),
                made=date_format(template_localtime(batch.created_at), "DATE_FORMAT"),
                by=batch.created_by,
                count=batch.claim_count,
                total=euros(batch.claims_total or 0),
                xml=reverse("claim_payment_batch", args=[batch.pk, "xml"]),
                bank_file=gettext("Bank file"),
                csv=reverse("claim_payment_batch", args=[batch.pk, "csv"]),
                xlsx=reverse("claim_payment_batch", args=[batch.pk, "xlsx"]),
                paid=paid,
            )
        )
    return mark_safe("\n".join(rows))


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_payment_batches_rows_are_the_markup_format_html_gave(db, language):
    from datetime import date

    from django.template import Context
    from django.utils import translation

    from meetings.claims import selectors
    from meetings.claims.models import PaymentBatch
    from meetings.claims.templatetags.claim_rows import payment_batch_rows

    maker = UserFactory(email="o.brien@example.org", first_name="Åsa <b>", last_name="O'Brien & Co")
    paid = PaymentBatch.objects.create(created_by=maker, paid_on=date(2024, 12, 31))
    open_batch = PaymentBatch.objects.create(created_by=maker)
    empty = PaymentBatch.objects.create(created_by=maker)
    TravelClaimFactory.create_batch(2, batch=paid, status=ClaimStatus.PAID, total=Decimal("1234567.89"))
    TravelClaimFactory(batch=open_batch, status=ClaimStatus.APPROVED, total=Decimal("0.05"))
    batches = selectors.payment_batches()[:25]
    assert {batch.pk for batch in batches} == {paid.pk, open_batch.pk, empty.pk}
    context = Context({"csrf_token": "token&<x>"})

    with translation.override(language):
        ours = payment_batch_rows(context, batches, date(2025, 1, 2))
        assert ours == _payment_batch_rows_as_format_html_wrote_them(context, batches, date(2025, 1, 2))
        assert "Åsa &lt;b&gt; O&#x27;Brien &amp; Co" in ours


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_lists_euros_are_written_as_the_euros_filter_writes_them(language):
    from django.utils import translation

    from digitutor.templatetags.formatting import escape_text, euros
    from meetings.claims.templatetags.claim_rows import euro_formatter

    amounts = [None, "", 0, Decimal("0.00"), Decimal("0.004"), Decimal("-12.5"), Decimal("1234.5"), "98765.4321"]
    amounts += [Decimal("1234567.891"), 7, 12.25]
    # Amounts to the cent, as the database gives them (written by Python's format): small, large, negative, zero.
    amounts += [Decimal(text) for text in ("0.01", "-0.01", "-0.00", "999.99", "1000.00", "-1234567.89", "12.30")]
    amounts += [Decimal("123456789012.34"), Decimal("100000.00"), Decimal("-100.00")]
    # Sums as SQLite gives them: less precise than the cent, or finer (floating point), and whole.
    amounts += [Decimal(text) for text in ("12345.6", "-0.5", "1085.8999999999999", "2500", "-1200", "1E+3")]
    with translation.override(language):
        euros_of, html_of = euro_formatter(), euro_formatter(html=True)
        assert [euros_of(amount) for amount in amounts] == [euros(amount) for amount in amounts]
        assert [html_of(amount) for amount in amounts] == [escape_text(euros(amount)) for amount in amounts]


def test_a_lists_euros_are_escaped_for_html_with_their_separators(monkeypatch):
    from meetings.claims.templatetags import claim_rows

    formats = {"NUMBER_GROUPING": 3, "THOUSAND_SEPARATOR": "<&>", "DECIMAL_SEPARATOR": "'"}
    monkeypatch.setattr(claim_rows, "get_format", lambda name, *args, **kwargs: formats[name])

    assert claim_rows.euro_formatter(html=True)(Decimal("1234.50")) == "1&lt;&amp;&gt;234&#x27;50\u00a0€"
    assert claim_rows.euro_formatter()(Decimal("1234.50")) == "1<&>234'50\u00a0€"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_lists_dates_are_written_as_dateformat_writes_them(language):
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from django.utils import dateformat, translation
    from django.utils.formats import get_format

    from meetings.claims.templatetags.claim_rows import date_formatter

    helsinki = ZoneInfo("Europe/Helsinki")
    dates = [date(2024, month, month * 2) for month in range(1, 13)]
    dates += [datetime(2023, 12, 31, 23, 30, tzinfo=helsinki), datetime(2024, 3, 31, 3, 30, tzinfo=helsinki)]
    with translation.override(language):
        date_of = date_formatter()
        assert [date_of(value) for value in dates] == [
            dateformat.format(value, get_format("DATE_FORMAT")) for value in dates
        ]


def test_a_lists_dates_keep_the_formats_escaped_letters_and_literal_text(monkeypatch):
    from datetime import date

    from django.utils import dateformat

    from meetings.claims.templatetags import claim_rows

    pattern = r"\d\a\y j.n. \o\f Y (l)"
    monkeypatch.setattr(claim_rows, "get_format", lambda name: pattern)

    assert claim_rows.date_formatter()(date(2024, 2, 29)) == dateformat.format(date(2024, 2, 29), pattern)
    assert claim_rows.date_formatter()(date(2024, 2, 29)) == "day 29.2. of 2024 (torstai)"  # Finnish by default


@pytest.mark.parametrize("pattern", ["{j}. E Y", "j F Y }{", "n/j/Y", r"j \E E"])
def test_a_lists_dates_in_the_quick_formats_keep_their_literal_text(monkeypatch, pattern):
    from datetime import date

    from django.utils import dateformat

    from meetings.claims.templatetags import claim_rows

    monkeypatch.setattr(claim_rows, "get_format", lambda name: pattern)
    dates = [date(2024, month, 1) for month in range(1, 13)]

    assert [claim_rows.date_formatter()(day) for day in dates] == [dateformat.format(day, pattern) for day in dates]
