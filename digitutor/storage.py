"""Where uploaded files live: outside any public URL, under random names, served only by views that check access."""

import secrets
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.utils.translation import gettext_lazy as _

# Files a browser runs as a page or a script if it ever shows them: by their name, or by markup near their start.
ACTIVE_SUFFIXES = {".htm", ".html", ".shtml", ".xhtml", ".xht", ".svg", ".svgz", ".xml", ".xsl", ".js", ".mjs"}
ACTIVE_MARKUP = (b"<html", b"<script", b"<!doctype", b"<svg", b"<body", b"<iframe", b"<?xml-stylesheet")


def private_storage():
    """STORAGES["private"]: nothing serves it by URL, a file is reachable only through a permission-checking view."""
    return storages["private"]


def random_file_name(folder, filename):
    """Keep only the uploaded name's extension: no path tricks, no guessable names."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"{folder}/{secrets.token_urlsafe(24)}{suffix}"


def refuse_active_content(upload):
    """Refuse a web page, an SVG image or a script, whatever its name says: members' browsers could run it."""
    upload.seek(0)
    head = upload.read(8192).lower()
    upload.seek(0)
    if PurePath(upload.name or "").suffix.lower() in ACTIVE_SUFFIXES or any(mark in head for mark in ACTIVE_MARKUP):
        raise ValidationError(
            _("Web pages, SVG images and scripts cannot be attached. Save the file as a PDF and attach that."),
            code="active_content",
        )
