"""Where uploaded files live: outside any public URL, under random names, served only by views that check access."""

import secrets
from pathlib import PurePath

from django.core.files.storage import storages


def private_storage():
    """STORAGES["private"]: nothing serves it by URL, a file is reachable only through a permission-checking view."""
    return storages["private"]


def random_file_name(folder, filename):
    """Keep only the uploaded name's extension: no path tricks, no guessable names."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"{folder}/{secrets.token_urlsafe(24)}{suffix}"
