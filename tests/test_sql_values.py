"""digitutor.sql: values read by a plain cursor come back as the ORM gives them."""

from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.models import DateTimeField, Value
from django.utils import timezone

from digitutor.sql import aware, datetime_converter, decimal_or_none, euros, year_bounds
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


def orm_converted(value):
    """A datetime column's value through the ORM's own converters for this database."""
    expression = Value(None, output_field=DateTimeField())
    for converter in connection.ops.get_db_converters(expression) + expression.get_db_converters(connection):
        value = converter(value, expression, connection)
    return value


@pytest.mark.django_db
@pytest.mark.parametrize(
    "stored",
    [
        datetime(2026, 12, 5, 21, 30),  # SQLite's driver
        datetime(2026, 12, 5, 23, 30, tzinfo=ZoneInfo("Europe/Helsinki")),  # PostgreSQL's, in another zone
        None,
    ],
)
def test_the_datetime_converter_gives_what_the_orms_converters_give(stored):
    if stored is not None and stored.tzinfo is None and connection.vendor != "sqlite":
        pytest.skip("only SQLite's driver gives a naive datetime")
    ours, orm = datetime_converter()(stored), orm_converted(stored)
    assert ours == orm
    assert (ours.tzinfo, ours.utcoffset()) == (orm.tzinfo, orm.utcoffset()) if orm is not None else ours is None


@pytest.mark.django_db
def test_the_datetime_converter_reads_a_stored_start_as_the_orm_does():
    """On either database: a meeting's start read by a plain cursor, converted, is the ORM's value, zone and all."""
    meeting = MeetingFactory(starts_at=datetime(2026, 3, 15, 11, 0, tzinfo=UTC))
    with connection.cursor() as cursor:
        cursor.execute("SELECT starts_at FROM meetings_meeting WHERE id = %s", [meeting.pk])
        ours = datetime_converter()(cursor.fetchone()[0])
    orm = type(meeting).objects.values_list("starts_at", flat=True).get(pk=meeting.pk)
    assert (ours, ours.tzinfo, ours.utcoffset()) == (orm, orm.tzinfo, orm.utcoffset())


@pytest.mark.django_db
@pytest.mark.parametrize("zone", ["Europe/Helsinki", "America/Los_Angeles"])
def test_a_years_bounds_are_djangos_in_the_active_time_zone(zone):
    """A meeting at 00:30 on New Year's Day in Helsinki is the new year's there, and the old year's in UTC: the
    bounds remembered for one zone are not another's."""
    year_bounds(2025)  # remembered in the site's zone first
    with timezone.override(ZoneInfo(zone)):
        expected = (
            *connection.ops.year_lookup_bounds_for_datetime_field(2025),
            *connection.ops.year_lookup_bounds_for_date_field(2025),
        )

        assert year_bounds(2025) == expected
        assert year_bounds(2025) == expected  # remembered
