"""Where uploaded files live: outside any public URL, under random names, served only by views that check access."""

import secrets
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.utils.translation import gettext_lazy as _
from whitenoise.storage import CompressedManifestStaticFilesStorage

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


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """whitenoise's compressed, hashed static files, each name's address worked out once per process.

    Every page asks for the same few addresses (Bootstrap, the portal's CSS, the icon); each answer is read from the
    manifest the process loaded when it started and does not change until the next deployment restarts it.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._addresses = {}

    def url(self, name, force=False):
        key = (name, force, settings.DEBUG)
        found = self._addresses.get(key)
        if found is None:
            found = self._addresses[key] = super().url(name, force)
        return found
