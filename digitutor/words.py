"""Words a page says on every drawing, translated once per language and process.

A `{% translate %}` tag costs some forty function calls a drawing; the catalogues and formats do not change until the
process restarts, so the words and number formats a page always uses can be looked up once per language (the
shell's, the front pages', the claim form's and claim page's, the report's, the profile and practice forms')."""

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import translation

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


@receiver(setting_changed)
def _forget_words(*, setting, **kwargs):
    """A test that changes the languages, their catalogues or their formats changes the words too (as Django resets
    its own)."""
    languages = {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "FORMAT_MODULE_PATH", "NUMBER_GROUPING"}
    if setting in languages or setting.endswith(("_FORMAT", "_SEPARATOR")):
        for memo in _memos:
            memo.clear()
