"""Today's municipalities (Statistics Finland's classification) instead of django-localflavor's list of about 2010."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from members import municipalities
from members.forms import TravelAddressForm
from members.models import Library
from members.municipalities import municipality_choices, municipality_name
from tests.factories import LibraryFactory

BEFORE_2026 = [
    ("members", "0007_join_request_language_and_reason"),
    ("meetings", "0007_meeting_draft_published"),
    ("actionday", "0005_registration_language_and_reminder"),
]


def test_the_2026_list_has_the_308_municipalities_of_statistics_finland():
    year, rows = municipalities.current()
    assert year == 2026
    assert len(rows) == 308
    assert len({row.code for row in rows}) == len({row.key for row in rows}) == 308
    by_code = {row.code: row for row in rows}
    assert (by_code["445"].name_fi, by_code["445"].name_sv) == ("Parainen", "Pargas")
    assert (by_code["853"].name_fi, by_code["853"].name_sv) == ("Turku", "Åbo")
    assert by_code["609"].key == "pori"


def test_merged_municipalities_are_gone_and_their_successors_are_there():
    keys = {row.key for row in municipalities.municipalities()}
    gone = ["lansi-turunmaa", "koylio", "lavia", "luvia", "tarvasjoki", "kiikoinen", "jalasjarvi", "pertunmaa"]
    assert not keys & set(gone)
    assert {"parainen", "sakyla", "pori", "eurajoki", "lieto", "sastamala", "kurikka", "mantyharju"} <= keys
    # Every merger points to a municipality of today's list.
    assert {successor for successor, _year in municipalities.MERGERS.values()} <= keys


def test_names_follow_the_page_language_and_its_alphabetical_order():
    with translation.override("fi"):
        assert municipality_name("parainen") == "Parainen"
        names = [name for _key, name in municipality_choices()]
        assert names.index("Turku") < names.index("Ähtäri") < names.index("Äänekoski")
    with translation.override("sv"):
        assert municipality_name("parainen") == "Pargas"
        names = [name for _key, name in municipality_choices()]
        assert names[-1] == "Övertorneå"
        assert names.index("Vörå") < names.index("Åbo") < names.index("Äänekoski")


def test_a_parainen_resident_can_choose_her_home_municipality():
    with translation.override("sv"):
        form = TravelAddressForm(data={"home_address": "Strandvägen 1", "home_municipality": "parainen"})
        assert form.is_valid(), form.errors
        assert '<option value="parainen" selected>Pargas</option>' in str(form["home_municipality"])
    merged = TravelAddressForm(data={"home_address": "Kotikatu 1", "home_municipality": "lansi-turunmaa"})
    assert not merged.is_valid()


@pytest.mark.django_db
def test_a_library_shows_its_municipality_in_the_page_language():
    library = LibraryFactory(name="Paraisten kirjasto", municipality="parainen")
    with translation.override("sv"):
        assert library.get_municipality_display() == "Pargas"
    with translation.override("fi"):
        assert library.get_municipality_display() == "Parainen"


@pytest.mark.django_db(transaction=True)
def test_rows_pointing_to_a_merged_municipality_move_to_its_successor():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(BEFORE_2026)
        old_apps = MigrationExecutor(connection).loader.project_state(BEFORE_2026).apps
        OldLibrary = old_apps.get_model("members", "Library")
        OldMember = old_apps.get_model("members", "Member")
        OldTravelDetails = old_apps.get_model("members", "TravelDetails")
        OldMeeting = old_apps.get_model("meetings", "Meeting")
        OldActionDay = old_apps.get_model("actionday", "ActionDay")
        OldLibrary.objects.create(name="Lavian kirjasto", municipality="lavia", region="satakunta")
        OldLibrary.objects.create(name="Turun kaupunginkirjasto", municipality="turku", region="varsinais-suomi")
        member = OldMember.objects.create(first_name="Sanna", last_name="Saari", email="sanna.saari@example.org")
        OldTravelDetails.objects.create(member=member, home_municipality="lansi-turunmaa")
        start = datetime(2015, 3, 12, 10, tzinfo=UTC)
        OldMeeting.objects.create(
            title="Kokous", starts_at=start, ends_at=start + timedelta(hours=2), venue_municipality="koylio"
        )
        OldActionDay.objects.create(
            year=2015,
            theme="Päivä",
            date=start.date(),
            starts_at=start.time(),
            ends_at=(start + timedelta(hours=5)).time(),
            venue_name="Sali",
            venue_municipality="jalasjarvi",
            capacity=10,
        )

        MigrationExecutor(connection).migrate(latest)
    finally:
        MigrationExecutor(connection).migrate(latest)

    from meetings.actionday.models import ActionDay
    from meetings.models import Meeting
    from members.models import TravelDetails

    assert dict(Library.objects.values_list("name", "municipality")) == {
        "Lavian kirjasto": "pori",
        "Turun kaupunginkirjasto": "turku",
    }
    assert TravelDetails.objects.get().home_municipality == "parainen"
    assert Meeting.objects.get().venue_municipality == "sakyla"
    assert ActionDay.objects.get().venue_municipality == "kurikka"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """The lists in a folder of the test's own, with 2026's copied there."""
    (tmp_path / "municipalities_2026.csv").write_text(
        (municipalities.DATA_DIR / "municipalities_2026.csv").read_text(encoding="utf-8"), encoding="utf-8"
    )
    monkeypatch.setattr(municipalities, "DATA_DIR", tmp_path)
    municipalities.forget_cached_list()
    yield tmp_path
    monkeypatch.undo()
    municipalities.forget_cached_list()


def next_year_file(tmp_path, *, drop=(), rename=None, delimiter=","):
    """Statistics Finland's columns (no key) for 2027: 2026's list less some codes, one perhaps renamed."""
    lines = ["code,name_fi,name_sv".replace(",", delimiter)]
    for row in municipalities.municipalities():
        if row.code in drop:
            continue
        name_fi = rename[1] if rename and rename[0] == row.code else row.name_fi
        lines.append(delimiter.join([row.code, name_fi, row.name_sv]))
    path = tmp_path / "kunnat_2027.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.django_db
def test_the_command_loads_next_years_list_and_keeps_the_stored_keys(data_dir, capsys):
    LibraryFactory(name="Kustavin kirjasto", municipality="kustavi")
    path = next_year_file(data_dir, drop={"304"}, rename=("284", "Koski"), delimiter=";")

    call_command("load_municipalities", str(path), "--year", "2027")

    output = capsys.readouterr().out
    assert "Loaded 307 municipalities valid from 1.1.2027" in output
    assert "Kustavi (304) is not on the new list; 1 row(s) point to it." in output
    year, rows = municipalities.current()
    assert (year, len(rows)) == (2027, 307)
    koski = next(row for row in rows if row.code == "284")
    assert (koski.key, koski.name_fi) == ("koskitl", "Koski")  # renamed, still the rows' key
    assert (data_dir / "municipalities_2027.csv").read_text(encoding="utf-8").startswith("code,key,name_fi,name_sv\n")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "The file is empty."),
        ("koodi,nimi\n020,Akaa\n", "missing: code, name_fi, name_sv"),
        ("code,name_fi,name_sv\n20,Akaa,Akaa\n", "Row 2: the code must be three digits, not “20”."),
        ("code,name_fi,name_sv\n020,Akaa,\n", "Row 2: both the Finnish and the Swedish name are needed."),
        ("code,name_fi,name_sv\n020,Akaa,Akaa\n020,Akaa,Akaa\n", "Row 3: Akaa (020) appears twice."),
        ("code,name_fi,name_sv\n020,Akaa,Akaa\n", "it has 1 municipalities, Finland has between 250 and 500"),
    ],
)
def test_the_command_refuses_a_bad_file_with_a_clear_message_and_keeps_the_list(data_dir, content, message):
    path = data_dir / "bad.csv"
    path.write_text(content, encoding="utf-8")

    with translation.override("en"), pytest.raises(CommandError, match=re.escape(message)):
        call_command("load_municipalities", str(path), "--year", "2027")

    assert not (data_dir / "municipalities_2027.csv").exists()
    assert municipalities.current()[0] == 2026


def test_the_command_refuses_a_year_older_than_the_list_in_force(data_dir):
    with pytest.raises(CommandError, match="The list of 2026 is already in force"):
        call_command("load_municipalities", str(next_year_file(data_dir)), "--year", "2025")
    with pytest.raises(CommandError, match="There is already a list for 2026; add --replace"):
        call_command("load_municipalities", str(next_year_file(data_dir)), "--year", "2026")
