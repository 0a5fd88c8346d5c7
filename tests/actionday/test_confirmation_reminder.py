"""One reminder before an action-day registration's confirmation time runs out (issue 15)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import translation

from meetings.actionday import services
from meetings.actionday.models import Registration, RegistrationStatus
from tests.meetings.factories import ActionDayFactory, RegistrationFactory

HELSINKI = ZoneInfo("Europe/Helsinki")
REGISTERED = datetime(2026, 3, 2, 10, 15, tzinfo=HELSINKI)
SUBJECT = "Confirm your registration for the action day"


def register(language="fi", email="sari.laine@example.org"):
    with time_machine.travel(REGISTERED, tick=False), translation.override(language):
        return services.registration_create(
            action_day=ActionDayFactory(),
            name="Sari Laine",
            library="Uudenkaupungin kaupunginkirjasto",
            email=email,
            dietary_needs="",
            consent=True,
        )


def remind_at(moment, capture):
    mail.outbox.clear()
    with time_machine.travel(moment, tick=False), capture(execute=True):
        call_command("remind_unconfirmed_registrations")
    return list(mail.outbox)


def translated(language, msgid):
    with translation.override(language):
        return translation.gettext(msgid)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_an_unconfirmed_registrant_is_reminded_once_with_24_hours_left_in_their_language_with_the_link(
    db, django_capture_on_commit_callbacks, language
):
    registration = register(language)
    assert translated(language, SUBJECT) != SUBJECT  # the catalogue has it: the test would otherwise prove nothing

    assert remind_at(REGISTERED + timedelta(hours=23, minutes=59), django_capture_on_commit_callbacks) == []
    [reminder] = remind_at(REGISTERED + timedelta(hours=24), django_capture_on_commit_callbacks)
    assert remind_at(REGISTERED + timedelta(hours=30), django_capture_on_commit_callbacks) == []
    assert remind_at(REGISTERED + timedelta(hours=47), django_capture_on_commit_callbacks) == []

    assert reminder.to == ["sari.laine@example.org"]
    assert translated(language, SUBJECT) in reminder.subject
    assert registration.get_confirm_url() in reminder.body
    assert registration.get_cancel_url() in reminder.body
    assert "4.3.2026" in reminder.body  # the time runs out 48 hours after registering, in the Finnish date form
    with translation.override(language):
        when = registration.action_day.when_text  # "ti 19.5.2026 klo 9.00–15.30", as the page and the other emails
    assert f": {when}\n" in reminder.body


def test_a_confirmed_or_cancelled_registration_gets_no_reminder(db, django_capture_on_commit_callbacks):
    registration = register()
    cancelled = register(email="peruttu@example.org")
    Registration.objects.filter(pk=registration.pk).update(confirmed_at=REGISTERED + timedelta(hours=1))
    Registration.objects.filter(pk=cancelled.pk).update(status=RegistrationStatus.CANCELLED)

    assert remind_at(REGISTERED + timedelta(hours=25), django_capture_on_commit_callbacks) == []


def test_a_registration_whose_time_ran_out_while_the_job_was_stopped_is_not_reminded_after_the_fact(
    db, django_capture_on_commit_callbacks
):
    register()

    assert remind_at(REGISTERED + timedelta(hours=48, minutes=1), django_capture_on_commit_callbacks) == []


def test_members_confirmed_at_once_and_a_past_days_registrations_get_no_reminder(
    db, django_capture_on_commit_callbacks
):
    RegistrationFactory(confirmed_at=REGISTERED)
    with time_machine.travel(REGISTERED, tick=False):
        RegistrationFactory(confirmed_at=None, action_day=ActionDayFactory(year=2025))

    assert remind_at(REGISTERED + timedelta(hours=25), django_capture_on_commit_callbacks) == []


def test_the_reminder_time_is_a_setting(db, settings, django_capture_on_commit_callbacks):
    settings.DIGITUTOR_ACTION_DAY_CONFIRMATION_REMINDER_HOURS = 6
    register()

    assert remind_at(REGISTERED + timedelta(hours=41), django_capture_on_commit_callbacks) == []
    assert len(remind_at(REGISTERED + timedelta(hours=42), django_capture_on_commit_callbacks)) == 1


def test_after_the_reminder_the_unconfirmed_place_is_still_released_at_48_hours(db, django_capture_on_commit_callbacks):
    registration = register()
    remind_at(REGISTERED + timedelta(hours=24), django_capture_on_commit_callbacks)

    with time_machine.travel(REGISTERED + timedelta(hours=48, minutes=1), tick=False):
        call_command("release_unconfirmed_registrations")

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
