"""Staff sessions end after 30 minutes idle and 12 hours in all; members keep "remember me" (#15, item 10).

Time passes by moving the session's own timestamps back, as the middleware reads them."""

import time

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.utils import translation

from digitutor.middleware import SESSION_LAST_ACTIVITY_KEY, SESSION_STARTED_KEY, StaffSessionTimeoutMiddleware
from tests.factories import UserFactory

MINUTE, HOUR = 60, 3600
STAFF = ["chair", "treasurer", "superuser", "staff"]


@pytest.fixture
def staff(db):
    return UserFactory(email="tuki@example.org", is_staff=True)


@pytest.fixture
def person(request):
    return request.getfixturevalue(request.param)


def go_back_in_time(client, *, idle=0, since_login=0):
    """Make the session look as if its holder logged in `since_login` seconds ago and was last seen `idle` ago."""
    session = client.session
    now = time.time()
    session[SESSION_STARTED_KEY] = now - since_login
    session[SESSION_LAST_ACTIVITY_KEY] = now - idle
    session.save()


def is_logged_in(client):
    return client.get("/").context["user"].is_authenticated


def test_the_limits_are_thirty_minutes_idle_and_twelve_hours_in_all():
    assert settings.DIGITUTOR_STAFF_SESSION_IDLE_SECONDS == 30 * MINUTE
    assert settings.DIGITUTOR_STAFF_SESSION_MAX_SECONDS == 12 * HOUR


@pytest.mark.parametrize("person", STAFF, indirect=True)
def test_a_staff_session_ends_after_thirty_minutes_idle(client_as, person):
    client = client_as(person)
    go_back_in_time(client, idle=31 * MINUTE, since_login=40 * MINUTE)

    response = client.get("/profile/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/profile/"
    assert not is_logged_in(client)


@pytest.mark.parametrize("person", STAFF, indirect=True)
def test_a_staff_session_that_is_used_lives_on(client_as, person):
    client = client_as(person)
    go_back_in_time(client, idle=29 * MINUTE, since_login=11 * HOUR)

    assert client.get("/profile/").status_code == 200
    assert client.session[SESSION_LAST_ACTIVITY_KEY] > time.time() - MINUTE  # the request counted as activity
    assert is_logged_in(client)


@pytest.mark.parametrize("person", STAFF, indirect=True)
def test_a_staff_session_ends_twelve_hours_after_login_however_busy(client_as, person):
    client = client_as(person)
    go_back_in_time(client, idle=MINUTE, since_login=12 * HOUR + MINUTE)

    response = client.get("/profile/")

    assert response.status_code == 302
    assert not is_logged_in(client)


def test_the_person_is_told_why_they_were_logged_out(client_as, chair):
    client = client_as(chair)
    go_back_in_time(client, idle=31 * MINUTE, since_login=HOUR)

    response = client.get("/profile/", follow=True)

    with translation.override("fi"):
        expected = str(StaffSessionTimeoutMiddleware.LOGGED_OUT)
    assert expected in [message.message for message in get_messages(response.wsgi_request)]


def test_a_login_starts_the_twelve_hours_afresh(client, chair, password):
    client.post("/accounts/login/", {"login": chair.email, "password": password})

    assert client.session[SESSION_STARTED_KEY] > time.time() - MINUTE


def test_a_staff_sessions_cookie_lasts_no_longer_than_the_idle_limit_even_when_remembered(client, chair, password):
    client.post("/accounts/login/", {"login": chair.email, "password": password, "remember": "on"})
    client.get("/profile/")

    assert 0 < client.session.get_expiry_age() <= 30 * MINUTE


def test_a_member_stays_logged_in_through_idle_hours_and_days(client_as, member):
    client = client_as(member)
    go_back_in_time(client, idle=5 * HOUR, since_login=3 * 24 * HOUR)

    assert client.get("/profile/").status_code == 200
    assert is_logged_in(client)


def test_a_member_who_asks_to_be_remembered_is_remembered_for_two_weeks(client, member, password):
    client.post("/accounts/login/", {"login": member.email, "password": password, "remember": "on"})
    client.get("/profile/")

    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 14 * 24 * HOUR
    assert not client.session.get_expire_at_browser_close()


def test_a_member_who_does_not_ask_is_forgotten_when_the_browser_closes(client, member, password):
    client.post("/accounts/login/", {"login": member.email, "password": password})

    assert client.session.get_expire_at_browser_close()
