"""The action day: registration with capacity and a waiting list, cancellation with the personal link, emails."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.html import escape

from digitutor.errors import DomainError
from meetings.actionday import services as action_day_services
from meetings.actionday.models import ActionDay, Registration, RegistrationStatus
from meetings.actionday.selectors import action_day_costs, with_cost_totals
from tests.meetings.factories import ActionDayFactory, CostLineFactory, RegistrationFactory
from tests.translated import finnish, finnish_html, shows


def register(action_day, email, name="Sari Laine", consent=True):
    return action_day_services.registration_create(
        action_day=action_day,
        name=name,
        library="Uudenkaupungin kaupunginkirjasto",
        email=email,
        dietary_needs="kasvis",
        consent=consent,
    )


def statuses(action_day):
    return list(action_day.registrations.order_by("created_at", "pk").values_list("email", "status"))


# Registration


def test_places_are_confirmed_up_to_the_capacity_and_then_people_wait(db):
    day = ActionDayFactory(capacity=2)

    for number in range(4):
        register(day, f"person{number}@example.org")

    assert statuses(day) == [
        ("person0@example.org", RegistrationStatus.CONFIRMED),
        ("person1@example.org", RegistrationStatus.CONFIRMED),
        ("person2@example.org", RegistrationStatus.WAITING),
        ("person3@example.org", RegistrationStatus.WAITING),
    ]


def test_a_cancelled_place_does_not_count_against_the_capacity(db):
    day = ActionDayFactory(capacity=1)
    RegistrationFactory(action_day=day, status=RegistrationStatus.CANCELLED)

    registration = register(day, "uusi@example.org")

    assert registration.status == RegistrationStatus.CONFIRMED


@pytest.mark.parametrize("again", ["sari.laine@example.org", "Sari.Laine@Example.org", "  SARI.LAINE@EXAMPLE.ORG "])
def test_a_second_registration_with_the_same_email_is_refused(db, again):
    day = ActionDayFactory()
    register(day, "sari.laine@example.org")

    with pytest.raises(DomainError):
        register(day, again, name="Toinen Sari")

    assert statuses(day) == [("sari.laine@example.org", RegistrationStatus.CONFIRMED)]


def test_someone_who_cancelled_may_register_again(db):
    day = ActionDayFactory()
    RegistrationFactory(action_day=day, email="sari.laine@example.org", status=RegistrationStatus.CANCELLED)

    registration = register(day, "sari.laine@example.org")

    assert registration.status == RegistrationStatus.CONFIRMED


def test_a_registration_without_consent_is_refused(db):
    day = ActionDayFactory()

    with pytest.raises(DomainError):
        register(day, "sari.laine@example.org", consent=False)

    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"registration_open": False}, id="closed"),
        pytest.param({"published": False}, id="unpublished"),
        pytest.param({"date": date.today() - timedelta(days=1)}, id="past"),
    ],
)
def test_registration_for_a_closed_unpublished_or_past_day_is_refused(db, changes):
    day = ActionDayFactory(**changes)

    with pytest.raises(DomainError):
        register(day, "sari.laine@example.org")

    assert not Registration.objects.exists()


# Cancelling and the waiting list


def test_cancelling_a_place_promotes_the_first_on_the_waiting_list_and_tells_them(
    db, django_capture_on_commit_callbacks
):
    day = ActionDayFactory(capacity=1)
    leaving = RegistrationFactory(action_day=day, email="lahtija@example.org")
    first = RegistrationFactory(action_day=day, email="ensimmainen@example.org", status=RegistrationStatus.WAITING)
    second = RegistrationFactory(action_day=day, email="toinen@example.org", status=RegistrationStatus.WAITING)
    # The first in line registered earlier, though her row was written later.
    Registration.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(days=2))
    Registration.objects.filter(pk=second.pk).update(created_at=timezone.now() - timedelta(days=1))
    Registration.objects.filter(pk=leaving.pk).update(created_at=timezone.now() - timedelta(days=3))

    with django_capture_on_commit_callbacks(execute=True):
        cancelled, promoted = action_day_services.registration_cancel(token=leaving.cancel_token)

    assert cancelled.pk == leaving.pk
    assert promoted.pk == first.pk
    assert dict(statuses(day)) == {
        "lahtija@example.org": RegistrationStatus.CANCELLED,
        "ensimmainen@example.org": RegistrationStatus.CONFIRMED,
        "toinen@example.org": RegistrationStatus.WAITING,
    }
    (message,) = mail.outbox
    assert message.to == ["ensimmainen@example.org"]
    assert first.get_cancel_url() in message.body


def test_the_oldest_waiting_registration_moves_up_first_when_they_registered_in_order(
    db, django_capture_on_commit_callbacks
):
    day = ActionDayFactory(capacity=1)
    leaving = register(day, "lahtija@example.org")
    register(day, "ensimmainen@example.org")
    register(day, "toinen@example.org")

    action_day_services.registration_cancel(token=leaving.cancel_token)

    assert dict(statuses(day))["ensimmainen@example.org"] == RegistrationStatus.CONFIRMED
    assert dict(statuses(day))["toinen@example.org"] == RegistrationStatus.WAITING


def test_cancelling_a_waiting_registration_promotes_nobody(db, django_capture_on_commit_callbacks):
    day = ActionDayFactory(capacity=1)
    RegistrationFactory(action_day=day, email="paikalla@example.org")
    waiting = RegistrationFactory(action_day=day, email="jonossa@example.org", status=RegistrationStatus.WAITING)
    RegistrationFactory(action_day=day, email="jonossa2@example.org", status=RegistrationStatus.WAITING)

    with django_capture_on_commit_callbacks(execute=True):
        _cancelled, promoted = action_day_services.registration_cancel(token=waiting.cancel_token)

    assert promoted is None
    assert mail.outbox == []
    assert dict(statuses(day)) == {
        "paikalla@example.org": RegistrationStatus.CONFIRMED,
        "jonossa@example.org": RegistrationStatus.CANCELLED,
        "jonossa2@example.org": RegistrationStatus.WAITING,
    }


def test_cancelling_twice_is_refused_and_promotes_nobody_the_second_time(db):
    day = ActionDayFactory(capacity=1)
    leaving = RegistrationFactory(action_day=day)
    promoted = RegistrationFactory(action_day=day, status=RegistrationStatus.WAITING)
    third = RegistrationFactory(action_day=day, status=RegistrationStatus.WAITING)
    action_day_services.registration_cancel(token=leaving.cancel_token)

    with pytest.raises(DomainError):
        action_day_services.registration_cancel(token=leaving.cancel_token)

    promoted.refresh_from_db()
    third.refresh_from_db()
    assert promoted.status == RegistrationStatus.CONFIRMED
    assert third.status == RegistrationStatus.WAITING


def test_an_unknown_cancel_token_is_refused(db):
    with pytest.raises(DomainError):
        action_day_services.registration_cancel(token="no-such-token")


def test_a_registration_for_a_day_that_is_over_cannot_be_cancelled(db):
    day = ActionDayFactory(date=timezone.localdate() - timedelta(days=1))
    registration = RegistrationFactory(action_day=day)

    with pytest.raises(DomainError):
        action_day_services.registration_cancel(token=registration.cancel_token)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


# Confirmation emails


def test_a_confirmed_registration_gets_a_confirmation_with_the_cancel_link(db, django_capture_on_commit_callbacks):
    day = ActionDayFactory(capacity=1)

    with django_capture_on_commit_callbacks(execute=True):
        registration = register(day, "Sari.Laine@Example.org")

    (message,) = mail.outbox
    assert message.to == ["sari.laine@example.org"]
    assert "http" in message.body and registration.get_cancel_url() in message.body
    assert f"/action-day/{day.year}/" in message.body
    assert day.theme in message.body


def test_a_waiting_registration_gets_an_email_that_differs_from_a_confirmation(db, django_capture_on_commit_callbacks):
    day = ActionDayFactory(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        register(day, "paikalla@example.org")
        waiting = register(day, "jonossa@example.org")

    confirmed_message, waiting_message = mail.outbox
    assert waiting_message.to == ["jonossa@example.org"]
    assert waiting.get_cancel_url() in waiting_message.body
    assert waiting_message.subject != confirmed_message.subject


def test_a_refused_registration_sends_no_email(db, django_capture_on_commit_callbacks):
    day = ActionDayFactory()
    with django_capture_on_commit_callbacks(execute=True):
        register(day, "sari.laine@example.org")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DomainError):
        register(day, "SARI.LAINE@example.org")

    assert mail.outbox == []


# Through the pages


def form_data(**changes):
    data = {
        "name": "Sari Laine",
        "library": "Uudenkaupungin kaupunginkirjasto",
        "email": "sari.laine@example.org",
        "dietary_needs": "",
        "consent": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_an_outside_person_registers_on_the_page_and_sees_the_place_confirmed(client, db):
    day = ActionDayFactory(capacity=1)

    response = client.post(f"/action-day/{day.year}/", form_data(), follow=True)

    assert response.redirect_chain == [(f"/action-day/{day.year}/registered/", 302)]
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.member is None
    assert "waiting list" not in response.text


def test_a_registration_on_a_full_day_says_clearly_that_it_is_on_the_waiting_list(client, db):
    day = ActionDayFactory(capacity=1)
    RegistrationFactory(action_day=day)

    response = client.post(f"/action-day/{day.year}/", form_data(), follow=True)

    assert Registration.objects.get(email="sari.laine@example.org").status == RegistrationStatus.WAITING
    assert (
        finnish_html(
            "The day is full, so you are on the waiting list. "
            "If someone cancels, you move up automatically and get an email."
        )
        in response.text
    )


def test_a_full_day_warns_before_registering_that_new_registrations_wait(client, db):
    day = ActionDayFactory(capacity=1)
    RegistrationFactory(action_day=day)

    response = client.get(f"/action-day/{day.year}/")

    assert (
        finnish_html(
            "The day is full: new registrations go to the waiting list, "
            "which moves up automatically when someone cancels."
        )
        in response.text
    )


def test_a_second_registration_on_the_page_shows_a_message_and_stores_nothing(client, db):
    day = ActionDayFactory()
    RegistrationFactory(action_day=day, email="sari.laine@example.org")

    response = client.post(f"/action-day/{day.year}/", form_data(email="SARI.laine@example.org"))

    assert response.status_code == 200
    assert finnish_html("This email address is already registered for the action day.") in response.text
    assert Registration.objects.count() == 1


def test_a_registration_without_consent_on_the_page_shows_a_message_and_stores_nothing(client, db):
    day = ActionDayFactory()

    response = client.post(f"/action-day/{day.year}/", form_data(consent=None))

    assert response.status_code == 200
    assert finnish_html("Registration needs your consent to store the data.") in response.text
    assert not Registration.objects.exists()


def test_a_registration_on_a_closed_day_shows_a_message_and_stores_nothing(client, db):
    day = ActionDayFactory(registration_open=False)

    response = client.post(f"/action-day/{day.year}/", form_data())

    assert response.status_code == 200
    assert finnish_html("Registration is not open.") in response.text
    assert 'name="email"' not in response.text
    assert not Registration.objects.exists()


def test_a_logged_in_member_registers_with_the_member_record_linked(client_as, member):
    day = ActionDayFactory()

    client_as(member).post(f"/action-day/{day.year}/", form_data(email=member.email))

    assert Registration.objects.get().member == member.member


def test_the_form_is_prefilled_for_a_member(client_as, member):
    day = ActionDayFactory()

    response = client_as(member).get(f"/action-day/{day.year}/")

    assert response.context["form"].initial["email"] == member.email
    assert response.context["form"].initial["name"] == member.member.full_name


def test_the_personal_link_cancels_and_the_next_person_moves_up(client, db, django_capture_on_commit_callbacks):
    day = ActionDayFactory(capacity=1)
    leaving = RegistrationFactory(action_day=day)
    waiting = RegistrationFactory(action_day=day, status=RegistrationStatus.WAITING)

    page = client.get(leaving.get_cancel_url())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(leaving.get_cancel_url(), follow=True)

    assert page.status_code == 200
    assert response.redirect_chain == [(leaving.get_cancel_url(), 302)]
    assert finnish_html("Your registration was cancelled.") in response.text
    leaving.refresh_from_db()
    waiting.refresh_from_db()
    assert leaving.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert [message.to for message in mail.outbox] == [[waiting.email]]


def test_cancelling_twice_on_the_page_shows_a_message(client, db):
    registration = RegistrationFactory(status=RegistrationStatus.CANCELLED)

    response = client.post(registration.get_cancel_url(), follow=True)

    assert finnish_html("This registration has already been cancelled.") in response.text


def test_an_unknown_cancel_link_gives_404(client, db):
    assert client.get("/action-day/cancel/no-such-token/").status_code == 404
    assert client.post("/action-day/cancel/no-such-token/").status_code == 404


def test_the_programme_shows_each_members_own_part(client, db):
    from tests.factories import MemberFactory
    from tests.meetings.factories import ProgrammeItemFactory

    day = ActionDayFactory()
    aija, tuomas = (
        MemberFactory(first_name="Aija", last_name="Ameer"),
        MemberFactory(first_name="Tuomas", last_name="Kumpula"),
    )
    ProgrammeItemFactory(action_day=day, title="Etäopastus puhelimella", presenters=[aija, tuomas])
    ProgrammeItemFactory(action_day=day, title="Tekoäly", outside_presenters="Asiantuntija, Turun AMK")

    response = client.get(f"/action-day/{day.year}/")

    assert "Etäopastus puhelimella" in response.text
    assert "Aija Ameer" in response.text and "Tuomas Kumpula" in response.text
    assert "Asiantuntija, Turun AMK" in response.text


# Spam resistance: the same rate limit and hidden field as the join form (issue 15, item 6)


def test_the_sixth_anonymous_registration_within_an_hour_from_one_address_is_refused(
    client, db, django_capture_on_commit_callbacks
):
    day = ActionDayFactory(capacity=5)
    for number in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/action-day/{day.year}/", form_data(email=f"osallistuja{number}@example.org"))
        assert response.status_code == 302

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/action-day/{day.year}/", form_data(email="kuudes@example.org"))

    assert response.status_code == 429
    assert shows(response, finnish("Too many requests from your address. Try again in an hour."))
    assert Registration.objects.count() == 5
    assert not Registration.objects.filter(email="kuudes@example.org").exists()
    assert len(mail.outbox) == 5
    with django_capture_on_commit_callbacks(execute=True):
        elsewhere = client.post(
            f"/action-day/{day.year}/", form_data(email="muualta@example.org"), REMOTE_ADDR="192.0.2.7"
        )
    assert elsewhere.status_code == 302
    assert len(mail.outbox) == 6


def test_the_registration_rate_limit_is_a_setting_like_the_join_forms(client, db, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "action_day_registration": "1/h/ip"}
    day = ActionDayFactory()

    assert client.post(f"/action-day/{day.year}/", form_data(email="eka@example.org")).status_code == 302
    assert client.post(f"/action-day/{day.year}/", form_data(email="toka@example.org")).status_code == 429
    assert Registration.objects.count() == 1


def test_the_registration_form_has_the_hidden_field_for_bots(client, db):
    day = ActionDayFactory()

    response = client.get(f"/action-day/{day.year}/")

    assert 'name="website"' in response.text
    assert 'class="honeypot"' in response.text


def test_a_bot_that_fills_the_hidden_field_gets_the_same_answer_but_nothing_is_stored_or_sent(
    client, db, django_capture_on_commit_callbacks
):
    day = ActionDayFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/action-day/{day.year}/", form_data(website="https://spam.example.com"))

    assert response.status_code == 302
    assert response["Location"] == f"/action-day/{day.year}/registered/"
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_registrations_by_people_who_are_logged_in_are_not_rate_limited(client_as, member, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "action_day_registration": "1/h/ip"}
    day = ActionDayFactory()
    client = client_as(member)

    assert client.post(f"/action-day/{day.year}/", form_data(email="eka@example.org")).status_code == 302
    assert client.post(f"/action-day/{day.year}/", form_data(email=member.email)).status_code == 302
    assert Registration.objects.count() == 2


# Confirming through the emailed link; unconfirmed places go to the waiting list (issue 15, item 6)


def test_an_anonymous_registration_is_unconfirmed_and_its_email_has_the_confirmation_link(
    client, db, django_capture_on_commit_callbacks
):
    day = ActionDayFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/action-day/{day.year}/", form_data(), follow=True)

    registration = Registration.objects.get()
    assert registration.confirmed_at is None
    (message,) = mail.outbox
    assert registration.get_confirm_url() in message.body
    with translation.override("fi"):
        sent = "We sent a link to %(email)s: open it and confirm your registration within %(hours)s "
        singular, plural = sent + "hour, or it is cancelled.", sent + "hours, or it is cancelled."
        finnish_text = translation.ngettext(singular, plural, 48) % {"email": registration.email, "hours": 48}
    assert "tunnin" in finnish_text
    assert escape(finnish_text) in response.text


def test_the_confirmation_link_asks_first_and_the_button_confirms(client, db):
    registration = RegistrationFactory(confirmed_at=None)

    page = client.get(registration.get_confirm_url())
    registration.refresh_from_db()
    assert page.status_code == 200
    assert registration.confirmed_at is None  # mail scanners open links

    response = client.post(registration.get_confirm_url(), follow=True)

    registration.refresh_from_db()
    assert registration.confirmed_at is not None
    assert finnish_html("Thank you: your registration is confirmed.") in response.text


def test_a_cancelled_registration_cannot_be_confirmed(client, db):
    registration = RegistrationFactory(confirmed_at=None, status=RegistrationStatus.CANCELLED)

    with pytest.raises(DomainError):
        action_day_services.registration_confirm(token=registration.cancel_token)

    response = client.post(registration.get_confirm_url(), follow=True)
    registration.refresh_from_db()
    assert registration.confirmed_at is None
    assert finnish_html("This registration has already been cancelled.") in response.text


def test_an_unknown_confirmation_link_is_not_found(client, db):
    assert client.get("/action-day/confirm/tuntematon-linkki-joka-ei-ole-kenenkaan/").status_code == 404


def test_a_member_logged_in_with_their_own_address_is_confirmed_at_once(client_as, member):
    day = ActionDayFactory()

    client_as(member).post(f"/action-day/{day.year}/", form_data(email=member.email))
    client_as(member).post(f"/action-day/{day.year}/", form_data(email="joku.muu@example.org"))

    assert Registration.objects.get(email=member.email.lower()).confirmed_at is not None
    assert Registration.objects.get(email="joku.muu@example.org").confirmed_at is None


def make_old(registration, hours):
    Registration.objects.filter(pk=registration.pk).update(created_at=timezone.now() - timedelta(hours=hours))


def test_a_place_unconfirmed_for_48_hours_goes_to_the_first_on_the_waiting_list(db, django_capture_on_commit_callbacks):
    day = ActionDayFactory(capacity=2)
    stale = RegistrationFactory(action_day=day, email="vanha@example.org", confirmed_at=None)
    recent = RegistrationFactory(action_day=day, email="tuore@example.org", confirmed_at=None)
    waiting = RegistrationFactory(action_day=day, email="jonossa@example.org", status=RegistrationStatus.WAITING)
    make_old(stale, 49)
    make_old(recent, 47)
    make_old(waiting, 100)  # confirmed long ago, waiting ever since

    with django_capture_on_commit_callbacks(execute=True):
        released = action_day_services.registrations_release_unconfirmed()

    assert released == 1
    assert dict(statuses(day)) == {
        "vanha@example.org": RegistrationStatus.CANCELLED,
        "tuore@example.org": RegistrationStatus.CONFIRMED,
        "jonossa@example.org": RegistrationStatus.CONFIRMED,
    }
    (message,) = mail.outbox
    assert message.to == ["jonossa@example.org"]


def test_an_unconfirmed_waiting_registration_is_dropped_and_not_promoted(db, django_capture_on_commit_callbacks):
    day = ActionDayFactory(capacity=1)
    stale = RegistrationFactory(action_day=day, email="vanha@example.org", confirmed_at=None)
    unconfirmed_waiting = RegistrationFactory(
        action_day=day, email="vahvistamaton@example.org", status=RegistrationStatus.WAITING, confirmed_at=None
    )
    confirmed_waiting = RegistrationFactory(
        action_day=day, email="vahvistettu@example.org", status=RegistrationStatus.WAITING
    )
    make_old(stale, 60)
    make_old(unconfirmed_waiting, 55)
    make_old(confirmed_waiting, 50)

    with django_capture_on_commit_callbacks(execute=True):
        assert action_day_services.registrations_release_unconfirmed() == 2

    assert dict(statuses(day)) == {
        "vanha@example.org": RegistrationStatus.CANCELLED,
        "vahvistamaton@example.org": RegistrationStatus.CANCELLED,
        "vahvistettu@example.org": RegistrationStatus.CONFIRMED,
    }
    assert [message.to for message in mail.outbox] == [["vahvistettu@example.org"]]


def test_a_confirmed_place_and_a_past_days_registrations_are_never_released(db):
    day = ActionDayFactory()
    kept = RegistrationFactory(action_day=day)
    past_day = ActionDayFactory(date=date.today() - timedelta(days=3))
    past = RegistrationFactory(action_day=past_day, confirmed_at=None)
    make_old(kept, 500)
    make_old(past, 500)

    assert action_day_services.registrations_release_unconfirmed() == 0

    assert Registration.objects.filter(status=RegistrationStatus.CONFIRMED).count() == 2


def test_the_confirmation_time_is_a_setting_and_the_command_releases(db, settings):
    from io import StringIO

    from django.core.management import call_command

    settings.DIGITUTOR_ACTION_DAY_CONFIRMATION_HOURS = 2
    registration = RegistrationFactory(confirmed_at=None)
    make_old(registration, 3)
    output = StringIO()

    call_command("release_unconfirmed_registrations", stdout=output)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert "Released 1 " in output.getvalue()


def test_the_cost_totals_read_with_the_days_query_are_those_summed_on_their_own(db):
    day, bare = ActionDayFactory(), ActionDayFactory()
    CostLineFactory(action_day=day, planned=Decimal("1200.00"), actual=Decimal("1085.60"))
    CostLineFactory(action_day=day, planned=Decimal("0.35"), actual=None)

    for action_day in (day, bare):
        read_with_day = with_cost_totals(ActionDay.objects.filter(pk=action_day.pk)).get()
        assert action_day_costs(read_with_day) == action_day_costs(ActionDay.objects.get(pk=action_day.pk))
    assert action_day_costs(with_cost_totals(ActionDay.objects.filter(pk=day.pk)).get()) == {
        "planned": Decimal("1200.35"),
        "actual": Decimal("1085.60"),
        "budget": Decimal("2500.00"),
        "left": Decimal("1414.40"),
    }
