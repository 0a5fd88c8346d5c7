"""The front pages' words and number formats in the active language, looked up once per language and process.

Each of the dashboard's sentences was a catalogue lookup (and an escape), each number three format lookups and each
counted sentence a plural lookup, on every drawing: some 1 500 calls of a page whose cards write fewer than 40
sentences. The catalogues and formats do not change until the process restarts (as the shell's words,
digitutor/templatetags/shell.py), so neither do these.
"""

from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import get_language, gettext, ngettext

from digitutor.templatetags.formatting import escape_text
from digitutor.words import per_language
from meetings.claims.templatetags.claim_rows import amount_formatter
from meetings.when import Words

# The most counted sentences kept per language: counts are small, but each count is a key of its own.
_MOST_COUNTED = 2000


class PageWords:
    """One language's words of the front pages: translations (escaped or as patterns), counted sentences, choices'
    labels, the meetings' times (meetings.when.Words), whole numbers as localize() writes them and sums as
    number_format(sum, 2, force_grouping=True) writes them."""

    def __init__(self):
        self._texts, self._patterns, self._counted, self._labels = {}, {}, {}, {}
        self.moments = Words()
        self.amount = amount_formatter(force_grouping=True)
        language = get_language()
        self._number_format = (
            get_format("DECIMAL_SEPARATOR", language, use_l10n=True),
            None,
            get_format("NUMBER_GROUPING", language, use_l10n=True),
            get_format("THOUSAND_SEPARATOR", language, use_l10n=True),
        )

    def text(self, message):
        """gettext(message), escaped as {% translate %} writes it."""
        try:
            return self._texts[message]
        except KeyError:
            said = self._texts[message] = escape_text(gettext(message))
            return said

    def pattern(self, message):
        """gettext(message), unescaped, for a sentence with %(name)s places to fill."""
        try:
            return self._patterns[message]
        except KeyError:
            said = self._patterns[message] = gettext(message)
            return said

    def counted(self, singular, plural, count):
        """ngettext(singular, plural, count) with the count in it, as {% blocktranslate count counter=... %} writes
        it (the count localised as whole())."""
        key = (singular, count)
        try:
            return self._counted[key]
        except KeyError:
            said = ngettext(singular, plural, count) % {"counter": escape_text(self.whole(count))}
            if len(self._counted) < _MOST_COUNTED:
                self._counted[key] = said
            return said

    def numbered(self, message, **numbers):
        """gettext(message) with whole numbers in it, as {% blocktranslate with year=... %} writes it."""
        return self.pattern(message) % {name: escape_text(self.whole(number)) for name, number in numbers.items()}

    def labels(self, choices):
        """{value: escaped label} of a TextChoices class, as {{ object.get_FOO_display }} writes them."""
        try:
            return self._labels[choices]
        except KeyError:
            said = self._labels[choices] = {value: escape_text(label) for value, label in choices.choices}
            return said

    def whole(self, number):
        """A whole number as localize() writes it in the language (a year, a count)."""
        return numberformat.format(number, *self._number_format, use_l10n=True)


# The PageWords of the active language.
page_words = per_language(PageWords)
