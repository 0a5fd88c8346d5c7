"""How allauth behaves in this portal."""

import ipaddress
import logging

from allauth import app_settings as allauth_settings
from allauth.account.adapter import DefaultAccountAdapter

logger = logging.getLogger(__name__)


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Nobody signs up on their own: accounts come only from the chair's invitations."""

    def is_open_for_signup(self, request):
        return False

    def _get_login_attempts_cache_key(self, request, **credentials):
        """Failed logins count per account *and* address (the key of ACCOUNT_RATE_LIMITS["login_failed"]).

        Someone guessing the chair's password from their own network locks out only that network: the chair still
        logs in from hers, and a password reset clears the count for the network it is made from. Issue #15, item 9;
        docs/security.md.
        """
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{self._client_network(request)}"

    def _client_network(self, request):
        """The client's address; an IPv6 address as its /64 network, which one household or host has whole."""
        address = self.get_client_ip(request)
        try:
            parsed = ipaddress.ip_address(address)
        except ValueError:
            return address
        if parsed.version == 6:
            return str(ipaddress.ip_network(f"{parsed}/{allauth_settings.RATE_LIMIT_IPV6_PREFIX}", strict=False))
        return str(parsed)

    def send_mail(self, template_prefix, email, context):
        """A mail server failure is logged, as in digitutor/mail.py: the reset or verification page still answers."""
        try:
            super().send_mail(template_prefix, email, context)
        except OSError:
            logger.exception("Could not send the email %r", template_prefix)
