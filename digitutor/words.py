"""Words a page says on every drawing, translated once per language and process.

A `{% translate %}` tag costs some forty function calls a drawing; the catalogues do not change until the process
restarts, so the words a page always says can be looked up once per language (the shell's, the claim form's)."""

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
    """A test that changes the languages or their catalogues changes the words too (as Django resets its own)."""
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"}:
        for memo in _memos:
            memo.clear()
