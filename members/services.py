"""Writes about people and accounts: sending and accepting invitations."""

import logging
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from digitutor.errors import DomainError
from members.models import Invitation, User, invitation_token_hash

logger = logging.getLogger(__name__)


def _send_invitation_email(*, invitation, token):
    accept_url = settings.SITE_URL.rstrip("/") + reverse("invitation_accept", kwargs={"token": token})
    context = {"invitation": invitation, "accept_url": accept_url}
    with translation.override(invitation.language):
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _("Invitation to the Digital Tutors working group portal")
        body = render_to_string("members/email/invitation.txt", context)
    try:
        send_mail(subject, body, None, [invitation.email])
    except OSError:
        logger.exception("Could not send the invitation email to invitation %s", invitation.pk)


def invitation_send(*, invitation, acting_user):
    """Send (or send again) an invitation with a fresh single-use link; any earlier link stops working."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at:
            raise DomainError(_("This invitation has already been accepted."))
        token = invitation.new_token()
        now = timezone.now()
        invitation.sent_at = now
        invitation.expires_at = now + timedelta(days=settings.DIGITUTOR_INVITATION_DAYS)
        invitation.revoked_at = None
        invitation.invited_by = invitation.invited_by or acting_user
        invitation.save()
        transaction.on_commit(lambda: _send_invitation_email(invitation=invitation, token=token))
    return invitation


def invitation_revoke(*, invitation, acting_user):
    """Make an unaccepted invitation's link stop working."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at:
            raise DomainError(_("This invitation has already been accepted."))
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


def invitation_get_usable(*, token):
    """The invitation a link points to, or None when the link is unknown, used, revoked or expired."""
    return Invitation.objects.usable().filter(token_hash=invitation_token_hash(token)).first()


def invitation_accept(*, token, password):
    """Create (or link) the invited person's account with the chosen password; the link then stops working."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.usable().select_for_update().filter(token_hash=invitation_token_hash(token)).first()
        )
        if invitation is None:
            raise DomainError(_("This invitation link is not valid any more. Ask the chair for a new invitation."))
        email = invitation.email.strip().lower()
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, first_name=invitation.first_name, last_name=invitation.last_name)
        user.is_active = True
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=invitation.role))
        # Following the emailed link proves the person owns the address.
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        invitation.user = user
        invitation.accepted_at = timezone.now()
        invitation.token_hash = ""
        invitation.save(update_fields=["user", "accepted_at", "token_hash"])
    return user
