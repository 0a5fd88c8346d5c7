"""Finnish texts of the portal's own messages, for asserting that a page speaks Finnish."""

from django.utils import translation
from django.utils.html import escape


def finnish(msgid, **params):
    """The Finnish translation of a message; fails while the catalogue has none (the English text would show)."""
    with translation.override("fi"):
        text = translation.gettext(msgid)
    assert text != msgid, f"the Finnish catalogue has no translation for {msgid!r}"
    return text % params if params else text


def shows(response, text):
    """The text appears on the page as the template prints it (HTML-escaped)."""
    return escape(text) in response.text


def finnish_html(msgid, **params):
    """The Finnish translation as a page prints it (HTML-escaped)."""
    return escape(finnish(msgid, **params))
