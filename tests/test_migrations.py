"""A database made by the old main migrates to the new layout with every row kept (issue 13).

The action day and the travel claims left the meetings app for apps of their own (actionday, claims): their 0001 take
the models into Django's state on the old tables, meetings/0005 lets go of them, their 0002 rename the tables and move
the content types, claims/0003 corrects two meal allowances, members/0004 drops the page cache's table. This test
migrates the test database back to the old main's leaves, fills the old schema through the historical models, migrates
forward and reads every row back, raw, from the renamed tables.
"""

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from digitutor.markdown import render_markdown
from meetings.actionday.models import ActionDay
from meetings.claims.models import Budget, ClaimLine, TravelClaim
from meetings.claims.official_rates import OFFICIAL_RATES, source_of

PORTAL_APPS = {"members", "meetings", "actionday", "claims", "goals"}

# The old main's leaves (b5e5eb4): the contrib and third-party apps are where they are now.
OLD_PORTAL_LEAVES = [
    ("members", "0003_cache_tables"),  # named 0003_page_cache_table on the old main
    ("meetings", "0004_claim_people_verbose_names"),
    ("goals", "0001_initial"),
]

MOVED_TABLES = {
    "meetings_actionday": "actionday_actionday",
    "meetings_programmeitem": "actionday_programmeitem",
    "meetings_programmeitem_presenters": "actionday_programmeitem_presenters",
    "meetings_registration": "actionday_registration",
    "meetings_costline": "actionday_costline",
    "meetings_budget": "claims_budget",
    "meetings_paymentbatch": "claims_paymentbatch",
    "meetings_travelclaim": "claims_travelclaim",
    "meetings_claimline": "claims_claimline",
    "meetings_receipt": "claims_receipt",
    "meetings_claimevent": "claims_claimevent",
    # meetings_travelrate → claims_travelrate is compared on its own: claims/0003 corrects it on purpose.
}
# Tables that stay where they were and must come through untouched.
KEPT_TABLES = [
    "members_user",
    "members_member",
    "meetings_meeting",
    "meetings_attendanceanswer",
    "meetings_attendancerecord",
    "django_admin_log",
]

MOVED_MODELS = {
    "actionday": ["actionday", "programmeitem", "registration", "costline"],
    "claims": ["travelrate", "budget", "paymentbatch", "travelclaim", "claimline", "receipt", "claimevent"],
}

GENERIC_SOURCE = "Verohallinnon päätös verovapaista matkakustannusten korvauksista vuonna {year}"
OLD_PAGE_CACHE_TABLE = "digitutor_page_cache"


def latest_leaves(executor):
    return executor.loader.graph.leaf_nodes()


def old_leaves(executor):
    return OLD_PORTAL_LEAVES + [node for node in latest_leaves(executor) if node[0] not in PORTAL_APPS]


