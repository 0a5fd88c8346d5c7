"""The words and formats a reader sees (issue 17, item 8): dates as written in Finland in every language, a measured
goal's figure with its unit, the plan's roster as the plan document writes it, the privacy notice's retention."""

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format, time_format

from goals.models import Measure, Target, TargetStatus
from goals.selectors import Progress, plan_roster
from goals.templatetags.goals_tags import progress_bar
from tests.factories import LibraryFactory, MemberFactory, RosterEntryFactory, RosterFactory
from tests.meetings.factories import MeetingFactory

HELSINKI = ZoneInfo("Europe/Helsinki")
DAY = date(2022, 3, 15)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_short_date_is_written_without_leading_zeros_in_every_language(language):
    with translation.override(language):
        assert date_format(DAY, "SHORT_DATE_FORMAT") == "15.3.2022"
        assert date_format(date(2022, 11, 2), "SHORT_DATE_FORMAT") == "2.11.2022"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fi", "19. toukokuuta 2022"), ("sv", "19 maj 2022"), ("en", "19 May 2022")],
)
def test_a_long_date_puts_the_day_before_the_month(language, expected):
    with translation.override(language):
        assert date_format(date(2022, 5, 19), "DATE_FORMAT") == expected


@pytest.mark.parametrize(("language", "expected"), [("fi", "9.00"), ("sv", "09.00"), ("en", "09:00")])
def test_times_are_on_the_24_hour_clock(language, expected):
    with translation.override(language):
        assert time_format(datetime(2022, 5, 19, 9, 0), "TIME_FORMAT") == expected


@pytest.mark.django_db
def test_a_meeting_is_named_with_its_date_in_finnish_form():
    meeting = MeetingFactory(title="Kevätkokous", starts_at=datetime(2022, 3, 5, 10, tzinfo=HELSINKI))

    assert str(meeting) == "Kevätkokous (5.3.2022)"


def test_no_code_or_template_writes_a_zero_padded_date_for_people():
    """strftime's %d.%m and the template's d.m.Y pad the day and month with zeros ("05.03.2022")."""
    padded = re.compile(r"%d\.%m|\bd\.m\.Y\b")
    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for folder in ("digitutor", "members", "meetings", "goals", "templates")
        for path in Path(settings.BASE_DIR, folder).rglob("*")
        if path.suffix in (".py", ".html", ".txt") and "formats" not in path.parts and padded.search(path.read_text())
    ]

    assert offenders == []


def progress_text(measure, value, number=None):
    target = Target(text="Tavoite", measure=measure, target_number=number)
    with translation.override("fi"):
        html = str(progress_bar(Progress(target, value, None, None)))
    return re.sub(r"<[^>]+>", "", html).strip()


@pytest.mark.parametrize(
    ("measure", "value", "number", "expected"),
    [
        (Measure.PRACTICES_SHARED, 3, None, "3 hyvää käytäntöä jaettu"),
        (Measure.PRACTICES_SHARED, 1, None, "1 hyvä käytäntö jaettu"),
        (Measure.MEETINGS_HELD, 1, 2, "1/2 kokousta pidetty"),
        (Measure.TRAININGS_ATTENDED, 4, None, "4 koulutukseen osallistuttu"),
        (Measure.MEMBERS_SHARING, 5, 18, "5/18 jäsentä on jakanut osaamistaan"),
    ],
)
def test_a_measured_goal_says_its_figure_with_its_unit(measure, value, number, expected):
    assert progress_text(measure, value, number) == expected


def test_a_goal_the_chair_follows_by_hand_says_its_status():
    target = Target(text="Tavoite", status=TargetStatus.IN_PROGRESS)
    with translation.override("fi"):
        html = str(progress_bar(Progress(target, None, 50, None)))

    assert "Käynnissä" in html


@pytest.mark.django_db
def test_the_plans_roster_is_in_the_documents_order_with_the_chair_and_library_as_it_writes_them():
    roster = RosterFactory(year=2022)
    ake = LibraryFactory(name="Turun kaupunginkirjasto – AKE", municipality="turku", roster_name="AKE Turku")
    pori = LibraryFactory(name="Porin kaupunginkirjasto", municipality="pori")
    pomarkku = LibraryFactory(name="Pomarkun kunnankirjasto", municipality="pomarkku")
    people = [
        ("Anne", "Heino", ake, "chair"),
        ("Aija", "Ameer", pori, "member"),
        ("Aleksi", "Ahlstedt", pori, "member"),  # before Ameer by name, after her in the document
        ("Elena", "Iso-Oja", pomarkku, "member"),
    ]
    for position, (first_name, last_name, library, role) in enumerate(people, start=1):
        member = MemberFactory(first_name=first_name, last_name=last_name, library=library)
        RosterEntryFactory(roster=roster, member=member, library=library, role=role, position=position)

    with translation.override("fi"):
        lines = [str(line) for line in plan_roster(2022)]

    assert lines == [
        "Anne Heino (pj), AKE Turku",
        "Aija Ameer, Pori",
        "Aleksi Ahlstedt, Pori",
        "Elena Iso-Oja, Pomarkku",
    ]


@pytest.mark.django_db
def test_a_roster_without_positions_keeps_the_chair_first_then_goes_by_name():
    roster = RosterFactory(year=2023)
    for first_name, last_name, role in [
        ("Vesa", "Taimi", "member"),
        ("Till", "Paala", "chair"),
        ("Aija", "Ameer", "member"),
    ]:
        RosterEntryFactory(roster=roster, member=MemberFactory(first_name=first_name, last_name=last_name), role=role)

    with translation.override("sv"):
        lines = [str(line) for line in plan_roster(2023)]

    assert [line.split(",")[0] for line in lines] == ["Till Paala (ordf.)", "Aija Ameer", "Vesa Taimi"]


@pytest.mark.django_db
def test_the_privacy_notice_gives_legal_bases_and_the_configured_retention_of_action_day_registrations(
    client, settings
):
    settings.DIGITUTOR_ACTION_DAY_REGISTRATION_RETENTION_DAYS = 30

    response = client.get("/privacy/")

    text = response.content.decode()
    assert "6 artiklan 1 kohdan e alakohta" in text
    assert "Ilmoittautumiset toimintapäivään" in text
    assert "30 päivän kuluttua toimintapäivästä" in text


@pytest.mark.django_db
def test_the_join_page_links_to_the_privacy_notice(client):
    response = client.get("/join/")

    assert '<a href="/privacy/">tietosuojaselosteessa</a>' in response.content.decode()
