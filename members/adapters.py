"""How allauth behaves in this portal."""

import logging

from allauth.account.adapter import DefaultAccountAdapter

logger = logging.getLogger(__name__)


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Nobody signs up on their own: accounts come only from the chair's invitations."""

    def is_open_for_signup(self, request):
        return False

    def send_mail(self, template_prefix, email, context):
        """A mail server failure is logged, as in digitutor/mail.py: the reset or verification page still answers."""
        try:
            super().send_mail(template_prefix, email, context)
        except OSError:
            logger.exception("Could not send the email %r", template_prefix)
