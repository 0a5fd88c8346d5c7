"""Words a page says on every drawing, translated once per language and process.

A `{% translate %}` tag costs some forty function calls a drawing; the catalogues and formats do not change until the
process restarts, so the words and number formats a page always uses can be looked up once per language (the
shell's, the front pages', the claim form's and claim page's, the report's, the profile and practice forms')."""

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import gettext, ngettext

from digitutor.templatetags.formatting import escape_text, whole_number

_memos = []


def per_language(words):
    """words() of the active language, worked out the first time a language asks for them."""
    by_language = {}
    _memos.append(by_language)

    @functools.wraps(words)
    def of_active_language():
        language = translation.get_language()
        found = by_language.get(language)
        if found is None:
            found = by_language[language] = words()
        return found

    return of_active_language


class LanguageWords:
    """One language's words of a page, each asked of the catalogue the first time a page says it: translations
    (escaped, or as patterns to fill), counted sentences, choices' labels and whole numbers as localize() writes them.
    A page's own words add to it (its clock, its sums); per_language() keeps one per language."""

    # The most counted sentences kept: counts are small, but each count is a key of its own.
    most_counted = 2000

    def __init__(self):
        self._texts, self._patterns, self._counted, self._plurals = {}, {}, {}, {}
        self._labels, self._names = {}, {}

    def text(self, message):
        """gettext(message), escaped as {% translate %} writes it."""
        said = self._texts.get(message)
        if said is None:
            said = self._texts[message] = escape_text(gettext(message))
        return said

    def pattern(self, message):
        """gettext(message), unescaped: a literal's translation or a sentence with %(name)s places to fill."""
        said = self._patterns.get(message)
        if said is None:
            said = self._patterns[message] = gettext(message)
        return said

    def counted(self, singular, plural, count):
        """ngettext(singular, plural, count) with the count in it, as {% blocktranslate count counter=... %} writes
        it (the count localised and escaped)."""
        key = (singular, count)
        said = self._counted.get(key)
        if said is None:
            said = ngettext(singular, plural, count) % {"counter": escape_text(self.whole(count))}
            self._keep(self._counted, key, said)
        return said

    def plural(self, singular, plural, count):
        """ngettext(singular, plural, count), unescaped: the count's sentence with %(name)s places to fill."""
        key = (singular, count)
        said = self._plurals.get(key)
        if said is None:
            said = ngettext(singular, plural, count)
            self._keep(self._plurals, key, said)
        return said

    def _keep(self, said_of, key, said):
        """Remembers a counted sentence, up to most_counted of a kind."""
        if len(said_of) < self.most_counted:
            said_of[key] = said

    def numbered(self, message, **numbers):
        """gettext(message) with whole numbers in it, as {% blocktranslate with year=... %} writes it."""
        return self.pattern(message) % {name: escape_text(self.whole(number)) for name, number in numbers.items()}

    def labels(self, choices):
        """{value: escaped label} of a TextChoices class, as {{ object.get_FOO_display }} writes them."""
        labels = self._labels.get(choices)
        if labels is None:
            labels = self._labels[choices] = {value: escape_text(label) for value, label in choices.choices}
        return labels

    def names(self, choices):
        """{value: label} of a TextChoices class, unescaped: its labels as text (choices' lazy labels are translated
        anew whenever they are read)."""
        names = self._names.get(choices)
        if names is None:
            names = self._names[choices] = {value: str(label) for value, label in choices.choices}
        return names

    @staticmethod
    def whole(number):
        """A whole number as localize() writes it in the language (a year, a count)."""
        return whole_number(number)


@receiver(setting_changed)
def _forget_words(*, setting, **kwargs):
    """A test that changes the languages, their catalogues or their formats changes the words too (as Django resets
    its own)."""
    languages = {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "FORMAT_MODULE_PATH", "NUMBER_GROUPING"}
    if setting in languages or setting.endswith(("_FORMAT", "_SEPARATOR")):
        for memo in _memos:
            memo.clear()
