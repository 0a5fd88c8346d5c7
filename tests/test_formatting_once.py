"""The formatting a list does once per drawing gives what its per-cell form gives: euros_formatter() as euros(),
whole_number() as localize(), address_around_key() as address(), in every language."""

from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.formats import localize

from digitutor.addresses import address, address_around_key
from digitutor.templatetags import formatting
from digitutor.templatetags.formatting import euros, euros_formatter, whole_number

AMOUNTS = [
    None,
    "",
    0,
    Decimal("0"),
    Decimal("0.004"),
    Decimal("-0.004"),
    Decimal("12.5"),
    Decimal("1085.60"),
    Decimal("-1414.40"),
    Decimal("1234567.891"),
    Decimal("999.999"),
    "2500.00",
    1200,
    Decimal("-0.00"),
    Decimal("0.01"),
    Decimal("-0.01"),
    Decimal("1085.8999999999999"),  # a sum SQLite adds up in floating point, cut to the cent as Django cuts it
    Decimal("-1085.8999999999999"),
    0.1 + 0.2,
    Decimal("1E+3"),
    Decimal("12345678901234.56"),
    Decimal("100000"),
]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_euros_formatter_writes_each_amount_as_the_euros_filter(language):
    with translation.override(language):
        formatted = euros_formatter()
        assert [formatted(amount) for amount in AMOUNTS] == [euros(amount) for amount in AMOUNTS]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("number", [0, 7, 2026, 1234567, -1500, Decimal("1234.5"), 2.5, True])
def test_a_whole_number_is_written_as_localize_writes_it(language, number):
    with translation.override(language):
        assert whole_number(number) == localize(number)


@pytest.mark.parametrize("thousands", [False, True])
def test_a_whole_number_is_grouped_when_the_settings_group_digits(settings, thousands):
    settings.USE_THOUSAND_SEPARATOR = thousands
    with translation.override("fi"):
        assert whole_number(1234567) == localize(1234567)
    assert (whole_number(1234567) == "1234567") is not thousands


@pytest.mark.parametrize(("name", "keys"), [("meeting_detail", [1, 42, 98765]), ("report_detail", [2022, 2026])])
def test_the_address_around_a_key_is_the_address_of_each_key(name, keys):
    before, after = address_around_key(name)

    assert [f"{before}{key}{after}" for key in keys] == [address(name, key) for key in keys]


def test_the_euros_formatter_writes_a_grouping_other_than_threes_as_django_does(monkeypatch):
    grouped = {"NUMBER_GROUPING": (3, 2, 0), "DECIMAL_SEPARATOR": ".", "THOUSAND_SEPARATOR": ","}
    monkeypatch.setattr(formatting, "get_format", lambda name, *args, **kwargs: grouped[name])
    formatted = euros_formatter()

    assert formatted(Decimal("12345678.9")) == "1,23,45,678.90\u00a0€"
    assert formatted(Decimal("-1085.8999")) == "-1,085.89\u00a0€"
