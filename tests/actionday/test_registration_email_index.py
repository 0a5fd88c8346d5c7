"""A member's action days (the new claim form's options) are found by the index of the registrations' addresses in any
case, not by reading every registration on each drawing of the form."""

import pytest
from django.db import connection

from meetings.actionday.selectors import action_days_attended_sql

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan; PostgreSQL scans a small table anyway")
def test_a_members_action_days_are_found_without_reading_every_registration(member):
    sql, parameters = action_days_attended_sql(member.member)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", parameters)
        plan = [row[-1] for row in cursor.fetchall()]
    assert any("registration_email_upper_idx" in step for step in plan), plan
    assert not any(step.startswith("SCAN actionday_registration") for step in plan), plan
