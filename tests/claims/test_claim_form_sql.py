"""The claim form's two reads written in SQL give what the ORM queries they replace gave: the meetings and action days
the member may claim travel for (claimable_events, one UNION of the SQL of meetings.selectors and
meetings.actionday.selectors for meetings_attended_in_person and action_days_attended), and the member with the home
address (member_for_claim_form_or_404). Run on SQLite and, with DATABASE_URL, on PostgreSQL. The new claim form's page
drawn from them, its options kept as checked (forms.CheckedChoices), is the page as the ORM reads and Django's own
choice checking drew it: blank and with errors, in Finnish, Swedish and English."""

import re

import pytest
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from meetings.actionday.models import RegistrationStatus
from meetings.actionday.selectors import action_days_attended
from meetings.claims import forms as claim_forms
from meetings.claims import selectors as claim_selectors
from meetings.claims.selectors import claimable_events, member_for_claim_form_or_404
from meetings.models import Answer, MeetingStatus
from meetings.selectors import meetings_attended_in_person
from members.models import Member, TravelDetails
from tests.claims.factories import at, trip_post
from tests.factories import TravelDetailsFactory, UserFactory
from tests.meetings.factories import (
    ActionDayFactory,
    AttendanceAnswerFactory,
    AttendanceRecordFactory,
    MeetingFactory,
    ProgrammeItemFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


def orm_events(member):
    """claimable_events as it was: the two selectors' querysets, read as rows."""
    meetings = meetings_attended_in_person(member).values_list("pk", "title", "starts_at")
    action_days = action_days_attended(member).values_list("pk", "year", "theme")
    return list(meetings), list(action_days)


def as_tuples(events):
    meetings, action_days = events
    return [tuple(row) for row in meetings], [tuple(row) for row in action_days]


@pytest.fixture
def attendance(member, other_member):
    """Meetings and action days the member may and may not claim for, each kind of reason once, at distinct times."""
    me, other = member.member, other_member.member
    said = MeetingFactory(title="Kokous & <said>", starts_at=at(2024, 3, 1, 12))
    AttendanceAnswerFactory(meeting=said, member=me, answer=Answer.IN_PERSON)
    attended = MeetingFactory(title="Attended", starts_at=at(2025, 5, 2, 9, 30))
    AttendanceRecordFactory(meeting=attended, member=me, mode="in_person")
    both = MeetingFactory(title="Both", starts_at=at(2023, 1, 10, 23, 15))
    AttendanceAnswerFactory(meeting=both, member=me, answer=Answer.IN_PERSON)
    AttendanceRecordFactory(meeting=both, member=me, mode="in_person")
    AttendanceAnswerFactory(meeting=MeetingFactory(starts_at=at(2024, 6, 1, 12)), member=me, answer=Answer.REMOTE)
    AttendanceRecordFactory(meeting=MeetingFactory(starts_at=at(2024, 7, 1, 12)), member=me, mode="remote")
    for status in (MeetingStatus.CANCELLED, MeetingStatus.DRAFT):
        AttendanceAnswerFactory(meeting=MeetingFactory(status=status, starts_at=at(2024, 8, 1, 12)), member=me)
    AttendanceAnswerFactory(meeting=MeetingFactory(starts_at=at(2024, 9, 1, 12)), member=other)

    RegistrationFactory(action_day=ActionDayFactory(year=2021, theme="Registered"), member=me)
    RegistrationFactory(action_day=ActionDayFactory(year=2022, theme="By email"), email=me.email.upper())
    ProgrammeItemFactory(action_day=ActionDayFactory(year=2023, theme="Presenter"), presenters=[me])
    RegistrationFactory(action_day=ActionDayFactory(year=2024), member=me, status=RegistrationStatus.WAITING)
    RegistrationFactory(action_day=ActionDayFactory(year=2025), member=other)
    ProgrammeItemFactory(action_day=ActionDayFactory(year=2026), presenters=[other])
    return me


def test_claimable_events_are_the_meetings_and_action_days_the_orm_selectors_give(attendance):
    meetings, action_days = as_tuples(claimable_events(attendance))
    assert (meetings, action_days) == orm_events(attendance)
    assert [title for _pk, title, _starts_at in meetings] == ["Attended", "Kokous & <said>", "Both"]
    assert [theme for _pk, _year, theme in action_days] == ["Presenter", "By email", "Registered"]


def test_claimable_events_give_aware_starts_and_named_columns(attendance):
    meetings, action_days = claimable_events(attendance)
    assert meetings[0].starts_at == at(2025, 5, 2, 9, 30)
    assert meetings[0].starts_at.tzinfo is not None
    assert (action_days[0].year, action_days[0].theme) == (2023, "Presenter")


def test_a_member_with_nothing_to_claim_gets_two_empty_lists(other_member):
    assert claimable_events(other_member.member) == ([], []) == orm_events(other_member.member)


def orm_member(user):
    """member_for_claim_form_or_404's member as the ORM read it."""
    home_address = TravelDetails.objects.filter(member=OuterRef("pk")).order_by("pk").values("home_address")[:1]
    return Member.objects.filter(user=user).annotate(home_address=Coalesce(Subquery(home_address), Value(""))).first()


@pytest.mark.parametrize("home_address", ["Kotikatu 2 <b>", "", None])
def test_the_claim_forms_member_is_the_orm_ones_with_its_home_address(member, home_address):
    if home_address is not None:
        TravelDetailsFactory(member=member.member, home_address=home_address)
    ours, orm = member_for_claim_form_or_404(member), orm_member(member)
    assert ours == orm == member.member
    assert ours.home_address == orm.home_address == (home_address or "")
    fields = [field.attname for field in Member._meta.concrete_fields]
    assert [getattr(ours, name) for name in fields] == [getattr(orm, name) for name in fields]


def test_a_user_without_a_member_record_gets_a_404(db):
    with pytest.raises(Http404):
        member_for_claim_form_or_404(UserFactory())


def orm_claimable_events(member):
    """claimable_events as it was: the two selectors' querysets, as named rows."""
    meetings = meetings_attended_in_person(member).values_list("pk", "title", "starts_at", named=True)
    action_days = action_days_attended(member).values_list("pk", "year", "theme", named=True)
    return list(meetings), list(action_days)


def orm_member_or_404(user):
    member = orm_member(user)
    if member is None:
        raise Http404
    return member


def without_per_request_tokens(html):
    """The page without its CSRF token and script nonce, which change on every request."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', html)
    return re.sub(r'nonce="[^"]*"', 'nonce=""', html)


POSTS = {
    "blank": None,
    "errors": {"event": "meeting:0", "departure_at": "eilen", "distance_from_start_km": "1,234", "route": ""},
    "nothing typed": {},
    "calculate with an error": {"calculate": "1", "departure_at": "2022-03-15T07:00", "return_at": "2022-03-14T07:00"},
}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_new_claim_form_page_is_what_the_orm_reads_and_djangos_choices_drew(
    language, attendance, client_as, member, monkeypatch
):
    TravelDetailsFactory(member=attendance, home_address="Kotikatu 2 <b>")
    event = f"meeting:{meetings_attended_in_person(attendance).first().pk}"
    client = client_as(member)
    posts = {**POSTS, "chosen event, errors": {**trip_post(route=""), "event": event}}

    def pages():
        drawn = {}
        for name, data in posts.items():
            if data is None:
                response = client.get("/claims/new/", HTTP_ACCEPT_LANGUAGE=language)
            else:
                response = client.post("/claims/new/", data, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code == 200, name
            drawn[name] = without_per_request_tokens(response.content.decode())
        return drawn

    ours = pages()
    monkeypatch.setattr(claim_selectors, "claimable_events", orm_claimable_events)
    monkeypatch.setattr(claim_selectors, "member_for_claim_form_or_404", orm_member_or_404)
    monkeypatch.setattr(claim_forms, "CheckedChoices", list)  # Django's own checking and copying of the options
    before = pages()

    for name in posts:
        assert ours[name] == before[name], name
    assert "Kokous &amp; &lt;said&gt;" in ours["blank"]
    assert 'value="Kotikatu 2 &lt;b&gt;"' in ours["blank"]
    assert 'aria-invalid="true"' in ours["errors"]
    assert 'class="error-summary"' in ours["errors"]
    assert '<option value="meeting:0"' not in ours["errors"]
    assert f'<option value="{event}" selected>' in ours["chosen event, errors"]
