"""The invitation journey: the chair invites, the invited person sets a password and is logged in."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone

from digitutor.roles import Role
from members.models import Invitation, User
from tests.factories import InvitationFactory, UserFactory

NEW_PASSWORD = "lainaa-kirjoja-2024"
LINK = re.compile(r"https?://[^/\s]+(/invitation/[^/\s]+/)")


@pytest.fixture
def send_invitations(client_as, chair, django_capture_on_commit_callbacks):
    """Run the admin's "send" action as the chair on the given invitations; returns the links emailed."""

    def send(*invitations):
        sent_before = len(mail.outbox)
        client = client_as(chair)
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


def test_chair_creates_an_invitation_in_the_admin(client_as, chair):
    response = client_as(chair).post(
        "/admin/members/invitation/add/",
        {
            "email": "liisa.lukija@example.org",
            "first_name": "Liisa",
            "last_name": "Lukija",
            "role": Role.MEMBER,
            "language": "fi",
        },
    )

    assert response.status_code == 302
    invitation = Invitation.objects.get(email="liisa.lukija@example.org")
    assert invitation.invited_by == chair
    assert invitation.status == Invitation.Status.DRAFT
    assert mail.outbox == []


def test_sending_an_invitation_emails_a_link_that_opens_the_password_form(client, send_invitations, chair):
    invitation = InvitationFactory(email="liisa.lukija@example.org", first_name="Liisa")

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


def test_accepting_an_invitation_logs_the_person_in_with_the_invited_role(client, send_invitations):
    invitation = InvitationFactory(
        email="Liisa.Lukija@Example.org", first_name="Liisa", last_name="Lukija", role=Role.TREASURER
    )
    [link] = send_invitations(invitation)

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
    assert invitation.user == user


def test_the_new_member_can_log_out_and_log_in_again_with_the_chosen_password(client, send_invitations):
    [link] = send_invitations(InvitationFactory(email="liisa.lukija@example.org"))
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
    assert User.objects.get(email=Invitation.objects.get().email).check_password(NEW_PASSWORD)


def test_an_expired_invitation_link_does_not_work(client, send_invitations):
    invitation = InvitationFactory()
    [link] = send_invitations(invitation)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    assert client.get(link).status_code == 404
    assert accept(client, link).status_code == 404
    assert not User.objects.filter(email=invitation.email).exists()


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
    assert not User.objects.filter(email=invitation.email).exists()


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
    assert not User.objects.filter(email=invitation.email).exists()
    assert client.get(link).status_code == 200


def test_different_passwords_are_refused(client, send_invitations):
    invitation = InvitationFactory()
    [link] = send_invitations(invitation)

    response = client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"})

    assert response.status_code == 200
    assert response.context["form"].errors["password2"]
    assert not User.objects.filter(email=invitation.email).exists()


def test_inviting_someone_who_has_an_account_links_it_instead_of_creating_another(client, send_invitations):
    existing = UserFactory(email="liisa.lukija@example.org", first_name="Liisa", last_name="Lukija")
    invitation = InvitationFactory(email="LIISA.LUKIJA@example.org", role=Role.MEMBER)
    users_before = User.objects.count()
    [link] = send_invitations(invitation)

    response = accept(client, link)

    assert response.status_code == 302
    assert User.objects.count() == users_before
    existing.refresh_from_db()
    assert client.get("/").context["user"] == existing
    assert existing.check_password(NEW_PASSWORD)
    assert list(existing.groups.values_list("name", flat=True)) == [Role.MEMBER]
    assert EmailAddress.objects.filter(user=existing).count() == 1
    invitation.refresh_from_db()
    assert invitation.user == existing


def test_the_invitation_email_is_written_in_the_chosen_language(send_invitations):
    invitation = InvitationFactory(language="en", first_name="Liisa")

    send_invitations(invitation)

    [message] = mail.outbox
    assert "Hello Liisa," in message.body


def test_a_finnish_invitation_email_is_in_finnish(send_invitations):
    invitation = InvitationFactory(language="fi", first_name="Liisa")

    send_invitations(invitation)

    [message] = mail.outbox
    assert "Liisa" in message.body
    assert "Hello" not in message.body
    assert "Invitation to the Digital Tutors" not in message.subject
