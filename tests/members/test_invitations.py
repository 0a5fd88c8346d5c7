"""The invitation journey: the chair invites, the invited person sets a password and is logged in."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.account.stages import LoginStageController
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail
from django.http import HttpResponseRedirect
from django.utils import timezone

from digitutor.errors import DomainError
from digitutor.roles import Role
from members import services
from members.models import Invitation, Member, User
from tests.factories import TEST_PASSWORD, InvitationFactory, MemberFactory, UserFactory
from tests.translated import finnish

NEW_PASSWORD = "lainaa-kirjoja-2024"
LINK = re.compile(r"https?://[^/\s]+(/invitation/[^/\s]+/)")


@pytest.fixture
def send_invitations(client_as, chair, django_capture_on_commit_callbacks):
    """Run the admin's "send" action as the chair (or `sender`) on the given invitations; returns the links emailed."""

    def send(*invitations, sender=chair):
        sent_before = len(mail.outbox)
        client = client_as(sender)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/admin/members/invitation/",
                {"action": "send_invitations", "_selected_action": [invitation.pk for invitation in invitations]},
            )
        assert response.status_code == 302
        client.logout()
        links = [LINK.search(message.body).group(1) for message in mail.outbox[sent_before:]]
        assert len(links) == len(invitations)
        return links

    return send


def accept(client, link, password=NEW_PASSWORD):
    return client.post(link, {"password1": password, "password2": password})


def test_chair_adds_a_member_and_then_an_invitation_for_them_in_the_admin(client_as, chair):
    client = client_as(chair)

    response = client.post(
        "/admin/members/member/add/",
        {
            "first_name": "Liisa",
            "last_name": "Lukija",
            "email": "Liisa.Lukija@example.org",
            "library": "",
            "job_title": "Kirjastonhoitaja",
            "phone": "040 123 4567",
            "preferred_language": "fi",
        },
    )

    assert response.status_code == 302
    person = Member.objects.get(email="liisa.lukija@example.org")
    assert (person.full_name, person.user) == ("Liisa Lukija", None)
    response = client.post("/admin/members/invitation/add/", {"member": person.pk, "role": Role.MEMBER})
    assert response.status_code == 302
    invitation = Invitation.objects.get(member=person)
    assert invitation.invited_by == chair
    assert invitation.role == Role.MEMBER
    assert invitation.status == Invitation.Status.DRAFT
    assert mail.outbox == []


def test_chair_invites_a_member_with_the_member_admin_action(
    client, client_as, chair, django_capture_on_commit_callbacks
):
    person = MemberFactory(email="liisa.lukija@example.org", first_name="Liisa", last_name="Lukija")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(chair).post(
            "/admin/members/member/", {"action": "invite", "_selected_action": [person.pk]}
        )

    assert response.status_code == 302
    invitation = Invitation.objects.get(member=person)
    assert invitation.status == Invitation.Status.SENT
    assert invitation.invited_by == chair
    assert invitation.role == Role.MEMBER
    [message] = mail.outbox
    assert message.to == ["liisa.lukija@example.org"]
    client.logout()
    link = LINK.search(message.body).group(1)
    assert accept(client, link).status_code == 302
    person.refresh_from_db()
    assert person.user.email == "liisa.lukija@example.org"
    assert client.get("/").context["user"] == person.user


def test_sending_an_invitation_emails_a_link_that_opens_the_password_form(client, send_invitations, chair):
    invitation = InvitationFactory(member__email="liisa.lukija@example.org", member__first_name="Liisa")

    [link] = send_invitations(invitation)

    [message] = mail.outbox
    assert message.to == ["liisa.lukija@example.org"]
    assert message.subject.startswith("[Digitutor] ")
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.SENT
    assert invitation.invited_by == chair
    response = client.get(link)
    assert response.status_code == 200
    assert "liisa.lukija@example.org" in response.text
    assert 'name="password1"' in response.text
    assert 'name="password2"' in response.text


def test_accepting_an_invitation_logs_the_person_in_with_the_invited_role(client, send_invitations, superuser):
    invitation = InvitationFactory(
        member__email="Liisa.Lukija@Example.org",
        member__first_name="Liisa",
        member__last_name="Lukija",
        role=Role.TREASURER,
    )
    [link] = send_invitations(invitation, sender=superuser)

    response = accept(client, link)

    assert response.status_code == 302
    assert response["Location"] == "/"
    home = client.get("/")
    assert home.context["user"].email == "liisa.lukija@example.org"
    assert "Liisa Lukija" in home.text
    assert 'action="/accounts/logout/"' in home.text
    user = User.objects.get(email="liisa.lukija@example.org")
    assert user.check_password(NEW_PASSWORD)
    assert list(user.groups.values_list("name", flat=True)) == [Role.TREASURER]
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == ("liisa.lukija@example.org", True, True)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED
    assert invitation.member.user == user


