"""The portal's email: written in the recipient's language, and a failed send is logged, never raised."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def absolute_url(path):
    """A link for an email, on the portal's public address."""
    return settings.SITE_URL.rstrip("/") + path


def send_templated_email(*, to, language, subject, template, context, subject_params=None, attachments=()):
    """Render and send one plain-text email; returns whether it went out.

    Pass the subject lazily (gettext_lazy) so that it is translated here, into the recipient's language.
    A mail server failure must not undo what the service already committed, so it is logged instead.
    """
    with translation.override(language):
        subject = str(subject) % subject_params if subject_params else str(subject)
        message = EmailMessage(
            subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
            body=render_to_string(template, context),
            to=list(to),
        )
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    try:
        message.send()
    except OSError:
        logger.exception("Could not send the email %r", template)
        return False
    return True
