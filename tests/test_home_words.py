"""The front pages' words looked up once per language (digitutor/home/words.py) are the words and numbers Django's
own lookups give, in each language, however often and in whichever order the languages are asked."""

from decimal import Decimal

import pytest
from django.utils.formats import localize, number_format
from django.utils.html import escape
from django.utils.translation import gettext, ngettext, override

from digitutor.home.words import page_words
from meetings.models import MeetingFormat

LANGUAGES = ["fi", "sv", "en", "fi"]  # back to Finnish: each language keeps its own words


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_words_are_djangos_in_the_language(language):
    with override(language):
        words = page_words()
        assert words.text("Next meeting") == escape(gettext("Next meeting"))
        assert words.text("Next meeting") != "Next meeting" or language == "en"
        assert words.pattern("Welcome, %(name)s") == gettext("Welcome, %(name)s")
        assert words.labels(MeetingFormat) == {value: escape(label) for value, label in MeetingFormat.choices}
        assert words.numbered("Budget use %(year)s", year=2026) == gettext("Budget use %(year)s") % {"year": "2026"}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("count", [0, 1, 2, 5, 21, 1234, 1234567])
def test_counted_sentences_and_whole_numbers_are_djangos(language, count):
    singular, plural = "%(counter)s claim to approve or return", "%(counter)s claims to approve or return"
    with override(language):
        words = page_words()
        for _time in range(2):  # the remembered sentence too
            assert words.whole(count) == localize(count)
            assert words.counted(singular, plural, count) == ngettext(singular, plural, count) % {
                "counter": localize(count)
            }


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("amount", ["0", "0.5", "120.5", "1234.50", "-80.05", "1234567.89", "1500"])
def test_sums_are_written_as_number_format_writes_them(language, amount):
    with override(language):
        assert page_words().amount(Decimal(amount)) == number_format(
            Decimal(amount), decimal_pos=2, use_l10n=True, force_grouping=True
        )
