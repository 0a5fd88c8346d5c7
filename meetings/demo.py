"""Demo meetings: made up, but shaped like the group's real year."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from meetings.models import Answer, AttendanceAnswer, AttendanceRecord, Meeting, MeetingFormat, MeetingStatus
from members.demo import members_named

HELSINKI = ZoneInfo("Europe/Helsinki")
TEAMS_LINK = "https://teams.microsoft.com/l/meetup-join/digitutor-demo"


def _at(year, month, day, hour, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=HELSINKI)


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
        (member,) = members_named(name)
        AttendanceAnswer.objects.get_or_create(meeting=spring, member=member, defaults={"answer": answer})
        if attended:
            AttendanceRecord.objects.get_or_create(meeting=spring, member=member, defaults={"mode": attended})
    for member in members_named(*AUTUMN_2022):
        AttendanceAnswer.objects.get_or_create(
            meeting=meetings["Syksyn kokous 2022"], member=member, defaults={"answer": Answer.REMOTE}
        )
        AttendanceRecord.objects.get_or_create(
            meeting=meetings["Syksyn kokous 2022"], member=member, defaults={"mode": "remote"}
        )


@transaction.atomic
def load_meetings():
    """The 2022 meetings with answers, register and minutes, and one upcoming meeting."""
    _load_meetings()
