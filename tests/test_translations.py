"""The Finnish and Swedish catalogues are complete: no English left on a Finnish or Swedish page."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def entries(language):
    with open(LOCALE_DIR / language / "LC_MESSAGES" / "django.po", "rb") as po_file:
        catalog = read_po(po_file)
    return [message for message in catalog if message.id]


def is_translated(message):
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return all(strings)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_catalogue_has_no_untranslated_entries(language):
    untranslated = [message.id for message in entries(language) if not is_translated(message)]

    assert untranslated == []


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_catalogue_has_no_fuzzy_entries(language):
    fuzzy = [message.id for message in entries(language) if message.fuzzy]

    assert fuzzy == []


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_catalogue_is_not_empty(language):
    assert len(entries(language)) > 50
