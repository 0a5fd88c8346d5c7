"""Demo meetings: made up, but shaped like the group's real year; 2022's, and the current year's around today."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from digitutor.demo_calendar import DemoCalendar, meeting_title
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
    _answers_and_register(meetings["Kevään kokous 2022"], SPRING_2022)
    _answers_and_register(meetings["Syksyn kokous 2022"], [(name, Answer.REMOTE, "remote") for name in AUTUMN_2022])


def _answers_and_register(meeting, rows):
    """Each (name, answer, attended as) row's answer, and their line in the register when they attended."""
    for name, answer, attended in rows:
        (member,) = members_named(name)
        AttendanceAnswer.objects.get_or_create(meeting=meeting, member=member, defaults={"answer": answer})
        if attended:
            AttendanceRecord.objects.get_or_create(meeting=meeting, member=member, defaults={"mode": attended})


# The current year's last meeting, held: (name, answer, attended as). Aija Ameer, the README's example member, came
# in person and has not claimed yet, so she can try the claim form; the claims demo claims for the others.
LAST_MEETING = [
    ("Anne Heino", Answer.IN_PERSON, "in_person"),
    ("Aija Ameer", Answer.IN_PERSON, "in_person"),
    ("Aleksi Ahlstedt", Answer.IN_PERSON, "in_person"),
    ("Janne Blomqvist", Answer.IN_PERSON, "in_person"),
    ("Maija Tapio", Answer.IN_PERSON, "in_person"),
    ("Tuomas Kumpula", Answer.IN_PERSON, "in_person"),
    ("Elena Iso-Oja", Answer.IN_PERSON, "in_person"),
    ("Marianne Helander", Answer.REMOTE, "remote"),
    ("Sinikka Huttunen", Answer.REMOTE, "remote"),
    ("Päivi Svala", Answer.REMOTE, "remote"),
    ("Lauri Pietikäinen", Answer.REMOTE, None),
    ("Vesa Taimi", Answer.NOT_COMING, None),
]
# The next meeting's answers so far; the others have not answered (the chair's front page lists them).
NEXT_MEETING = [
    ("Anne Heino", Answer.IN_PERSON),
    ("Aija Ameer", Answer.IN_PERSON),
    ("Till Paala", Answer.IN_PERSON),
    ("Elise Nuotio", Answer.REMOTE),
    ("Janne Blomqvist", Answer.REMOTE),
    ("Mikko Liimatainen", Answer.NOT_COMING),
]


def last_meeting(calendar):
    return Meeting.objects.get(title=meeting_title(calendar.last_meeting_day))


def _load_current_meetings(calendar):
    last_day, next_day = calendar.last_meeting_day, calendar.next_meeting_day
    held, _created = Meeting.objects.get_or_create(
        title=meeting_title(last_day),
        defaults={
            "starts_at": _at(last_day.year, last_day.month, last_day.day, 13),
            "ends_at": _at(last_day.year, last_day.month, last_day.day, 15),
            "format": MeetingFormat.HYBRID,
            "venue_name": "Turun pääkirjasto, Studio",
            "venue_address": "Linnankatu 2",
            "venue_municipality": "turku",
            "remote_link": TEAMS_LINK,
            "remote_instructions": "Liity Teamsissa linkistä. Mikrofoni kiinni, kun et puhu.",
            "agenda": f"1. Kokouksen avaus\n2. Toimintasuunnitelma {last_day.year}\n3. Hyvien käytäntöjen jakaminen\n"
            "4. Toimintapäivän suunnittelu\n5. Muut asiat",
            "minutes": "**Läsnä** ks. osallistujaluettelo.\n\n- Käytiin läpi vuoden tavoitteet.\n"
            "- Jaettiin hyviä käytäntöjä: tekoälysovellukset asiakasopastuksessa.\n"
            "- Toimintapäivän ohjelma sovittiin.",
            "status": MeetingStatus.HELD,
        },
    )
    _answers_and_register(held, LAST_MEETING)
    upcoming, _created = Meeting.objects.get_or_create(
        title=meeting_title(next_day),
        defaults={
            "starts_at": _at(next_day.year, next_day.month, next_day.day, 13),
            "ends_at": _at(next_day.year, next_day.month, next_day.day, 15),
            "format": MeetingFormat.HYBRID,
            "venue_name": "Porin kaupunginkirjasto, Satakunnan sali",
            "venue_address": "Gallen-Kallelankatu 12",
            "venue_municipality": "pori",
            "remote_link": TEAMS_LINK,
            "remote_instructions": "Liity Teamsissa linkistä.",
            "agenda": "1. Kokouksen avaus\n2. Toimintapäivän järjestelyt\n3. Hyvien käytäntöjen jakaminen",
            "status": MeetingStatus.PUBLISHED,
            "published_at": timezone.now(),
        },
    )
    for name, answer in NEXT_MEETING:
        (member,) = members_named(name)
        AttendanceAnswer.objects.get_or_create(meeting=upcoming, member=member, defaults={"answer": answer})


@transaction.atomic
def load_meetings(*, calendar: DemoCalendar):
    """The 2022 meetings with answers, register and minutes; and the current year's last meeting and next one."""
    _load_meetings()
    if calendar.builds_current_year:
        _load_current_meetings(calendar)
