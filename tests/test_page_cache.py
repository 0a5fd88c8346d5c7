"""The page cache (digitutor/page_cache.py): a page seen again comes from the cache, never stale, never another's.

These tests commit for real (transaction=True): a kept page goes stale when a write commits.
"""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.claims.models import ClaimStatus
from meetings.models import Answer, AttendanceAnswer, Meeting
from members.services import member_anonymise, member_deactivate
from tests.claims.factories import TravelClaimFactory
from tests.factories import TEST_PASSWORD
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)

PRESSED = re.compile(r'<button type="submit" name="answer" value="(\w+)"[^>]*aria-pressed="true"')
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def meeting(db):
    return MeetingFactory(title="Kevätkokous")


def meeting_path(meeting):
    return f"/meetings/{meeting.pk}/"


def get_counting_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response, len(queries)


def seen_twice(client, path):
    """Opens a page as a browser does the first times: it gets its CSRF cookie, then the page is drawn and kept."""
    client.get(path)
    return get_counting_queries(client, path)


def test_a_page_seen_again_comes_from_the_cache_in_a_few_queries(client_as, member, meeting):
    client = client_as(member)
    drawn, drawing_queries = seen_twice(client, meeting_path(meeting))

    again, kept_queries = get_counting_queries(client, meeting_path(meeting))

    assert again.content == drawn.content  # the very page kept, CSRF token and all
    assert kept_queries <= 5 < drawing_queries
    assert again["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert "Content-Security-Policy" in again


def test_an_answer_shows_on_the_meeting_page_at_once(client_as, member, meeting):
    client = client_as(member)
    drawn, _queries = seen_twice(client, meeting_path(meeting))
    assert PRESSED.findall(drawn.text) == []

    client.post(f"{meeting_path(meeting)}answer/", {"answer": Answer.REMOTE})

    assert PRESSED.findall(client.get(meeting_path(meeting)).text) == [Answer.REMOTE]
    client.post(f"{meeting_path(meeting)}answer/", {"answer": Answer.IN_PERSON})
    client.get(meeting_path(meeting))  # shows the message "Your answer was saved", and uses it up
    assert PRESSED.findall(client.get(meeting_path(meeting)).text) == [Answer.IN_PERSON]


def rename_by_saving(meeting, title):
    meeting.title = title
    meeting.save()


def rename_by_queryset_update(meeting, title):
    Meeting.objects.filter(pk=meeting.pk).update(title=title)


def rename_by_raw_sql(meeting, title):
    table = connection.ops.quote_name(Meeting._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET title = %s WHERE id = %s", [title, meeting.pk])


@pytest.mark.parametrize("rename", [rename_by_saving, rename_by_queryset_update, rename_by_raw_sql])
def test_a_change_made_any_way_shows_on_the_next_visit(client_as, member, meeting, rename):
    client = client_as(member)
    seen_twice(client, meeting_path(meeting))
    assert "Kevätkokous" in client.get(meeting_path(meeting)).text

    rename(meeting, "Syyskokous")

    text = client.get(meeting_path(meeting)).text
    assert "Syyskokous" in text
    assert "Kevätkokous" not in text


def test_each_person_is_served_their_own_page(member, other_member, meeting):
    maija, vesa = Client(), Client()
    maija.force_login(member)
    vesa.force_login(other_member)
    seen_twice(maija, meeting_path(meeting))
    # Even with the same CSRF cookie (one shared computer), the person is part of what the page is kept under.
    vesa.cookies["csrftoken"] = maija.cookies["csrftoken"].value

    for _ in range(2):
        text = vesa.get(meeting_path(meeting)).text
        assert "Vesa Taimi" in text
        assert "Maija Tapio" not in text
    assert "Maija Tapio" in maija.get(meeting_path(meeting)).text


def test_the_page_follows_the_language_switch(client_as, member, meeting):
    client = client_as(member)
    drawn, _queries = seen_twice(client, meeting_path(meeting))
    assert '<html lang="fi">' in drawn.text

    client.post("/i18n/setlang/", {"language": "sv", "next": meeting_path(meeting)})

    assert '<html lang="sv">' in client.get(meeting_path(meeting)).text


def test_a_message_is_shown_once_and_never_kept_with_the_page(client_as, member, meeting):
    client = client_as(member)
    seen_twice(client, meeting_path(meeting))

    client.post(f"{meeting_path(meeting)}answer/", {"answer": Answer.NOT_COMING})

    assert "Vastauksesi on tallennettu" in client.get(meeting_path(meeting)).text
    assert "Vastauksesi on tallennettu" not in client.get(meeting_path(meeting)).text
    assert "Vastauksesi on tallennettu" not in client.get(meeting_path(meeting)).text


def log_in_through_the_form(client, user):
    page = client.get("/accounts/login/")
    token = TOKEN.search(page.text).group(1)
    fields = {"login": user.email, "password": TEST_PASSWORD, "csrfmiddlewaretoken": token}
    response = client.post("/accounts/login/", fields)
    assert response.status_code == 302


def answer_with_the_pages_token(client, meeting, answer):
    token = TOKEN.search(client.get(meeting_path(meeting)).text).group(1)
    return client.post(f"{meeting_path(meeting)}answer/", {"answer": answer, "csrfmiddlewaretoken": token})


def test_the_forms_of_a_kept_page_still_post_after_logging_in_again(member, meeting):
    client = Client(enforce_csrf_checks=True)
    log_in_through_the_form(client, member)
    seen_twice(client, meeting_path(meeting))
    assert answer_with_the_pages_token(client, meeting, Answer.REMOTE).status_code == 302
    token = TOKEN.search(client.get(meeting_path(meeting)).text).group(1)
    client.post("/accounts/logout/", {"csrfmiddlewaretoken": token})

    log_in_through_the_form(client, member)  # a new login, a new CSRF secret

    assert answer_with_the_pages_token(client, meeting, Answer.IN_PERSON).status_code == 302
    assert AttendanceAnswer.objects.get(meeting=meeting).answer == Answer.IN_PERSON


def test_the_forms_of_a_kept_page_still_post_after_the_browser_lost_its_csrf_cookie(member, meeting):
    client = Client(enforce_csrf_checks=True)
    log_in_through_the_form(client, member)
    seen_twice(client, meeting_path(meeting))

    del client.cookies["csrftoken"]  # cleared by the person, or expired: the next page sets a new secret
    client.get(meeting_path(meeting))

    assert answer_with_the_pages_token(client, meeting, Answer.REMOTE).status_code == 302


def test_a_kept_page_is_not_served_after_logging_out(client_as, member):
    client = client_as(member)
    seen_twice(client, "/claims/")

    client.logout()

    assert client.get("/claims/")["Location"].startswith("/accounts/login/")


def test_a_kept_page_is_drawn_again_after_page_cache_seconds(client_as, member, meeting, settings):
    client = client_as(member)
    drawn, _queries = seen_twice(client, meeting_path(meeting))
    assert client.get(meeting_path(meeting)).content == drawn.content

    later = timezone.now() + timedelta(seconds=settings.PAGE_CACHE_SECONDS + 1)
    with mock.patch("django.core.cache.backends.db.tz_now", return_value=later):  # the database cache's clock
        drawn_again = client.get(meeting_path(meeting))

    assert drawn_again.content != drawn.content  # a new drawing carries a newly masked CSRF token


def test_an_anonymised_member_is_gone_from_the_kept_pages_too(client_as, member, other_member, chair, settings):
    client = client_as(other_member)
    page, _queries = seen_twice(client, f"/members/{member.member.pk}/")
    assert "Maija Tapio" in page.text
    assert pages_kept(settings) == 1

    member_deactivate(member=member.member, acting_user=chair)
    seen_twice(client, f"/members/{member.member.pk}/")  # a former member's page, kept again
    member_anonymise(member=member.member, acting_user=chair)

    assert pages_kept(settings) == 0  # emptied, not only out of date
    assert "Maija Tapio" not in client.get("/members/").text


def pages_kept(settings):
    """Rows of the page cache's table, besides the one holding the generation."""
    table = connection.ops.quote_name(settings.CACHES["pages"]["LOCATION"])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE cache_key NOT LIKE %s", ["%generation"])
        return cursor.fetchone()[0]


def test_a_new_release_draws_every_page_afresh(client_as, member, meeting):
    client = client_as(member)
    drawn, _queries = seen_twice(client, meeting_path(meeting))
    assert client.get(meeting_path(meeting)).content == drawn.content

    call_command("migrate", verbosity=0)  # every release runs it (docs/deployment.md)

    assert client.get(meeting_path(meeting)).content != drawn.content


def test_the_back_office_claim_list_is_kept_and_follows_a_decision(client_as, treasurer):
    claim = TravelClaimFactory(status=ClaimStatus.SUBMITTED)
    client = client_as(treasurer)
    path = f"/admin/meetings/travelclaim/?status__exact={claim.status}"
    drawn, drawing_queries = seen_twice(client, path)
    assert claim.number in drawn.text
    assert get_counting_queries(client, path)[1] < drawing_queries

    claim.status = ClaimStatus.APPROVED
    claim.save()

    assert claim.number not in client.get(path).text
