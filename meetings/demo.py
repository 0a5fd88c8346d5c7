"""Demo meetings and the 2022 action day: made up, but shaped like the group's real year."""

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction

from meetings.models import (
    ActionDay,
    Answer,
    AttendanceAnswer,
    AttendanceRecord,
    CostCategory,
    CostLine,
    Meeting,
    MeetingFormat,
    MeetingStatus,
    ProgrammeItem,
    Registration,
    RegistrationStatus,
)
from members.demo import demo_email
from members.models import Member

HELSINKI = ZoneInfo("Europe/Helsinki")
TEAMS_LINK = "https://teams.microsoft.com/l/meetup-join/digitutor-demo"


def _at(year, month, day, hour, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=HELSINKI)


def _members(*names):
    emails = [demo_email(*name.split(" ", 1)) for name in names]
    by_email = {member.email: member for member in Member.objects.filter(email__in=emails)}
    return [by_email[email] for email in emails]


MEETINGS = [
    {
        "title": "Kevään kokous 2022",
        "starts_at": _at(2022, 3, 15, 13),
        "ends_at": _at(2022, 3, 15, 15),
        "format": MeetingFormat.HYBRID,
        "venue_name": "Turun pääkirjasto, Studio",
        "venue_address": "Linnankatu 2",
        "venue_municipality": "turku",
        "remote_link": TEAMS_LINK,
        "remote_instructions": "Liity Teamsissa linkistä. Mikrofoni kiinni, kun et puhu.",
        "agenda": "1. Kokouksen avaus\n2. Toimintasuunnitelma 2022\n3. Hyvien käytäntöjen jakaminen\n"
        "4. Toimintapäivän suunnittelu\n5. Muut asiat",
        "minutes": "**Läsnä** ks. osallistujaluettelo.\n\n- Toimintasuunnitelma 2022 hyväksyttiin.\n"
        "- Jaettiin hyviä käytäntöjä: etäopastus puhelimella ja digitukipäivystys.\n"
        "- Toimintapäivä päätettiin pitää toukokuussa Turussa.",
        "status": MeetingStatus.HELD,
    },
    {
        "title": "Syksyn kokous 2022",
        "starts_at": _at(2022, 10, 11, 13),
        "ends_at": _at(2022, 10, 11, 14, 30),
        "format": MeetingFormat.REMOTE,
        "remote_link": TEAMS_LINK,
        "remote_instructions": "Kokous pidetään kokonaan Teamsissa.",
        "agenda": "1. Toimintapäivän palaute\n2. Koulutuksista kuultua\n3. Vuoden 2023 suunnitelma",
        "minutes": "- Toimintapäivän palaute oli hyvää.\n- Jäsenet kertoivat syksyn digikoulutuksista.",
        "status": MeetingStatus.HELD,
    },
    {
        "title": "Kevään kokous 2027",
        "starts_at": _at(2027, 2, 16, 13),
        "ends_at": _at(2027, 2, 16, 15),
        "format": MeetingFormat.HYBRID,
        "venue_name": "Porin kaupunginkirjasto, Satakunnan sali",
        "venue_address": "Gallen-Kallelankatu 12",
        "venue_municipality": "pori",
        "remote_link": TEAMS_LINK,
        "remote_instructions": "Liity Teamsissa linkistä.",
        "agenda": "1. Kokouksen avaus\n2. Toimintasuunnitelma 2027\n3. Hyvien käytäntöjen jakaminen",
        "status": MeetingStatus.PLANNED,
    },
]

# The spring 2022 meeting's answers and register: (name, answer, attended as).
SPRING_2022 = [
    ("Anne Heino", Answer.IN_PERSON, "in_person"),
    ("Janne Blomqvist", Answer.IN_PERSON, "in_person"),
    ("Maija Tapio", Answer.IN_PERSON, "in_person"),
    ("Aleksi Ahlstedt", Answer.IN_PERSON, "in_person"),
    ("Aija Ameer", Answer.REMOTE, "remote"),
    ("Marianne Helander", Answer.REMOTE, "remote"),
    ("Elena Iso-Oja", Answer.REMOTE, "remote"),
    ("Unna Tuisku-Numminen", Answer.REMOTE, None),
    ("Vesa Taimi", Answer.NOT_COMING, None),
]
AUTUMN_2022 = ["Anne Heino", "Aija Ameer", "Sinikka Huttunen", "Tuomas Kumpula", "Lauri Pietikäinen", "Päivi Svala"]


