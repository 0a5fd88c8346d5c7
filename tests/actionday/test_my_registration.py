"""The action day from a registrant's side: the page says where they stand, they cancel in the portal, the emails
carry the times, the venue and a calendar file, and the front page shows the coming day (issue 16, item 5)."""

from datetime import date, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation
from icalendar import Calendar

from meetings.actionday import selectors
from meetings.actionday import services as action_day_services
from meetings.actionday.models import Registration, RegistrationStatus
from tests.meetings.factories import ActionDayFactory, RegistrationFactory
from tests.translated import finnish, finnish_html, shows


def register(action_day, email, name="Sari Laine", dietary_needs="kasvis", member=None):
    return action_day_services.registration_create(
        action_day=action_day,
        name=name,
        library="Uudenkaupungin kaupunginkirjasto",
        email=email,
        dietary_needs=dietary_needs,
        consent=True,
        member=member,
    )


def in_line(day, *emails):
    """Registrations made one after another, oldest first, as the waiting list orders them."""
    registrations = []
    for number, email in enumerate(emails):
        registration = RegistrationFactory(action_day=day, email=email, status=RegistrationStatus.WAITING)
        Registration.objects.filter(pk=registration.pk).update(created_at=timezone.now() - timedelta(hours=50 - number))
        registrations.append(registration)
    return registrations


def the_event(message):
    """The one calendar event attached to an email."""
    (attachment,) = message.attachments
    filename, content, mimetype = attachment
    assert filename == "action-day.ics"
    assert mimetype.startswith("text/calendar")
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    return event


def day_on_a_tuesday(**changes):
    # 19 May 2026 is a Tuesday; the factory's year is next year or later, so the day is chosen explicitly.
    year = timezone.localdate().year + 1
    while date(year, 5, 19).weekday() != 1:
        year += 1
    return ActionDayFactory(year=year, date=date(year, 5, 19), **changes)


# The emails


def test_the_confirmation_email_gives_the_times_the_venue_with_its_town_and_attaches_the_calendar_file(
    db, django_capture_on_commit_callbacks
):
    day = day_on_a_tuesday(starts_at=time(9), ends_at=time(15, 30))

    with django_capture_on_commit_callbacks(execute=True):
        register(day, "sari.laine@example.org")

    (message,) = mail.outbox
    assert f"ti 19.5.{day.year} klo 9.00–15.30" in message.body
    assert "Turun pääkirjasto, Studio, Linnankatu 2, Turku" in message.body
    assert "Sari Laine, sari.laine@example.org" in message.body
    assert "kasvis" in message.body
    event = the_event(message)
    assert event["dtstart"].dt.isoformat() == f"{day.year}-05-19T09:00:00+03:00"
    assert str(event["dtstart"].dt.tzinfo) == "Europe/Helsinki"
    assert event["dtend"].dt.isoformat() == f"{day.year}-05-19T15:30:00+03:00"
    assert str(event["location"]) == "Turun pääkirjasto, Studio, Linnankatu 2, Turku"
    assert str(event["summary"]) == day.theme