def rows_of(table):
    """Every row of a table as {id: {column: value}}, read raw, so nothing of the models' state stands between."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        columns = [column[0] for column in cursor.description]
        return {row[columns.index("id")]: dict(zip(columns, row, strict=True)) for row in cursor.fetchall()}


# Columns added since that old rows leave empty: an old claim was submitted without the declaration (claims/0005);
# an old registration has no language and was never reminded to confirm (actionday/0005).
ADDED_EMPTY = {"declared_at", "language", "confirmation_reminded_at", "payee_change_iban", "payee_change_requested_at"}
# An old car line named no passengers, car or registration number (claims/0009).
ADDED_EMPTY |= {"passenger_names", "vehicle", "registration_number"}
# Columns added since with a default every old row takes: a day trip has no per-day free meals and no free
# accommodation (claims/0007); each value as PostgreSQL and SQLite give it back raw.
ADDED_DEFAULTS = {"free_meals_per_day": ([], "[]"), "free_lodging": (False, 0)}
# Columns added since that the migration fills from other tables: the payee of an approved or paid claim
# (claims/0006), read back in the test itself.
ADDED_FILLED = {"payee_name", "payee_iban", "payee_bic", "night_travel_allowance"}
# Columns added since that the migration copies from another column of the same row: an action-day registration
# made before addresses were confirmed counts as confirmed when it was made (actionday/0004).
ADDED_COPIED = {"confirmed_at": "created_at"}


def assert_rows_kept(old_rows, new_rows, table):
    """Every old row, column for column; a column added since is the Markdown of its text made into HTML, or empty."""
    assert {pk: {column: row[column] for column in old_rows[pk]} for pk, row in new_rows.items()} == old_rows, table
    for pk, row in new_rows.items():
        for column in (
            set(row) - set(old_rows[pk]) - ADDED_EMPTY - ADDED_FILLED - set(ADDED_COPIED) - set(ADDED_DEFAULTS)
        ):
            assert column.endswith("_html"), f"{table}.{column} is new"
            assert row[column] == render_markdown(row[column.removesuffix("_html")]), f"{table}.{column}"
        for column in (set(row) - set(old_rows[pk])) & ADDED_EMPTY:
            assert row[column] in (None, ""), f"{table}.{column}"
        for column in (set(row) - set(old_rows[pk])) & set(ADDED_DEFAULTS):
            assert row[column] in ADDED_DEFAULTS[column], f"{table}.{column}"
        for column in (set(row) - set(old_rows[pk])) & set(ADDED_COPIED):
            assert row[column] == row[ADDED_COPIED[column]], f"{table}.{column}"


def table_names():
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def when(day, hour=9, minute=0):
    return datetime(2024, *day, hour, minute, tzinfo=UTC)


def fill_old_schema(old_apps):
    """What a year of the group leaves in the old schema, made through the historical models of the old main."""

    def model(app_label, name):
        return old_apps.get_model(app_label, name)

    User = model("members", "User")
    Library, Member = model("members", "Library"), model("members", "Member")
    Meeting = model("meetings", "Meeting")
    AttendanceAnswer, AttendanceRecord = model("meetings", "AttendanceAnswer"), model("meetings", "AttendanceRecord")
    ActionDay, ProgrammeItem = model("meetings", "ActionDay"), model("meetings", "ProgrammeItem")
    Registration, CostLine = model("meetings", "Registration"), model("meetings", "CostLine")
    TravelRate, Budget = model("meetings", "TravelRate"), model("meetings", "Budget")
    PaymentBatch = model("meetings", "PaymentBatch")
    TravelClaim, ClaimLine = model("meetings", "TravelClaim"), model("meetings", "ClaimLine")
    Receipt, ClaimEvent = model("meetings", "Receipt"), model("meetings", "ClaimEvent")
    OldContentType, OldLogEntry = model("contenttypes", "ContentType"), model("admin", "LogEntry")

    # The content types as the old main had them: the moved models under the meetings label, none under the new ones
    # (the test database was made by the new main, and a flushed one gets them again from post_migrate).
    for label, names in MOVED_MODELS.items():
        OldContentType.objects.filter(app_label=label, model__in=names).delete()
        for name in names:
            OldContentType.objects.get_or_create(app_label="meetings", model=name)

    treasurer = User.objects.create(email="talous@example.org", first_name="Talous", last_name="Turku", password="!")
    chair_user = User.objects.create(email="anne.heino@example.org", first_name="Anne", last_name="Heino", password="!")
    member_user = User.objects.create(email="maija.tapio@example.org", first_name="Maija", last_name="Tapio")
    library = Library.objects.create(name="Porin kaupunginkirjasto", municipality="pori", region="satakunta")
    chair = Member.objects.create(
        user=chair_user, first_name="Anne", last_name="Heino", email=chair_user.email, library=library
    )
    maija = Member.objects.create(
        user=member_user, first_name="Maija", last_name="Tapio", email=member_user.email, library=library
    )
    guest = Member.objects.create(first_name="Vesa", last_name="Taimi", email="vesa.taimi@example.org")

    meeting = Meeting.objects.create(
        title="Kevätkokous",
        starts_at=when((3, 12), 13),
        ends_at=when((3, 12), 15),
        format="hybrid",
        venue_name="Turun pääkirjasto",
        venue_municipality="turku",
        remote_link="https://meet.example.org/kevat",
        agenda="1. Avaus",
        status="held",
    )
    AttendanceAnswer.objects.create(meeting=meeting, member=chair, answer="in_person")
    AttendanceAnswer.objects.create(meeting=meeting, member=maija, answer="remote", note="Junat myöhässä")
    AttendanceRecord.objects.create(meeting=meeting, member=chair, mode="in_person")
    AttendanceRecord.objects.create(meeting=meeting, member=maija, mode="remote")

    action_day = ActionDay.objects.create(
        year=2024,
        theme="Digitaidot kaikille",
        date=date(2024, 10, 3),
        starts_at=time(9),
        ends_at=time(15, 30),
        venue_name="Satakunnan Museo",
        venue_municipality="pori",
        description="**Tervetuloa!**",
        capacity=2,
        registration_open=True,
        budget=Decimal("1500.00"),
        published=True,
    )
    opening = ProgrammeItem.objects.create(action_day=action_day, starts_at=time(9), title="Avaus")
    workshop = ProgrammeItem.objects.create(
        action_day=action_day, starts_at=time(10), ends_at=time(12), title="Työpaja", outside_presenters="DVV"
    )
    opening.presenters.set([chair])
    workshop.presenters.set([chair, maija])
    Registration.objects.create(
        action_day=action_day, member=maija, name="Maija Tapio", email=maija.email, consent=True, status="confirmed"
    )
    Registration.objects.create(
        action_day=action_day,
        name="Ulla Ulkopuolinen",
        library="Rauman kaupunginkirjasto",
        email="ulla@example.org",
        dietary_needs="gluteeniton",
        consent=True,
        status="waiting",
    )
    Registration.objects.create(
        action_day=action_day,
        name="Peruttu Osallistuja",
        email="peruttu@example.org",
        consent=True,
        status="cancelled",
        cancelled_at=when((9, 20)),
    )
    CostLine.objects.create(action_day=action_day, category="venue", description="Sali", planned=Decimal("400.00"))
    CostLine.objects.create(
        action_day=action_day,
        category="catering",
        description="Kahvit",
        planned=Decimal("300.00"),
        actual=Decimal("287.40"),
    )

    # The rates as the old seed made them (2023 and 2026 meal allowances wrong), except that the treasurer had
    # already set 2026's meal allowance herself, and 2025 is missing (deleted in the back office).
    TravelRate.objects.all().delete()
    seeded = [
        (2022, "0.46", "0.03", "20", "45", "11.25", ""),
        (2023, "0.53", "0.04", "22", "48", "12.30", ""),
        (2024, "0.57", "0.04", "24", "51", "12.75", ""),
        (2026, "0.55", "0.04", "25", "54", "13.40", "Ateriakorvaus tarkistettu 1.1.2026 (rahastonhoitaja)."),
    ]
    rates = {}
    for year, car, passenger, partial, full, meal, note in seeded:
        rates[year] = TravelRate.objects.create(
            year=year,
            car_per_km=Decimal(car),
            passenger_per_km=Decimal(passenger),
            partial_per_diem=Decimal(partial),
            full_per_diem=Decimal(full),
            meal_allowance=Decimal(meal),
            source=GENERIC_SOURCE.format(year=year),
            note=note,
        )

    Budget.objects.create(year=2024, source="ake_grant", granted=Decimal("2000.00"), note="Päätös 12/2023")
    Budget.objects.create(year=2024, source="turku_ake", granted=Decimal("1500.00"))
    batch = PaymentBatch.objects.create(created_by=treasurer, paid_on=date(2024, 4, 2))

    paid = TravelClaim.objects.create(
        member=maija,
        meeting=meeting,
        status="paid",
        departure_at=when((3, 12), 10),
        return_at=when((3, 12), 18, 30),
        trip_starts_from="workplace",
        start_place="Porin kaupunginkirjasto",
        route="Pori – Turku – Pori",
        distance_from_start_km=Decimal("140.5"),
        distance_from_other_km=Decimal("145.0"),
        free_meals=1,
        usual_meal_missed=True,
        allowance_kind="partial",
        allowance_amount=Decimal("24.00"),
        total=Decimal("199.10"),
        rates=rates[2024],
        submitted_at=when((3, 13)),
        approved_at=when((3, 20)),
        approved_by=chair_user,
        paid_on=date(2024, 4, 2),
        paid_by=treasurer,
        batch=batch,
    )
    car = ClaimLine.objects.create(
        claim=paid, kind="car", km=Decimal("281.0"), passengers=1, amount=Decimal("171.41"), explanation="Kimppa"
    )
    parking = ClaimLine.objects.create(claim=paid, kind="parking", cost=Decimal("3.69"), amount=Decimal("3.69"))
    Receipt.objects.create(
        line=parking,
        file="receipts/2024/03/parking.pdf",
        original_name="pysäköinti.pdf",
        content_type="application/pdf",
        size=48213,
        sha256="ab" * 32,
    )
    for from_status, to_status, actor in [
        ("draft", "submitted", member_user),
        ("submitted", "approved", chair_user),
        ("approved", "paid", treasurer),
    ]:
        ClaimEvent.objects.create(claim=paid, actor=actor, from_status=from_status, to_status=to_status)

    returned = TravelClaim.objects.create(
        member=chair,
        action_day=action_day,
        status="returned",
        departure_at=when((10, 3), 7),
        return_at=when((10, 3), 17),
        start_place="Kotikatu 1, Turku",
        route="Turku – Pori – Turku",
        distance_from_start_km=Decimal("138.0"),
        distance_from_other_km=Decimal("139.2"),
        rates=rates[2023],  # the rates a claim used stay the rates it used, whatever their row now says
        return_reason="Kuitti puuttuu.",
        submitted_at=when((10, 4)),
    )
    ClaimLine.objects.create(claim=returned, kind="ticket", cost=Decimal("32.80"), amount=Decimal("32.80"))
    ClaimEvent.objects.create(claim=returned, actor=chair_user, from_status="draft", to_status="submitted")
    ClaimEvent.objects.create(
        claim=returned, actor=treasurer, from_status="submitted", to_status="returned", reason="Kuitti puuttuu."
    )
    # A draft with no lines yet, for someone who has no account.
    TravelClaim.objects.create(
        member=guest,
        meeting=meeting,
        departure_at=when((3, 12), 11),
        return_at=when((3, 12), 17),
        start_place="Rauma",
        route="Rauma – Turku – Rauma",
        distance_from_start_km=Decimal("92.0"),
        distance_from_other_km=Decimal("90.0"),
    )

    claim_type = OldContentType.objects.get(app_label="meetings", model="travelclaim")
    OldLogEntry.objects.create(
        user=treasurer,
        content_type=claim_type,
        object_id=str(paid.pk),
        object_repr=f"claim {paid.pk}",
        action_flag=2,
        change_message="[]",
        action_time=when((4, 2)),
    )
    return {"claims": [paid.pk, returned.pk], "car_line": car.pk, "rates": {year: r.pk for year, r in rates.items()}}


def expected_rates(old_rates, old_ids):
    """The rate rows after claims/0003, written out: what the migration is meant to do, row by row."""
    expected = {pk: dict(row) for pk, row in old_rates.items()}
    official = {rates.year: rates for rates in OFFICIAL_RATES}
    for year in (2022, 2023, 2024, 2026):
        # Each year's decision named where the row still had the generic source, and its note with it.
        row = expected[old_ids[year]]
        row["source"] = source_of(official[year])
        row["note"] = official[year].note
    # 2026: what the treasurer set is kept, her figure and her note (the official note speaks of 13.50).
    expected[old_ids[2026]]["note"] = old_rates[old_ids[2026]]["note"]
    # The wrong 2023 figure corrected (and no note left saying otherwise).
    expected[old_ids[2023]]["meal_allowance"] = Decimal("12.00")
    expected[old_ids[2023]]["note"] = ""
    return expected


def money(value):
    """Decimals as the backend returns them raw (SQLite may give a float or a string)."""
    return Decimal(str(value)).quantize(Decimal("0.01"))


@pytest.mark.django_db(transaction=True)
def test_a_database_of_the_old_main_migrates_to_the_new_layout_with_every_row_kept():
    executor = MigrationExecutor(connection)
    latest = latest_leaves(executor)
    targets = old_leaves(executor)
    try:
        executor.migrate(targets)
        assert not {"actionday_actionday", "claims_travelclaim"} & table_names()
        old_apps = MigrationExecutor(connection).loader.project_state(targets).apps
        made = fill_old_schema(old_apps)
        # The page cache's table, as the old main's members/0003 made it, with a page in it.
        call_command("createcachetable", OLD_PAGE_CACHE_TABLE, verbosity=0)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {OLD_PAGE_CACHE_TABLE} (cache_key, value, expires) VALUES (%s, %s, %s)",
                ["page:1", "<html>IBAN FI21…</html>", connection.ops.adapt_datetimefield_value(when((12, 31)))],
            )

        before = {table: rows_of(table) for table in [*MOVED_TABLES, *KEPT_TABLES, "meetings_travelrate"]}
        for table, rows in before.items():
            assert rows, f"the old schema's {table} was left empty: the test would prove nothing for it"
        content_types_before = {
            ct["id"]: ct for ct in rows_of("django_content_type").values() if ct["app_label"] == "meetings"
        }
        permissions_before = rows_of("auth_permission")

        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    finally:
        # Whatever happened, leave the database as the rest of the suite expects it.
        executor = MigrationExecutor(connection)
        executor.migrate(latest_leaves(executor))

    tables = table_names()
    assert not set(MOVED_TABLES) & tables, "an old table was left behind"
    assert "meetings_travelrate" not in tables
    assert OLD_PAGE_CACHE_TABLE not in tables

    # Every row of every moved table, column for column, under its new name; and the tables that stayed, untouched.
    for old_table, new_table in MOVED_TABLES.items():
        assert_rows_kept(before[old_table], rows_of(new_table), old_table)
    for table in KEPT_TABLES:
        assert_rows_kept(before[table], rows_of(table), table)

    # The rates: every old row kept with its id, the wrong 2023 meal allowance corrected, what the treasurer set for
    # 2026 kept, the missing 2025 added from the decision.
    old_ids = made["rates"]
    rates_after = rows_of("claims_travelrate")
    expected = expected_rates(before["meetings_travelrate"], old_ids)
    money_columns = ["car_per_km", "passenger_per_km", "partial_per_diem", "full_per_diem", "meal_allowance"]
    for pk, row in expected.items():
        got = rates_after[pk]
        assert {c: money(got[c]) for c in money_columns} == {c: money(row[c]) for c in money_columns}, row["year"]
        assert (got["year"], got["source"]) == (row["year"], row["source"])
        if row["note"] is not None:
            assert got["note"] == row["note"], row["year"]
    assert money(rates_after[old_ids[2023]]["meal_allowance"]) == Decimal("12.00")
    assert money(rates_after[old_ids[2026]]["meal_allowance"]) == Decimal("13.40")
    added = {row["year"]: row for pk, row in rates_after.items() if pk not in expected}
    assert sorted(added) == [2025]
    assert money(added[2025]["meal_allowance"]) == Decimal("13.25")

    # Foreign keys: every constraint of a moved table points at a table that exists, under its new name; every
    # value finds its row.
    renamed = {*MOVED_TABLES.values(), "claims_travelrate"}
    with connection.cursor() as cursor:
        for table in sorted(renamed):
            constraints = connection.introspection.get_constraints(cursor, table)
            for name, constraint in constraints.items():
                if not constraint["foreign_key"]:
                    continue
                to_table, to_column = constraint["foreign_key"]
                assert to_table in tables, f"{table}.{name} points at {to_table}, which is gone"
                assert to_table not in MOVED_TABLES, f"{table}.{name} still points at the old {to_table}"
                (column,) = constraint["columns"]
                cursor.execute(
                    f"SELECT COUNT(*) FROM {table} child LEFT JOIN {to_table} parent"
                    f" ON child.{column} = parent.{to_column}"
                    f" WHERE child.{column} IS NOT NULL AND parent.{to_column} IS NULL"
                )
                assert cursor.fetchone()[0] == 0, f"{table}.{column} has values with no {to_table} row"
        claim_fks = {
            tuple(c["columns"]): c["foreign_key"]
            for c in connection.introspection.get_constraints(cursor, "claims_travelclaim").values()
            if c["foreign_key"]
        }
        assert claim_fks[("action_day_id",)] == ("actionday_actionday", "id")
        assert claim_fks[("rates_id",)] == ("claims_travelrate", "id")
        assert claim_fks[("batch_id",)] == ("claims_paymentbatch", "id")
        assert claim_fks[("meeting_id",)] == ("meetings_meeting", "id")
        indexes = connection.introspection.get_constraints(cursor, "claims_travelclaim")
        assert "claims_trav_status_1478e1_idx" in indexes
        assert "meetings_tr_status_043c03_idx" not in indexes
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_key_check")
            assert cursor.fetchall() == []
        cursor.execute(
            "SELECT COUNT(*) FROM claims_travelclaim claim JOIN actionday_actionday day ON claim.action_day_id = day.id"
        )
        assert cursor.fetchone()[0] == 1

    # The models, through today's code: a claim finds its action day, its lines, its receipt, its rates.
    paid, returned = (TravelClaim.objects.get(pk=pk) for pk in made["claims"])
    assert returned.action_day == ActionDay.objects.get(year=2024)
    assert returned.rates.year == 2023
    # The paid claim's payee, filled from the member as the migration found them; the returned one has none yet.
    assert paid.payee_name == paid.member.full_name
    assert (returned.payee_name, returned.payee_iban, returned.payee_bic) == ("", "", "")
    assert [line.pk for line in paid.lines.order_by("pk")][0] == made["car_line"]
    assert ClaimLine.objects.get(kind="parking").receipt.original_name == "pysäköinti.pdf"
    assert sorted(p.last_name for p in ActionDay.objects.get().programme.get(title="Työpaja").presenters.all()) == [
        "Heino",
        "Tapio",
    ]
    # A new row gets a fresh id after the renamed table's old ones (the sequence came along on PostgreSQL).
    new_budget = Budget.objects.create(year=2025, source="ake_grant", granted=Decimal("1.00"))
    assert new_budget.pk > max(before["meetings_budget"])

    # Content types: the moved models keep their ids (permissions, admin history) under the new app labels.
    content_types_after = rows_of("django_content_type")
    for label, names in MOVED_MODELS.items():
        for name in names:
            (old_id,) = [pk for pk, ct in content_types_before.items() if ct["model"] == name]
            assert (content_types_after[old_id]["app_label"], content_types_after[old_id]["model"]) == (label, name)
    moved_names = {name for names in MOVED_MODELS.values() for name in names}
    assert not [
        ct for ct in content_types_after.values() if ct["app_label"] == "meetings" and ct["model"] in moved_names
    ]
    assert rows_of("auth_permission") == permissions_before
    ContentType.objects.clear_cache()
    assert LogEntry.objects.get().get_edited_object() == paid


@pytest.mark.django_db(transaction=True)
def test_authenticator_secrets_stored_in_the_clear_are_encrypted_by_migration_0006():
    from allauth.mfa.models import Authenticator

    from members.adapters import EncryptedSecretsMFAAdapter

    executor = MigrationExecutor(connection)
    latest = latest_leaves(executor)
    before = [("members", "0005_invitation_binding")] + [node for node in latest if node[0] != "members"]
    try:
        executor.migrate(before)
        old_apps = MigrationExecutor(connection).loader.project_state(before).apps
        user = old_apps.get_model("members", "User").objects.create(email="totp@example.org", password="!")
        old_authenticator = old_apps.get_model("mfa", "Authenticator")
        old_authenticator.objects.create(user_id=user.pk, type="totp", data={"secret": "JBSWY3DPEHPK3PXP"})
        old_authenticator.objects.create(
            user_id=user.pk, type="recovery_codes", data={"seed": "abc123", "used_mask": 0}
        )
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest_leaves(executor))

    stored = {each.type: each.data for each in Authenticator.objects.filter(user__email="totp@example.org")}
    adapter = EncryptedSecretsMFAAdapter()
    assert "JBSWY3DPEHPK3PXP" not in stored["totp"]["secret"]
    assert adapter.decrypt(stored["totp"]["secret"]) == "JBSWY3DPEHPK3PXP"
    assert adapter.decrypt(stored["recovery_codes"]["seed"]) == "abc123"
    assert stored["recovery_codes"]["used_mask"] == 0