def _load_meetings():
    meetings = {}
    for data in MEETINGS:
        fields = dict(data)
        title = fields.pop("title")
        meetings[title], _created = Meeting.objects.get_or_create(title=title, defaults=fields)
    spring = meetings["Kevään kokous 2022"]
    for name, answer, attended in SPRING_2022:
        (member,) = _members(name)
        AttendanceAnswer.objects.get_or_create(meeting=spring, member=member, defaults={"answer": answer})
        if attended:
            AttendanceRecord.objects.get_or_create(meeting=spring, member=member, defaults={"mode": attended})
    for member in _members(*AUTUMN_2022):
        AttendanceAnswer.objects.get_or_create(
            meeting=meetings["Syksyn kokous 2022"], member=member, defaults={"answer": Answer.REMOTE}
        )
        AttendanceRecord.objects.get_or_create(
            meeting=meetings["Syksyn kokous 2022"], member=member, defaults={"mode": "remote"}
        )


def _load_action_day():
    action_day, created = ActionDay.objects.get_or_create(
        year=2022,
        defaults={
            "theme": "Digituki arjessa – uudet laitteet ja sovellukset",
            "date": date(2022, 5, 19),
            "starts_at": time(9),
            "ends_at": time(15, 30),
            "venue_name": "Turun pääkirjasto, Studio",
            "venue_address": "Linnankatu 2",
            "venue_municipality": "turku",
            "description": "Digitutorien toimintapäivä kirjastojen henkilökunnalle: tutustumme uusiin "
            "sovelluksiin ja laitteisiin ja jaamme asiakkaiden digiopastuksen hyviä käytäntöjä.",
            "capacity": 40,
            "registration_open": False,
            "budget": Decimal("2500.00"),
            "published": True,
        },
    )
    if not created:
        return
    programme = [
        (time(9), time(9, 30), "Aamukahvi ja tervetuloa", "", [], ""),
        (time(9, 30), time(10, 30), "Tekoäly asiakasopastuksessa", "Mitä kirjastolaisen kannattaa tietää.", [],
         "Asiantuntija, Turun ammattikorkeakoulu"),
        (time(10, 45), time(11, 45), "Etäopastus puhelimella – kokemuksia Porista", "",
         ["Aija Ameer", "Tuomas Kumpula"], ""),
        (time(12, 30), time(13, 30), "Työpaja: sähköinen tunnistautuminen ja Suomi.fi", "",
         ["Maija Tapio", "Janne Blomqvist"], ""),
        (time(13, 45), time(15), "Laitekokeilut: lukulaitteet ja tabletit", "", ["Elena Iso-Oja"], ""),
        (time(15), time(15, 30), "Päivän yhteenveto", "", ["Anne Heino"], ""),
    ]  # fmt: skip
    for starts_at, ends_at, title, description, presenters, outside in programme:
        item = ProgrammeItem.objects.create(
            action_day=action_day,
            starts_at=starts_at,
            ends_at=ends_at,
            title=title,
            description=description,
            outside_presenters=outside,
        )
        item.presenters.set(_members(*presenters))
    for member in _members("Aija Ameer", "Maija Tapio", "Elena Iso-Oja", "Mikko Liimatainen", "Till Paala"):
        Registration.objects.create(
            action_day=action_day,
            name=member.full_name,
            library=member.library.name,
            email=member.email,
            consent=True,
            status=RegistrationStatus.CONFIRMED,
            member=member,
        )
    outsiders = [
        ("Sari Laine", "Uudenkaupungin kaupunginkirjasto", "sari.laine@example.org", "kasvis"),
        ("Jukka Rinne", "Rauman kaupunginkirjasto", "jukka.rinne@example.org", ""),
        ("Helena Koski", "Salon kaupunginkirjasto", "helena.koski@example.org", "gluteeniton"),
    ]
    for name, library, email, diet in outsiders:
        Registration.objects.create(
            action_day=action_day,
            name=name,
            library=library,
            email=email,
            dietary_needs=diet,
            consent=True,
            status=RegistrationStatus.CONFIRMED,
        )
    costs = [
        (CostCategory.VENUE, "Studion vuokra", "0.00", "0.00"),
        (CostCategory.CATERING, "Aamukahvi ja lounas, 40 hlö", "1200.00", "1085.60"),
        (CostCategory.SPEAKERS, "Ulkopuolisen puhujan palkkio", "600.00", "600.00"),
        (CostCategory.MATERIALS, "Laitekokeilujen tarvikkeet", "250.00", "212.35"),
    ]
    for category, description, planned, actual in costs:
        CostLine.objects.create(
            action_day=action_day,
            category=category,
            description=description,
            planned=Decimal(planned),
            actual=Decimal(actual),
        )


@transaction.atomic
def load_meetings():
    """The 2022 meetings with answers, register and minutes, one upcoming meeting, and the 2022 action day."""
    _load_meetings()
    _load_action_day()
