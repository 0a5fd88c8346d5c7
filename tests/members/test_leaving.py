"""A member leaves: the chair deactivates them (no more login, history kept) and later anonymises them."""

import pytest
from django.core import mail

from members.models import Invitation, Member, PersonalDataChange, RosterEntry, TravelDetails, User
from tests.factories import (
    InvitationFactory,
    JoinRequestFactory,
    RosterEntryFactory,
    RosterFactory,
    TravelDetailsFactory,
)
from tests.translated import finnish


@pytest.fixture
def act(client_as, chair):
    """Run a member admin action as the chair; returns the followed response."""

    def run(action, *people):
        return client_as(chair).post(
            "/admin/members/member/",
            {"action": action, "_selected_action": [person.pk for person in people]},
            follow=True,
        )

    return run


@pytest.fixture
def history(member, chair):
    RosterEntryFactory(roster=RosterFactory(year=2022), member=member.member)
    RosterEntryFactory(roster=RosterFactory(year=2023), member=member.member)
    TravelDetailsFactory(member=member.member, home_address="Kotikatu 5", iban="FI2112345600000785")
    PersonalDataChange.objects.create(member=member.member, changed_by=member, field_name="phone")
    JoinRequestFactory(email=member.email, status="accepted", member=member.member)


def messages_of(response):
    return [(message.level_tag, str(message)) for message in response.context["messages"]]


def test_a_deactivated_member_can_no_longer_log_in(client, act, member, password):
    act("deactivate", member.member)
    client.logout()

    response = client.post("/accounts/login/", {"login": member.email, "password": password})

    assert not client.get("/").context["user"].is_authenticated
    assert response.status_code in (200, 302)
    member.refresh_from_db()
    member.member.refresh_from_db()
    assert (member.is_active, member.member.is_active) == (False, False)


def test_a_deactivated_members_open_session_ends_on_the_next_request(client_as, client, member, chair):
    from django.test import Client

    members_browser = Client()
    members_browser.force_login(member, backend="allauth.account.auth_backends.AuthenticationBackend")
    assert members_browser.get("/members/").status_code == 200

    client_as(chair).post("/admin/members/member/", {"action": "deactivate", "_selected_action": [member.member.pk]})

    response = members_browser.get("/members/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not members_browser.get("/").context["user"].is_authenticated


def test_deactivation_keeps_the_history(client_as, act, member, other_member, history):
    act("deactivate", member.member)

    assert RosterEntry.objects.filter(member=member.member).count() == 2
    assert TravelDetails.objects.filter(member=member.member).exists()
    response = client_as(other_member).get(f"/members/{member.member.pk}/")
    assert response.status_code == 200
    assert "Maija Tapio" in response.text
    assert member.email not in response.text  # a former member's contact details are no longer shown
    assert "Maija Tapio" in client_as(other_member).get("/members/?year=2022").text


def test_deactivation_revokes_open_invitations(act, member):
    person = Member.objects.create(first_name="Liisa", last_name="Lukija", email="liisa.lukija@example.org")
    invitation = InvitationFactory(member=person)

    act("deactivate", person)

    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.REVOKED


def test_an_active_member_cannot_be_anonymised(act, member, history):
    response = act("anonymise", member.member)

    person = Member.objects.get(pk=member.member.pk)
    assert (person.first_name, person.last_name, person.email, person.anonymised_at) == (
        "Maija",
        "Tapio",
        member.email,
        None,
    )
    assert User.objects.filter(pk=member.pk).exists()
    assert TravelDetails.objects.filter(member=person).exists()
    assert [level for level, _text in messages_of(response)] == ["warning"]
    assert finnish("Deactivate the member before anonymising them.") in messages_of(response)[0][1]


def test_anonymising_a_former_member_removes_what_identifies_them(client_as, act, member, other_member, history):
    person = member.member
    act("deactivate", person)
    entries_before = RosterEntry.objects.count()

    response = act("anonymise", person)

    assert [level for level, _text in messages_of(response)] == ["success"]
    person.refresh_from_db()
    assert "Maija" not in person.full_name
    assert "Tapio" not in person.full_name
    assert "maija" not in person.email
    assert (person.phone, person.job_title, person.user) == ("", "", None)
    assert person.anonymised_at is not None
    assert not User.objects.filter(pk=member.pk).exists()
    assert not User.objects.filter(email=member.email).exists()
    assert not TravelDetails.objects.filter(member=person).exists()
    assert not PersonalDataChange.objects.filter(member=person).exists()
    assert not person.join_requests.exists()
    assert RosterEntry.objects.count() == entries_before
    assert RosterEntry.objects.filter(member=person).count() == 2
    viewer = client_as(other_member)
    assert viewer.get(f"/members/{person.pk}/").status_code == 404
    roster = viewer.get("/members/?year=2022")
    assert "Tapio" not in roster.text
    assert "Vesa Taimi" in roster.text


def test_an_anonymised_member_disappears_from_the_admin(client_as, act, chair, member):
    act("deactivate", member.member)
    act("anonymise", member.member)

    client = client_as(chair)

    assert "Tapio" not in client.get("/admin/members/member/").text
    assert client.get(f"/admin/members/member/{member.member.pk}/change/").status_code == 302


def test_a_deactivated_member_is_not_invited_again(act, member, django_capture_on_commit_callbacks):
    act("deactivate", member.member)

    with django_capture_on_commit_callbacks(execute=True):
        response = act("invite", member.member)

    assert mail.outbox == []
    assert not Invitation.objects.filter(member=member.member, revoked_at__isnull=True).exists()
    assert [level for level, _text in messages_of(response)] == ["warning"]


def test_the_chair_cannot_delete_a_member(client_as, chair, member):
    response = client_as(chair).post(f"/admin/members/member/{member.member.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert Member.objects.filter(pk=member.member.pk).exists()