def test_a_day_without_a_start_time_is_a_whole_day_in_the_calendar_file(db, django_capture_on_commit_callbacks):
    day = day_on_a_tuesday(starts_at=None, ends_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        register(day, "sari.laine@example.org")

    (message,) = mail.outbox
    assert f"ti 19.5.{day.year}\n" in message.body
    event = the_event(message)
    assert event["dtstart"].dt == date(day.year, 5, 19)
    assert event["dtend"].dt == date(day.year, 5, 20)


def test_the_waiting_list_moved_up_and_confirmed_emails_carry_the_calendar_file_too(
    db, django_capture_on_commit_callbacks
):
    day = day_on_a_tuesday(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = register(day, "eka@example.org")
        waiting = register(day, "toka@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        action_day_services.registration_cancel(token=first.cancel_token)
    with django_capture_on_commit_callbacks(execute=True):
        action_day_services.registration_confirm(token=waiting.cancel_token)

    subjects = [(message.to, message.subject) for message in mail.outbox]
    with translation.override("fi"):
        assert subjects == [
            (["eka@example.org"], "[Digitutor] " + finnish("Your place at the action day is confirmed")),
            (["toka@example.org"], "[Digitutor] " + finnish("You are on the waiting list for the action day")),
            (["toka@example.org"], "[Digitutor] " + finnish("A place at the action day has opened for you")),
            (["toka@example.org"], "[Digitutor] " + finnish("Your action-day registration is confirmed")),
        ]
    for message in mail.outbox:
        assert the_event(message)["location"] == "Turun pääkirjasto, Studio, Linnankatu 2, Turku"
        assert f"19.5.{day.year} klo 9.00–15.30" in message.body


def test_confirming_twice_sends_the_confirmed_email_once(db, django_capture_on_commit_callbacks):
    registration = RegistrationFactory(confirmed_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        action_day_services.registration_confirm(token=registration.cancel_token)
        action_day_services.registration_confirm(token=registration.cancel_token)

    assert len(mail.outbox) == 1


def test_the_days_calendar_file_downloads_from_its_page(client, db):
    day = ActionDayFactory()

    response = client.get(f"/action-day/{day.year}/calendar.ics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["summary"]) == day.theme
    assert f'href="/action-day/{day.year}/calendar.ics"' in client.get(f"/action-day/{day.year}/").text


def test_an_unpublished_days_calendar_file_is_not_found(client, db):
    day = ActionDayFactory(published=False)

    assert client.get(f"/action-day/{day.year}/calendar.ics").status_code == 404


# The place on the waiting list


def test_the_waiting_list_place_is_the_number_of_people_ahead_plus_one_and_moves_up(db):
    day = ActionDayFactory(capacity=1)
    RegistrationFactory(action_day=day)
    first, second, third = in_line(day, "eka@example.org", "toka@example.org", "kolmas@example.org")
    anonymous = type("Anonymous", (), {"is_authenticated": False})()

    def place(registration):
        return selectors.registration_of(action_day=day, user=anonymous, token=registration.cancel_token).waiting_place

    assert [place(first), place(second), place(third)] == [1, 2, 3]

    action_day_services.registration_cancel(token=first.cancel_token)

    assert [place(second), place(third)] == [1, 2]


def test_a_confirmed_place_has_no_waiting_list_number(client_as, member):
    day = ActionDayFactory()
    RegistrationFactory(action_day=day, email=member.email)

    assert not hasattr(selectors.registration_of(action_day=day, user=member), "waiting_place")


# The page


def test_a_registered_member_sees_that_they_are_registered_with_what_instead_of_the_form(client_as, member):
    day = ActionDayFactory()
    register(day, member.email, name="Maija Tapio", dietary_needs="gluteeniton", member=member.member)

    response = client_as(member).get(f"/action-day/{day.year}/")

    assert shows(response, finnish("You are registered"))
    assert "Maija Tapio" in response.text and member.email in response.text and "gluteeniton" in response.text
    assert 'name="email"' not in response.text
    assert f'href="/action-day/{day.year}/cancel/"' in response.text
    assert "Ei vielä vahvistettu" not in response.text  # logged in with their own address: confirmed at once


def test_a_member_on_the_waiting_list_sees_their_true_place(client_as, member):
    day = ActionDayFactory(capacity=1)
    RegistrationFactory(action_day=day)
    in_line(day, "eka@example.org", member.email)

    response = client_as(member).get(f"/action-day/{day.year}/")

    assert finnish_html("You are on the waiting list, place %(place)s", place=2) in response.text
    assert "Olet varasijalla 2" in response.text


def test_an_anonymous_registrant_sees_the_registration_and_that_it_waits_for_confirmation(client, db):
    day = ActionDayFactory()

    client.post(
        f"/action-day/{day.year}/",
        {"name": "Sari Laine", "library": "Rauma", "email": "sari.laine@example.org", "consent": "on"},
    )
    response = client.get(f"/action-day/{day.year}/")

    assert shows(response, finnish("You are registered"))
    assert "sari.laine@example.org" in response.text
    with translation.override("fi"):
        pending = translation.ngettext(
            "Not confirmed yet: open the link we sent to %(email)s and confirm within %(hours)s hour of registering, "
            "or the registration is cancelled.",
            "Not confirmed yet: open the link we sent to %(email)s and confirm within %(hours)s hours of registering, "
            "or the registration is cancelled.",
            48,
        ) % {"email": "sari.laine@example.org", "hours": 48}
    assert shows(response, pending)
    assert "Ei vielä vahvistettu" in pending
    # Someone anonymous cancels with the emailed link: no button that would need a login.
    assert f"/action-day/{day.year}/cancel/" not in response.text
    assert shows(response, finnish("If you cannot come, cancel with the link in the email we sent you."))


def test_someone_else_on_the_same_day_still_gets_the_form(client_as, member, other_member):
    day = ActionDayFactory()
    RegistrationFactory(action_day=day, email=member.email)

    response = client_as(other_member).get(f"/action-day/{day.year}/")

    assert 'name="email"' in response.text
    assert not shows(response, finnish("You are registered"))


# Cancelling in the portal


def test_the_member_cancels_in_the_portal_after_a_confirmation_step_and_the_first_waiting_moves_up(
    client_as, member, django_capture_on_commit_callbacks
):
    day = ActionDayFactory(capacity=1)
    mine = RegistrationFactory(action_day=day, email=member.email)
    (waiting,) = in_line(day, "jonossa@example.org")
    client = client_as(member)

    asked = client.get(f"/action-day/{day.year}/cancel/")
    mine.refresh_from_db()
    assert asked.status_code == 200 and mine.status == RegistrationStatus.CONFIRMED
    assert shows(asked, finnish("Yes, cancel my registration"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/action-day/{day.year}/cancel/", follow=True)

    assert response.redirect_chain == [(f"/action-day/{day.year}/", 302)]
    assert finnish_html("Your registration was cancelled.") in response.text
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert [message.to for message in mail.outbox] == [["jonossa@example.org"]]
    assert 'name="email"' in response.text  # free to register again


def test_cancel_page_without_a_registration_is_not_found_and_changes_nothing(client_as, member, other_member):
    day = ActionDayFactory()
    theirs = RegistrationFactory(action_day=day, email=other_member.email)

    assert client_as(member).get(f"/action-day/{day.year}/cancel/").status_code == 404
    assert client_as(member).post(f"/action-day/{day.year}/cancel/").status_code == 404

    theirs.refresh_from_db()
    assert theirs.status == RegistrationStatus.CONFIRMED


def test_cancelling_in_the_portal_needs_a_login(client, db):
    day = ActionDayFactory()

    response = client.post(f"/action-day/{day.year}/cancel/")

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_past_days_registration_cannot_be_cancelled_in_the_portal(client_as, member):
    day = ActionDayFactory(date=timezone.localdate() - timedelta(days=1), year=timezone.localdate().year - 1)
    mine = RegistrationFactory(action_day=day, email=member.email)

    page = client_as(member).get(f"/action-day/{day.year}/")
    response = client_as(member).post(f"/action-day/{day.year}/cancel/", follow=True)

    assert f"/action-day/{day.year}/cancel/" not in page.text
    assert finnish_html("This action day is already over.") in response.text
    mine.refresh_from_db()
    assert mine.status == RegistrationStatus.CONFIRMED


# The front page


@pytest.mark.parametrize(
    ("changes", "registrations", "expected"),
    [
        ({"capacity": 2}, 1, "Registration is open"),
        ({"capacity": 1}, 1, "New registrations go to the waiting list."),
        ({"registration_open": False}, 0, "Registration is closed"),
    ],
)
def test_the_front_page_shows_the_coming_action_day_and_whether_registration_is_open(
    client, db, changes, registrations, expected
):
    day = day_on_a_tuesday(**changes)
    for _number in range(registrations):
        RegistrationFactory(action_day=day)

    response = client.get("/")

    assert day.theme in response.text
    assert f'href="/action-day/{day.year}/"' in response.text
    assert f"19.5.{day.year}" in response.text and "Turun pääkirjasto, Studio" in response.text
    assert shows(response, finnish(expected))


def test_members_see_the_coming_action_day_on_their_front_page(client_as, member):
    day = ActionDayFactory()

    response = client_as(member).get("/")

    assert day.theme in response.text
    assert shows(response, finnish("The coming action day"))


def test_the_front_page_skips_past_and_unpublished_days(client, db):
    ActionDayFactory(year=timezone.localdate().year - 1, date=timezone.localdate() - timedelta(days=1), theme="Ohi")
    ActionDayFactory(published=False, theme="Luonnos")

    response = client.get("/")

    assert "Ohi" not in response.text and "Luonnos" not in response.text
    assert shows(response, finnish("The next action day has not been published yet."))


def test_the_coming_action_day_is_one_query_however_many_registered(db, django_assert_num_queries):
    day = ActionDayFactory(capacity=50)
    for _number in range(20):
        RegistrationFactory(action_day=day)

    with django_assert_num_queries(1):
        coming = selectors.action_day_coming()

    assert (coming.pk, coming.places_left, coming.state) == (day.pk, 30, "open")
