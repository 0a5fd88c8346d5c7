"""Messages of libraries we use whose own catalogues lack Finnish or Swedish; listed so `make messages` extracts them.

Django looks in the project's locale/ first, so the translations in locale/fi and locale/sv are the ones shown.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO_LOCALFLAVOR_IBAN = [
    gettext_noop("Not a valid IBAN."),
    gettext_noop("%(character)s is not a valid character for IBAN."),
    gettext_noop("%(country_code)s IBANs must contain %(number)s characters."),
    gettext_noop("%(country_code)s is not a valid country code for IBAN."),
    gettext_noop("%(country_code)s IBANs are not allowed in this field."),
]

# Django's Finnish catalogue lacks the error of its MinimumLengthValidator (AUTH_PASSWORD_VALIDATORS).
DJANGO_PASSWORD_TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    10,
)
