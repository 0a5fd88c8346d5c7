"""Nobody takes away rights they could not give (issue 15): only a superuser deactivates or anonymises the chair, the
treasurer, a staff or a superuser account; nobody deactivates or anonymises themselves — in the member admin's
actions, in the account form and in the services alike."""

import pytest
from django.contrib.messages import get_messages

from digitutor.audit.models import AuditEntry
from digitutor.errors import DomainError
from digitutor.roles import Role
from members import services
from members.models import Member, User
from tests.factories import InvitationFactory, UserFactory, member_for


def run_action(client, action, member):
    response = client.post("/admin/members/member/", {"action": action, "_selected_action": [member.pk]}, follow=True)
    assert response.status_code == 200
    return [str(message) for message in get_messages(response.wsgi_request)]


def is_active(user):
    return User.objects.get(pk=user.pk).is_active and Member.objects.get(user=user).is_active


@pytest.fixture
def officers(treasurer, superuser):
    """The treasurer, a staff account and a superuser, each with a member record on the roster."""
    member_for(treasurer)
    staff = UserFactory(email="it-tuki@example.org", is_staff=True)
    member_for(staff)
    member_for(superuser)
    return {"treasurer": treasurer, "staff": staff, "superuser": superuser}


@pytest.mark.parametrize("whom", ["treasurer", "staff", "superuser"])
def test_the_chair_cannot_deactivate_an_officer_or_a_staff_or_superuser_account(client_as, chair, officers, whom):
    person = officers[whom]

    messages = run_action(client_as(chair), "deactivate", person.member)

    assert is_active(person)
    assert any("Only a superuser" in message or "Vain pääkäyttäjä" in message for message in messages)
    assert not AuditEntry.objects.exists()


def test_the_chair_cannot_anonymise_the_treasurer_a_superuser_deactivated(client_as, chair, superuser, officers):
    treasurer = officers["treasurer"]
    run_action(client_as(superuser), "deactivate", treasurer.member)

    run_action(client_as(chair), "anonymise", treasurer.member)

    assert Member.objects.get(pk=treasurer.member.pk).anonymised_at is None


def test_a_superuser_deactivates_and_anonymises_the_treasurer(client_as, superuser, officers):
    treasurer = officers["treasurer"]
    client = client_as(superuser)

    run_action(client, "deactivate", treasurer.member)
    run_action(client, "anonymise", treasurer.member)

    assert Member.objects.get(pk=treasurer.member.pk).anonymised_at is not None


@pytest.mark.parametrize("who", ["chair", "superuser"])
def test_nobody_deactivates_themselves(client_as, request, officers, who):
    person = request.getfixturevalue(who)

    run_action(client_as(person), "deactivate", person.member)

    assert is_active(person)


def test_the_chair_still_deactivates_and_anonymises_an_ordinary_member(client_as, chair, other_member):
    client = client_as(chair)

    run_action(client, "deactivate", other_member.member)
    run_action(client, "anonymise", other_member.member)

    assert Member.objects.get(pk=other_member.member.pk).anonymised_at is not None


def account_form(user, **changes):
    data = {"email": user.email, "first_name": user.first_name, "last_name": user.last_name, "is_active": "on"}
    data["groups"] = [group.pk for group in user.groups.all()]
    return data | changes


def test_the_chair_cannot_close_the_treasurers_account_in_the_account_form(client_as, chair, treasurer):
    data = account_form(treasurer)
    del data["is_active"]

    response = client_as(chair).post(f"/admin/members/user/{treasurer.pk}/change/", data)

    assert response.status_code == 200  # the form again, with the reason
    assert User.objects.get(pk=treasurer.pk).is_active


def test_a_superuser_closes_the_treasurers_account_in_the_account_form(client_as, superuser, treasurer):
    data = account_form(treasurer)
    del data["is_active"]

    response = client_as(superuser).post(f"/admin/members/user/{treasurer.pk}/change/", data)

    assert response.status_code == 302
    assert not User.objects.get(pk=treasurer.pk).is_active


@pytest.mark.parametrize("who", ["chair", "superuser"])
def test_nobody_closes_their_own_account_in_the_account_form(client_as, request, who):
    person = request.getfixturevalue(who)
    data = account_form(person)
    del data["is_active"]

    client_as(person).post(f"/admin/members/user/{person.pk}/change/", data)

    assert User.objects.get(pk=person.pk).is_active


def test_the_service_refuses_what_the_admin_refuses(chair, officers, other_member):
    with pytest.raises(DomainError):
        services.member_deactivate(member=officers["treasurer"].member, acting_user=chair)
    with pytest.raises(DomainError):
        services.member_deactivate(member=chair.member, acting_user=chair)
    services.member_deactivate(member=officers["treasurer"].member, acting_user=officers["superuser"])
    with pytest.raises(DomainError):
        services.member_anonymise(member=officers["treasurer"].member, acting_user=chair)
    services.member_deactivate(member=other_member.member, acting_user=chair)


def test_the_chair_cannot_revoke_a_superusers_invitation_to_the_treasurer_role(client_as, chair, superuser):
    invitation = InvitationFactory(role=Role.TREASURER, invited_by=superuser)

    client_as(chair).post(
        "/admin/members/invitation/", {"action": "revoke_invitations", "_selected_action": [invitation.pk]}
    )

    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    client_as(superuser).post(
        "/admin/members/invitation/", {"action": "revoke_invitations", "_selected_action": [invitation.pk]}
    )
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
