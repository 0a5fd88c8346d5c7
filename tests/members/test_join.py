"""Joining the group: the public form, the chair's notification, spam resistance, and accepting or declining."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from members.models import Invitation, JoinRequest, Member
from tests.factories import JoinRequestFactory, LibraryFactory, MemberFactory, UserFactory
from tests.translated import finnish, shows

VALID = {
    "first_name": "Liisa",
    "last_name": "Lukija",
    "library": "Porin kaupunginkirjasto",
    "email": "Liisa.Lukija@example.org",
    "message": "Ohjaan asiakkaita digiasioissa ja haluaisin mukaan.",
    "website": "",
}


@pytest.fixture(autouse=True)
def empty_rate_limits(db):
    """The rate limits live in the cache: each test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def submit(client, django_capture_on_commit_callbacks):
    def post(data=VALID, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/join/", data, **extra)

    return post


def test_the_join_form_is_public(client, db):
    response = client.get("/join/")

    assert response.status_code == 200
    for field in ["first_name", "last_name", "library", "email", "message"]:
        assert f'name="{field}"' in response.text


def test_a_join_request_is_stored_and_the_visitor_thanked(submit, db):
    response = submit()

    assert response.status_code == 302
    assert response["Location"] == "/join/thanks/"
    join_request = JoinRequest.objects.get()
    assert (join_request.first_name, join_request.last_name, join_request.library, join_request.email) == (
        "Liisa",
        "Lukija",
        "Porin kaupunginkirjasto",
        "liisa.lukija@example.org",
    )
    assert join_request.status == JoinRequest.Status.NEW
    assert not Member.objects.filter(email="liisa.lukija@example.org").exists()


def test_every_active_chair_is_emailed_a_link_to_the_request_in_the_admin(submit, chair, member, settings):
    second_chair = UserFactory(email="toinen.pj@example.org", roles=["chair"])
    UserFactory(email="entinen.pj@example.org", roles=["chair"], is_active=False)

    submit()

    join_request = JoinRequest.objects.get()
    [message] = mail.outbox
    assert sorted(message.to) == sorted([chair.email, second_chair.email])
    assert message.subject.startswith("[Digitutor] ")
    assert f"{settings.SITE_URL}/admin/members/joinrequest/{join_request.pk}/change/" in message.body
    assert "Liisa Lukija" in message.body
    assert "Porin kaupunginkirjasto" in message.body


@pytest.mark.parametrize("missing", ["first_name", "last_name", "library", "email"])
def test_a_request_with_a_missing_field_gets_a_finnish_error_and_stores_nothing(submit, chair, missing):
    response = submit({**VALID, missing: ""})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [missing]
    assert "Tämä kenttä vaaditaan." in response.text
    assert not JoinRequest.objects.exists()
    assert mail.outbox == []


def test_an_invalid_email_address_is_refused(submit, chair):
    response = submit({**VALID, "email": "liisa at example"})

    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not JoinRequest.objects.exists()


def test_a_bot_that_fills_the_hidden_field_is_thanked_but_nothing_is_stored_or_sent(submit, chair):
    response = submit({**VALID, "website": "https://spam.example.com"})

    assert response.status_code == 302
    assert response["Location"] == "/join/thanks/"
    assert not JoinRequest.objects.exists()
    assert mail.outbox == []


def test_the_sixth_request_within_an_hour_from_one_address_is_refused(submit, chair):
    for number in range(5):
        assert submit({**VALID, "email": f"hakija{number}@example.org"}).status_code == 302

    response = submit({**VALID, "email": "hakija6@example.org"})

    assert response.status_code == 429
    assert JoinRequest.objects.count() == 5
    assert not JoinRequest.objects.filter(email="hakija6@example.org").exists()
    assert len(mail.outbox) == 5
    assert submit({**VALID, "email": "muualta@example.org"}, REMOTE_ADDR="192.0.2.7").status_code == 302
    assert shows(response, finnish("Too many requests from your address. Try again in an hour."))


def test_the_thanks_page_is_public(client, db):
    assert client.get("/join/thanks/").status_code == 200


# The chair handles the request in the admin

INVITATION_LINK = re.compile(r"https?://[^/\s]+(/invitation/[^/\s]+/)")


@pytest.fixture
def handle(client_as, chair, django_capture_on_commit_callbacks):
    """Run an admin action of the join requests as the chair; returns the followed response."""

    def run(action, *join_requests):
        with django_capture_on_commit_callbacks(execute=True):
            return client_as(chair).post(
                "/admin/members/joinrequest/",
                {"action": action, "_selected_action": [join_request.pk for join_request in join_requests]},
                follow=True,
            )

    return run


def test_accepting_a_request_makes_a_member_in_the_named_library_and_sends_an_invitation(client, chair, handle):
    pori = LibraryFactory(name="Porin kaupunginkirjasto", municipality="pori")
    join_request = JoinRequestFactory(email="liisa.lukija@example.org", library=" porin KAUPUNGINKIRJASTO ")

    response = handle("accept", join_request)

    assert response.status_code == 200
    person = Member.objects.get(email="liisa.lukija@example.org")
    assert (person.first_name, person.last_name, person.library, person.user) == ("Liisa", "Lukija", pori, None)
    join_request.refresh_from_db()
    assert (join_request.status, join_request.member, join_request.handled_by) == ("accepted", person, chair)
    assert join_request.handled_at is not None
    invitation = Invitation.objects.get(member=person)
    assert invitation.status == Invitation.Status.SENT
    [message] = mail.outbox
    assert message.to == ["liisa.lukija@example.org"]
    client.logout()
    link = INVITATION_LINK.search(message.body).group(1)
    assert client.get(link).status_code == 200


def test_accepting_a_request_naming_an_unknown_library_leaves_the_library_empty(handle):
    join_request = JoinRequestFactory(library="Atlantiksen kirjasto")

    handle("accept", join_request)

    assert Member.objects.get(email=join_request.email).library is None


def test_accepting_a_request_from_someone_who_is_already_a_member_links_to_that_member(handle):
    existing = MemberFactory(email="liisa.lukija@example.org", first_name="Liisa", last_name="Lukija-Vanha")
    members_before = Member.objects.count()
    join_request = JoinRequestFactory(email="liisa.lukija@example.org")

    handle("accept", join_request)

    assert Member.objects.count() == members_before
    join_request.refresh_from_db()
    assert join_request.member == existing
    existing.refresh_from_db()
    assert existing.last_name == "Lukija-Vanha"
    assert Invitation.objects.get(member=existing).status == Invitation.Status.SENT
    assert [message.to for message in mail.outbox] == [["liisa.lukija@example.org"]]


def test_accepting_a_request_from_a_member_with_an_account_sends_no_invitation(handle, member):
    join_request = JoinRequestFactory(email=member.email)

    handle("accept", join_request)

    join_request.refresh_from_db()
    assert (join_request.status, join_request.member) == (JoinRequest.Status.ACCEPTED, member.member)
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_declining_a_request_makes_no_member_and_tells_the_person(handle, chair):
    join_request = JoinRequestFactory()

    handle("decline", join_request)

    join_request.refresh_from_db()
    assert (join_request.status, join_request.handled_by) == (JoinRequest.Status.DECLINED, chair)
    assert not Member.objects.filter(email=join_request.email).exists()
    assert [message.to for message in mail.outbox] == [[join_request.email]]


@pytest.mark.parametrize(
    ("first", "second"), [("accept", "accept"), ("accept", "decline"), ("decline", "accept"), ("decline", "decline")]
)
def test_a_request_is_handled_only_once(handle, first, second):
    join_request = JoinRequestFactory()
    handle(first, join_request)
    join_request.refresh_from_db()
    status, sent = join_request.status, len(mail.outbox)

    response = handle(second, join_request)

    join_request.refresh_from_db()
    assert join_request.status == status
    assert len(mail.outbox) == sent
    assert Member.objects.filter(email=join_request.email).count() == (1 if first == "accept" else 0)
    assert [message.level_tag for message in response.context["messages"]] == ["warning"]


def test_the_chair_cannot_edit_or_add_join_requests(client_as, chair):
    join_request = JoinRequestFactory()
    client = client_as(chair)

    response = client.post(
        f"/admin/members/joinrequest/{join_request.pk}/change/", {**VALID, "email": "muutettu@example.org"}
    )

    join_request.refresh_from_db()
    assert join_request.email != "muutettu@example.org"
    assert response.status_code == 302  # saved as it was: every field is read-only
    assert client.get("/admin/members/joinrequest/add/").status_code == 403


def test_the_prune_command_deletes_declined_requests_handled_over_a_year_ago(db):
    from io import StringIO

    from django.core.management import call_command

    now = timezone.now()
    old_declined = JoinRequestFactory(status=JoinRequest.Status.DECLINED, handled_at=now - timedelta(days=400))
    recent_declined = JoinRequestFactory(status=JoinRequest.Status.DECLINED, handled_at=now - timedelta(days=300))
    old_accepted = JoinRequestFactory(status=JoinRequest.Status.ACCEPTED, handled_at=now - timedelta(days=400))
    waiting = JoinRequestFactory()
    output = StringIO()

    call_command("prune_personal_data", stdout=output)

    assert set(JoinRequest.objects.values_list("pk", flat=True)) == {recent_declined.pk, old_accepted.pk, waiting.pk}
    assert not JoinRequest.objects.filter(pk=old_declined.pk).exists()
    assert "Deleted 1 " in output.getvalue()
