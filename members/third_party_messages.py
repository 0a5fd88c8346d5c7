"""Messages of libraries we use whose own catalogues lack Finnish or Swedish; listed so `make messages` extracts them.

Django looks in the project's locale/ first, so the translations in locale/fi and locale/sv are the ones shown.
"""

from django.utils.translation import gettext_noop

DJANGO_LOCALFLAVOR_IBAN = [
    gettext_noop("Not a valid IBAN."),
    gettext_noop("%(character)s is not a valid character for IBAN."),
    gettext_noop("%(country_code)s IBANs must contain %(number)s characters."),
    gettext_noop("%(country_code)s is not a valid country code for IBAN."),
    gettext_noop("%(country_code)s IBANs are not allowed in this field."),
]
