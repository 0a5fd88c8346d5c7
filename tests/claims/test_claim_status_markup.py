"""A claim's state badge, meter and steps and the rows of My claims, written with f-strings, are what format_html and
format_html_join wrote, in every state and language."""

from datetime import UTC, datetime

import pytest
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from digitutor.templatetags.formatting import euros
from digitutor.templatetags.icons import icon_html
from meetings.claims import selectors
from meetings.claims.models import ClaimStatus, TravelClaim
from meetings.claims.templatetags.claim_rows import _event_namer, my_claim_rows
from meetings.claims.templatetags.claim_status import ICONS, POSITION, STEPS, TODO_ICON, claim_steps, status_badge
from tests.claims.factories import claim_in
from tests.meetings.factories import ActionDayFactory, MeetingFactory


def _badge_as_format_html_wrote_it(status, label):
    return format_html(
        '<span class="badge claim-status claim-status-{}">{}{}</span>', status, icon_html(ICONS.get(status, "")), label
    )


def _steps_as_format_html_wrote_them(claim):
    labels = dict(ClaimStatus.choices)
    reached = POSITION.get(claim.status, 0)
    done, now = gettext("done"), gettext("current step")
    items = []
    for index, step in enumerate(STEPS):
        if index == reached and claim.status == ClaimStatus.RETURNED:
            step = ClaimStatus.RETURNED
        if index < reached or claim.status == ClaimStatus.PAID:
            state, note = "done", done
        elif index == reached:
            state, note = "current", now
        else:
            state, note = "todo", ""
        items.append(
            format_html(
                '<li class="claim-step claim-step-{} claim-step-{}"{}><span class="claim-step-mark">{}</span>'
                '<span class="claim-step-label">{}{}</span></li>',
                state,
                step,
                mark_safe(' aria-current="step"') if state == "current" else "",
                icon_html(ICONS[step] if state != "todo" else TODO_ICON),
                labels[step],
                format_html(' <span class="visually-hidden">({})</span>', note) if note else "",
            )
        )
    return format_html(
        '<ol class="claim-steps" aria-label="{}">{}</ol>',
        gettext("Steps of the claim"),
        format_html_join("", "{}", ((i,) for i in items)),
    )


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("status", ClaimStatus.values)
def test_the_badge_and_the_steps_are_what_format_html_wrote(status, language):
    claim = TravelClaim(status=status)
    with translation.override(language):
        label = claim.get_status_display()

        assert status_badge(status, label) == _badge_as_format_html_wrote_it(status, label)
        assert claim_steps(claim) == _steps_as_format_html_wrote_them(claim)
    assert 'aria-current="step"' in claim_steps(claim) or status == ClaimStatus.PAID


def test_a_label_with_markup_characters_is_escaped():
    assert status_badge("draft", "<Luonnos & co>") == _badge_as_format_html_wrote_it("draft", "<Luonnos & co>")
    assert "&lt;Luonnos &amp; co&gt;" in status_badge("draft", "<Luonnos & co>")


def _meter_as_format_html_wrote_it(status):
    reached = POSITION.get(status, 0)
    return format_html(
        '<span class="claim-meter claim-meter-{}" aria-hidden="true">{}</span>',
        status,
        format_html_join(
            "",
            '<span class="{}"></span>',
            (("on at" if i == reached else "on" if i < reached else "",) for i in range(len(STEPS))),
        ),
    )


def _my_claim_rows_as_format_html_join_wrote_them(claims):
    labels = {value: str(label) for value, label in ClaimStatus.choices}
    return format_html_join(
        "\n",
        '<tr><th scope="row"><a href="{}"><span class="claim-number">{}</span></a></th><td>{}</td>'
        '<td><span class="claim-state">{}{}</span></td><td class="text-end">{}</td></tr>',
        (
            (
                claim.get_absolute_url(),
                claim.number,
                claim.event,
                _badge_as_format_html_wrote_it(claim.status, labels[claim.status]),
                _meter_as_format_html_wrote_it(claim.status),
                euros(claim.total),
            )
            for claim in claims
        ),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_my_claims_rows_are_what_format_html_join_wrote(member, chair, treasurer, language):
    for status in ClaimStatus.values:
        meeting = MeetingFactory(title=f"Kokous <{status}> & co")
        claim_in(status, member, approver=chair, payer=treasurer, meeting=meeting)
    claims = list(selectors.claims_for_member(member.member))
    with translation.override(language):
        ours = my_claim_rows(claims)

        assert ours == _my_claim_rows_as_format_html_join_wrote_them(claims)
    assert ours.count("<tr>") == 5
    assert "Kokous &lt;draft&gt; &amp; co" in ours
    read_in_sql = selectors.my_claims(user=member, page=None, per_page=25)[0:25]  # as the page reads them
    with translation.override(language):
        assert my_claim_rows(read_in_sql) == ours


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_claim_rows_name_meetings_and_action_days_as_their_own_names_do(language):
    # 22:30 UTC is the next day in Finland: the day is the local one, as Meeting.__str__ writes it.
    late = MeetingFactory(title="Ilta <kokous>", starts_at=datetime(2023, 12, 31, 22, 30, tzinfo=UTC))
    early = MeetingFactory(title="Aamu", starts_at=datetime(2024, 3, 5, 6, 0, tzinfo=UTC))
    day = ActionDayFactory(year=2023, theme="Digi & me")
    with translation.override(language):
        name_of = _event_namer()

        assert [name_of(event) for event in (late, early, day)] == [str(late), str(early), str(day)]
