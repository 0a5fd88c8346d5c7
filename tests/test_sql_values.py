"""digitutor.sql: values read by a plain cursor come back as the ORM gives them."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import connection

from digitutor.sql import aware, decimal_or_none, euros
from tests.meetings.factories import MeetingFactory


@pytest.mark.parametrize(
    "stored",
    [
        datetime(2026, 12, 5, 21, 30),  # SQLite's driver: the UTC time Django stored, without its zone
        "2026-12-05 21:30:00",  # SQLite: a subquery's datetime as text
        datetime(2026, 12, 5, 21, 30, tzinfo=UTC),  # PostgreSQL: already aware
    ],
)
def test_a_datetime_read_by_a_cursor_is_the_aware_moment_django_stored(stored):
    assert aware(stored) == datetime(2026, 12, 5, 21, 30, tzinfo=UTC)


def test_no_datetime_stays_none():
    assert aware(None) is None


@pytest.mark.parametrize(("text", "expected"), [("4.5", "4.50"), ("1234.567", "1234.57"), ("0", "0.00")])
def test_an_amount_read_as_text_is_in_euros_and_cents(text, expected):
    assert str(euros(text)) == expected


def test_a_sum_over_no_rows_stays_none():
    assert euros(None) is None and decimal_or_none(None) is None


def test_a_decimal_read_as_text_keeps_its_digits():
    assert decimal_or_none("12.5") == Decimal("12.5")


@pytest.mark.django_db
def test_a_utc_moment_written_by_django_reads_back_equal_through_a_cursor():
    """On either database: what a plain cursor returns for a stored datetime, made aware, is the moment stored."""
    moment = datetime(2026, 3, 15, 11, 0, tzinfo=UTC)
    meeting = MeetingFactory(starts_at=moment)
    with connection.cursor() as cursor:
        cursor.execute("SELECT starts_at FROM meetings_meeting WHERE id = %s", [meeting.pk])
        assert aware(cursor.fetchone()[0]) == moment
