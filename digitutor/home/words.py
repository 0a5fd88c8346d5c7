"""The front pages' words and number formats in the active language, looked up once per language and process.

Each of the dashboard's sentences was a catalogue lookup (and an escape), each number three format lookups and each
counted sentence a plural lookup, on every drawing: some 1 500 calls of a page whose cards write fewer than 40
sentences. The catalogues and formats do not change until the process restarts (as the shell's words,
digitutor/templatetags/shell.py), so neither do these.
"""

from digitutor.words import LanguageWords, per_language
from meetings.claims.templatetags.claim_rows import amount_formatter
from meetings.when import Words


class PageWords(LanguageWords):
    """One language's words of the front pages (digitutor.words.LanguageWords), with the meetings' times
    (meetings.when.Words) and sums as number_format(sum, 2, force_grouping=True) writes them."""

    def __init__(self):
        super().__init__()
        self.moments = Words()
        self.amount = amount_formatter(force_grouping=True)


# The PageWords of the active language.
page_words = per_language(PageWords)