def test_the_new_member_can_log_out_and_log_in_again_with_the_chosen_password(client, send_invitations):
    [link] = send_invitations(InvitationFactory(member__email="liisa.lukija@example.org"))
    accept(client, link)

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert not client.get("/").context["user"].is_authenticated
    response = client.post("/accounts/login/", {"login": "liisa.lukija@example.org", "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert client.get("/").context["user"].email == "liisa.lukija@example.org"


def test_an_invitation_link_works_only_once(client, send_invitations):
    [link] = send_invitations(InvitationFactory())
    accept(client, link)
    client.post("/accounts/logout/")

    response = client.get(link)

    assert response.status_code == 404
    assert 'name="password1"' not in response.text
    response = accept(client, link, password="toinen-salasana-99")
    assert response.status_code == 404
    assert not client.get("/").context["user"].is_authenticated
    assert User.objects.get(email=Invitation.objects.get().member.email).check_password(NEW_PASSWORD)


def test_an_expired_invitation_link_does_not_work(client, send_invitations):
    invitation = InvitationFactory()
    [link] = send_invitations(invitation)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    assert client.get(link).status_code == 404
    assert accept(client, link).status_code == 404
    assert not User.objects.filter(email=invitation.member.email).exists()


def test_a_revoked_invitation_link_does_not_work(client, client_as, chair, send_invitations):
    invitation = InvitationFactory()
    [link] = send_invitations(invitation)

    client_as(chair).post(
        "/admin/members/invitation/", {"action": "revoke_invitations", "_selected_action": [invitation.pk]}
    )
    client.logout()

    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.REVOKED
    assert client.get(link).status_code == 404
    assert accept(client, link).status_code == 404
    assert not User.objects.filter(email=invitation.member.email).exists()


def test_sending_again_makes_the_earlier_link_stop_working(client, send_invitations):
    invitation = InvitationFactory()
    [first_link] = send_invitations(invitation)

    [second_link] = send_invitations(invitation)

    assert first_link != second_link
    assert client.get(first_link).status_code == 404
    assert client.get(second_link).status_code == 200


def test_sending_again_brings_a_revoked_invitation_back(client, send_invitations):
    invitation = InvitationFactory()
    send_invitations(invitation)
    Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())

    [link] = send_invitations(invitation)

    assert client.get(link).status_code == 200


def test_an_accepted_invitation_is_not_sent_again(
    client, client_as, chair, send_invitations, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory()
    [link] = send_invitations(invitation)
    accept(client, link)
    client.logout()
    sent = len(mail.outbox)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(chair).post(
            "/admin/members/invitation/",
            {"action": "send_invitations", "_selected_action": [invitation.pk]},
            follow=True,
        )

    assert len(mail.outbox) == sent
    assert [message.level_tag for message in response.context["messages"]] == ["warning"]
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED


def test_an_unknown_invitation_link_shows_the_not_found_page(client, db):
    response = client.get("/invitation/not-a-real-token/")

    assert response.status_code == 404
    assert 'name="password1"' not in response.text


def test_a_weak_password_is_refused_and_the_link_still_works(client, send_invitations):
    invitation = InvitationFactory()
    [link] = send_invitations(invitation)

    response = accept(client, link, password="12345")

    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert not User.objects.filter(email=invitation.member.email).exists()
    assert client.get(link).status_code == 200


def test_different_passwords_are_refused(client, send_invitations):
    invitation = InvitationFactory()
    [link] = send_invitations(invitation)

    response = client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"})

    assert response.status_code == 200
    assert response.context["form"].errors["password2"]
    assert not User.objects.filter(email=invitation.member.email).exists()


def test_an_invitation_to_an_address_that_has_an_account_never_sets_its_password(client, send_invitations):
    existing = UserFactory(email="liisa.lukija@example.org", first_name="Liisa", last_name="Lukija")
    invitation = InvitationFactory(member__email="LIISA.LUKIJA@example.org", role=Role.MEMBER)
    users_before = User.objects.count()
    [link] = send_invitations(invitation)

    page = client.get(link)
    response = accept(client, link)

    assert page.status_code == 200
    assert 'name="password1"' not in page.text
    assert f"/accounts/login/?next={link}" in page.text
    assert response.status_code == 200
    assert not client.get("/").context["user"].is_authenticated
    existing.refresh_from_db()
    assert existing.check_password(TEST_PASSWORD)
    assert not existing.check_password(NEW_PASSWORD)
    assert User.objects.count() == users_before
    assert list(existing.groups.values_list("name", flat=True)) == []
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.SENT


def test_the_owner_of_an_existing_account_logs_in_and_then_the_member_is_linked_to_it(client, send_invitations):
    existing = UserFactory(email="liisa.lukija@example.org", first_name="Liisa", last_name="Lukija")
    invitation = InvitationFactory(member__email="liisa.lukija@example.org", role=Role.MEMBER)
    [link] = send_invitations(invitation)

    response = client.post(f"/accounts/login/?next={link}", {"login": existing.email, "password": TEST_PASSWORD})
    assert response["Location"] == link
    page = client.get(link)
    response = client.post(link)

    assert page.status_code == 200
    assert 'name="password1"' not in page.text
    assert response.status_code == 302
    existing.refresh_from_db()
    assert existing.check_password(TEST_PASSWORD)
    assert list(existing.groups.values_list("name", flat=True)) == [Role.MEMBER]
    assert EmailAddress.objects.filter(user=existing).count() == 1
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED
    assert invitation.member.user == existing
    assert client.get(link).status_code == 404


def test_someone_logged_in_with_another_account_cannot_take_an_invitation_bound_to_an_account(
    client_as, member, send_invitations
):
    existing = UserFactory(email="liisa.lukija@example.org")
    invitation = InvitationFactory(member__email="liisa.lukija@example.org", role=Role.MEMBER)
    [link] = send_invitations(invitation)

    response = client_as(member).post(link)

    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.SENT
    assert invitation.member.user is None
    with pytest.raises(DomainError):
        services.invitation_link_account(token=link.split("/")[2], acting_user=member)
    assert not existing.groups.exists()


def test_an_invitation_is_bound_to_the_address_and_the_account_it_was_sent_to(send_invitations):
    existing = UserFactory(email="liisa.lukija@example.org")
    bound = InvitationFactory(member__email="liisa.lukija@example.org", email="")
    unbound = InvitationFactory(member__email="outi.uusi@example.org", email="")

    send_invitations(bound, unbound)

    bound.refresh_from_db()
    unbound.refresh_from_db()
    assert (bound.email, bound.user) == ("liisa.lukija@example.org", existing)
    assert (unbound.email, unbound.user) == ("outi.uusi@example.org", None)


@pytest.fixture
def treasurer_with_a_second_factor(treasurer):
    TOTP.activate(treasurer, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    return treasurer


def test_the_chair_cannot_take_over_the_treasurers_account_by_editing_an_invited_members_email(
    client, client_as, chair, treasurer_with_a_second_factor, django_capture_on_commit_callbacks
):
    treasurer = treasurer_with_a_second_factor
    decoy = MemberFactory(email="chair.second.address@example.org", first_name="Decoy", last_name="Person")
    admin = client_as(chair)
    with django_capture_on_commit_callbacks(execute=True):
        admin.post("/admin/members/member/", {"action": "invite", "_selected_action": [decoy.pk]})
    link = LINK.search(mail.outbox[-1].body).group(1)
    assert mail.outbox[-1].to == ["chair.second.address@example.org"]

    response = admin.post(
        f"/admin/members/member/{decoy.pk}/change/",
        {
            "first_name": "Decoy",
            "last_name": "Person",
            "email": treasurer.email,
            "library": "",
            "job_title": "",
            "phone": "",
            "preferred_language": "fi",
            "changes-TOTAL_FORMS": "0",
            "changes-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    client.logout()
    opened = client.get(link)
    accepted = accept(client, link)

    assert opened.status_code == 404
    assert accepted.status_code == 404
    assert not client.get("/").context["user"].is_authenticated
    treasurer.refresh_from_db()
    assert treasurer.check_password(TEST_PASSWORD)
    assert list(treasurer.groups.values_list("name", flat=True)) == [Role.TREASURER]
    assert Invitation.objects.get(member=decoy).status == Invitation.Status.REVOKED


def test_an_invitation_whose_members_email_changed_by_any_path_does_not_work(client, treasurer, send_invitations):
    invitation = InvitationFactory(member__email="chair.second.address@example.org")
    [link] = send_invitations(invitation)
    Member.objects.filter(pk=invitation.member_id).update(email=treasurer.email)

    assert client.get(link).status_code == 404
    assert accept(client, link).status_code == 404
    with pytest.raises(DomainError):
        services.invitation_accept(token=link.split("/")[2], password=NEW_PASSWORD)
    treasurer.refresh_from_db()
    assert treasurer.check_password(TEST_PASSWORD)


def test_an_invitation_sent_before_it_was_bound_to_an_address_does_not_work(client, send_invitations):
    invitation = InvitationFactory()
    [link] = send_invitations(invitation)
    Invitation.objects.filter(pk=invitation.pk).update(email="")

    assert client.get(link).status_code == 404
    assert accept(client, link).status_code == 404


def test_accepting_goes_through_allauths_login_stages(client, send_invitations, monkeypatch):
    """A login stage that stops every login (as the second-factor step does) also stops the one after accepting."""
    [link] = send_invitations(InvitationFactory(member__email="liisa.lukija@example.org"))
    monkeypatch.setattr(
        LoginStageController, "handle", lambda self: HttpResponseRedirect("/accounts/2fa/authenticate/")
    )

    response = accept(client, link)

    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert not client.get("/").context["user"].is_authenticated
    assert User.objects.get(email="liisa.lukija@example.org").check_password(NEW_PASSWORD)


def test_the_invitation_email_is_written_in_the_chosen_language(send_invitations):
    invitation = InvitationFactory(member__preferred_language="en", member__first_name="Liisa")

    send_invitations(invitation)

    [message] = mail.outbox
    assert "Hello Liisa," in message.body


def test_a_finnish_invitation_email_is_in_finnish(send_invitations):
    invitation = InvitationFactory(member__preferred_language="fi", member__first_name="Liisa")

    send_invitations(invitation)

    [message] = mail.outbox
    assert "Liisa" in message.body
    assert "Hello" not in message.body
    assert "Invitation to the Digital Tutors" not in message.subject


def test_a_used_link_shows_the_page_that_explains_what_to_do(client, send_invitations):
    [link] = send_invitations(InvitationFactory())
    accept(client, link)
    client.post("/accounts/logout/")

    response = client.get(link)

    assert response.status_code == 404
    assert "members/invitation_invalid.html" in [template.name for template in response.templates]
    assert finnish("The invitation link does not work") in response.text


@pytest.fixture
def invite(client_as, chair, django_capture_on_commit_callbacks):
    """Run the member admin's "invite" action as the chair; returns the followed response."""

    def run(*people):
        with django_capture_on_commit_callbacks(execute=True):
            return client_as(chair).post(
                "/admin/members/member/",
                {"action": "invite", "_selected_action": [person.pk for person in people]},
                follow=True,
            )

    return run


def test_inviting_a_member_who_already_has_an_active_account_is_refused_with_a_message(invite, member, password):
    response = invite(member.member)

    assert mail.outbox == []
    assert not Invitation.objects.exists()
    [message] = response.context["messages"]
    assert message.level_tag == "warning"
    assert "Maija Tapio" in str(message)
    member.refresh_from_db()
    assert member.check_password(password)
    assert finnish("%(name)s already has an account.", name="Maija Tapio") in str(message)


def test_sending_an_invitation_made_for_a_member_who_has_an_account_is_refused(
    client_as, chair, member, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(member=member.member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(chair).post(
            "/admin/members/invitation/",
            {"action": "send_invitations", "_selected_action": [invitation.pk]},
            follow=True,
        )

    assert mail.outbox == []
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.DRAFT
    assert [message.level_tag for message in response.context["messages"]] == ["warning"]


def test_inviting_a_deactivated_member_is_refused(invite):
    person = MemberFactory(is_active=False)

    response = invite(person)

    assert mail.outbox == []
    assert not Invitation.objects.exists()
    assert [message.level_tag for message in response.context["messages"]] == ["warning"]


def test_a_member_whose_account_was_never_finished_can_be_invited(invite):
    unfinished = UserFactory(email="liisa.lukija@example.org")
    unfinished.set_unusable_password()
    unfinished.save()
    person = MemberFactory(user=unfinished, email="liisa.lukija@example.org")

    invite(person)

    assert [message.to for message in mail.outbox] == [["liisa.lukija@example.org"]]


def test_inviting_the_same_member_again_reuses_the_invitation_and_replaces_the_link(client, invite):
    person = MemberFactory()
    invite(person)
    first_link = LINK.search(mail.outbox[0].body).group(1)

    invite(person)

    second_link = LINK.search(mail.outbox[1].body).group(1)
    assert Invitation.objects.filter(member=person).count() == 1
    client.logout()
    assert client.get(first_link).status_code == 404
    assert client.get(second_link).status_code == 200


def test_an_invitation_link_stops_working_when_the_member_is_deactivated(client, send_invitations):
    invitation = InvitationFactory()
    [link] = send_invitations(invitation)
    Member.objects.filter(pk=invitation.member_id).update(is_active=False)

    assert client.get(link).status_code == 404
    assert accept(client, link).status_code == 404
    assert not User.objects.filter(email=invitation.member.email).exists()


# The invitation's states and what may be done in each

STATES = ["draft", "sent", "accepted", "expired", "revoked"]
TRANSITIONS = [
    ("draft", "send", True),
    ("sent", "send", True),
    ("accepted", "send", False),
    ("expired", "send", True),
    ("revoked", "send", True),
    ("draft", "revoke", True),
    ("sent", "revoke", True),
    ("accepted", "revoke", False),
    ("expired", "revoke", True),
    ("revoked", "revoke", True),
    ("draft", "accept", False),
    ("sent", "accept", True),
    ("accepted", "accept", False),
    ("expired", "accept", False),
    ("revoked", "accept", False),
]


def invitation_in_state(state, chair):
    """An invitation in the given state and the token its last email carried ('' for a draft)."""
    invitation = InvitationFactory()
    if state == "draft":
        return invitation, ""
    token = invitation.new_token()
    Invitation.objects.filter(pk=invitation.pk).update(
        token_hash=invitation.token_hash, sent_at=timezone.now(), expires_at=timezone.now() + timedelta(days=14)
    )
    if state == "accepted":
        services.invitation_accept(token=token, password=NEW_PASSWORD)
    elif state == "expired":
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    elif state == "revoked":
        services.invitation_revoke(invitation=invitation, acting_user=chair)
    invitation.refresh_from_db()
    assert invitation.status == state
    return invitation, token


def test_the_transition_table_covers_every_state_and_action():
    assert {(state, action) for state, action, _allowed in TRANSITIONS} == {
        (state, action) for state in STATES for action in ["send", "revoke", "accept"]
    }


@pytest.mark.parametrize(("state", "action", "allowed"), TRANSITIONS)
def test_invitation_state_machine(chair, state, action, allowed):
    invitation, token = invitation_in_state(state, chair)
    run = {
        "send": lambda: services.invitation_send(invitation=invitation, acting_user=chair),
        "revoke": lambda: services.invitation_revoke(invitation=invitation, acting_user=chair),
        "accept": lambda: services.invitation_accept(token=token, password="toinen-salasana-99"),
    }[action]

    if allowed:
        run()
        invitation.refresh_from_db()
        expected = {"send": Invitation.Status.SENT, "revoke": Invitation.Status.REVOKED}.get(
            action, Invitation.Status.ACCEPTED
        )
        assert invitation.status == expected
    else:
        with pytest.raises(DomainError):
            run()
        invitation.refresh_from_db()
        assert invitation.status == state


# Only a superuser invites someone to the chair or treasurer role


@pytest.mark.parametrize("role", [Role.TREASURER, Role.CHAIR])
def test_the_chair_cannot_send_an_invitation_to_the_treasurer_or_chair_role(
    client_as, chair, role, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(role=role)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(chair).post(
            "/admin/members/invitation/",
            {"action": "send_invitations", "_selected_action": [invitation.pk]},
            follow=True,
        )

    assert mail.outbox == []
    assert [message.level_tag for message in response.context["messages"]] == ["warning"]
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.DRAFT
    with pytest.raises(DomainError):
        services.member_invite(member=MemberFactory(), acting_user=chair, role=role)
    assert mail.outbox == []


def test_the_chair_is_offered_only_the_member_role_for_an_invitation(client_as, chair):
    person = MemberFactory()
    client = client_as(chair)

    page = client.get("/admin/members/invitation/add/")
    response = client.post("/admin/members/invitation/add/", {"member": person.pk, "role": Role.TREASURER})

    assert [value for value, _label in page.context["adminform"].form.fields["role"].choices] == [Role.MEMBER]
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["role"]
    assert not Invitation.objects.exists()


def test_a_superuser_invites_a_treasurer(send_invitations, superuser):
    invitation = InvitationFactory(role=Role.TREASURER)

    send_invitations(invitation, sender=superuser)

    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.SENT


def test_an_invitations_member_and_role_stay_as_they_were_made(client_as, chair):
    invitation = InvitationFactory(role=Role.MEMBER)
    other = MemberFactory()

    response = client_as(chair).post(
        f"/admin/members/invitation/{invitation.pk}/change/", {"member": other.pk, "role": Role.TREASURER}
    )

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert (invitation.member_id, invitation.role) == (invitation.member.pk, Role.MEMBER)
    assert invitation.member != other
