"""How allauth behaves in this portal."""

import base64
import ipaddress
import logging

from allauth import app_settings as allauth_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.utils.crypto import salted_hmac

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


# Marks a secret this adapter encrypted; one without it was stored before encryption (migration members/0006 encrypts
# those) and is read as it is.
ENCRYPTED_PREFIX = "fernet:"


def mfa_fernet():
    """The keys TOTP secrets and recovery-code seeds are encrypted with: the first encrypts, any of them decrypts.

    MFA_ENCRYPTION_KEY (Fernet keys, comma separated, newest first) when set; then keys derived from SECRET_KEY and
    SECRET_KEY_FALLBACKS, so that rotating the secret key the Django way (the old one in the fallbacks) keeps every
    authenticator working.
    """
    keys = [Fernet(key) for key in settings.DIGITUTOR_MFA_ENCRYPTION_KEYS]
    for secret_key in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
        derived = salted_hmac("digitutor.mfa.secrets", "fernet-key", secret=secret_key, algorithm="sha256").digest()
        keys.append(Fernet(base64.urlsafe_b64encode(derived)))
    return MultiFernet(keys)


class EncryptedSecretsMFAAdapter(DefaultMFAAdapter):
    """TOTP secrets and recovery-code seeds are stored encrypted: a copy of the database does not give the codes."""

    def encrypt(self, text):
        return ENCRYPTED_PREFIX + mfa_fernet().encrypt(text.encode()).decode("ascii")

    def decrypt(self, encrypted_text):
        if not encrypted_text.startswith(ENCRYPTED_PREFIX):
            return encrypted_text
        return mfa_fernet().decrypt(encrypted_text.removeprefix(ENCRYPTED_PREFIX).encode("ascii")).decode()
