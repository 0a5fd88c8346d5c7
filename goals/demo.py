"""The 2022 action plan as in the seed, with evidence; this year's plan copied from it, and next year's draft."""

from datetime import date, timedelta

from django.db import transaction

from digitutor.demo_calendar import SEED_YEAR, DemoCalendar
from goals import services
from goals.models import ActivityKind, Goal, GoalAction, GoodPractice, Measure, Plan, Target, TargetStatus, Training
from meetings.demo import last_meeting
from meetings.models import Meeting
from members.demo import demo_email
from members.models import Member, User

INTRODUCTION = (
    "Digitutorien ryhmä perustettiin osana yleisten kirjastojen digihanketta vuosina 2019-2020. "
    "Digihankkeen päätyttyä vuoden 2020 lopussa päätettiin muodostaa digitutoreista AKE- toiminnan "
    "alainen työryhmä.\n\n"
    "Digitutorien työryhmä edistää alueen kirjastolaisten digiosaamista jakamalla hyviä käytäntöjä "
    "asiakkaiden digiopastukseen ja tutustumalla uusiin teknologisiin ratkaisuihin. Ryhmä on avoin "
    "kaikille digiasioista kiinnostuneille."
)
HOW_THE_GROUP_WORKS = (
    "Ryhmä kokoontuu kalenterivuoden aikana vähintään 2 kertaa kokouksissa, joihin on mahdollista "
    "osallistua etänä. Jäsenten kokousmatkakustannukset korvataan Turun kaupunginkirjaston alueelliseen "
    "kehittämistehtävään myönnetyllä avustuksella. Ryhmä suunnittelee kerran vuodessa järjestettävän "
    "toimintapäivän, jonka kustannuksista vastaa Turun AKE."
)
ACTIVITY_DESCRIPTION = (
    "Ryhmän toiminnan keskiössä on osaamisen ja ideoiden jakaminen yhteisissä kokouksissa, Teams-työtilassa "
    "sekä toimintapäivässä. Työryhmä tutustuu uusiin teknologisiin ilmiöihin ja jakaa näistä tietoa tarpeen "
    "mukaan. Työryhmän jäsenet jakavat digiosaamistaan omassa työyhteisössään osana omaa työtään."
)
ACTIVITY_KINDS = [
    "digituki kirjastojen asiakkaille",
    "vertaistuki oman kirjaston henkilökunnalle",
    "uusiin sovelluksiin ja laitteisiin tutustuminen eli digitutorien toimintapäivä & muut koulutustilaisuudet",
    "osaamisen jakaminen digitutorien kesken eli kokoukset, Teams-keskustelut, oma osuus toimintapäivässä",
]
# Goal | the group's actions | results / target level (measure, target number): the seed's table 3.2.
GOALS = [
    (
        "Toimialueen yleisten kirjastojen toiminnan vahvistaminen",
        ["Asiakkaille annettavan digituen hyvien käytäntöjen jakaminen"],
        [("Ryhmän kokouksissa jaetaan hyviä käytäntöjä", Measure.PRACTICES_SHARED, None)],
    ),
    (
        "Henkilöstön osaamisen tukeminen",
        ["Digikoulutukset", "Ryhmän jäsenet toimivat vertaistukena oman kirjaston henkilökunnalle digiasioissa"],
        [("Ryhmän jäsenet osallistuvat digikoulutuksiin ja jakavat osaamistaan", Measure.TRAININGS_ATTENDED, None)],
    ),
    (
        "Yleisten kirjastojen keskinäisen yhteistoiminnan edistäminen",
        ["Työryhmän kokoukset", "Teams -työtilan hyödyntäminen"],
        [("Vuonna 2022 järjestetään kaksi kokousta", Measure.MEETINGS_HELD, 2)],
    ),
]
PRACTICES = [
    ("Maija Tapio", "Kevään kokous 2022", "Digitukipäivystys kirjaston aulassa",
     "Kerran viikossa **tunnin päivystys**, johon asiakas voi tulla puhelimen tai tabletin kanssa.\n\n"
     "- ei ajanvarausta\n- yksi ohjaaja ja yksi vapaaehtoinen", "päivystys, puhelin"),
    ("Aija Ameer", "Kevään kokous 2022", "Etäopastus puhelimella",
     "Asiakas soittaa, ja ohjaaja neuvoo vaihe vaiheelta. "
     "Sopii erityisesti ikäihmisille, jotka eivät pääse kirjastoon.",
     "etäopastus, ikäihmiset"),
    ("Janne Blomqvist", "Syksyn kokous 2022", "Suomi.fi-tunnistautumisen harjoittelu",
     "Harjoittelulaitteella asiakas voi kokeilla tunnistautumista ilman omia pankkitunnuksia.", "tunnistautuminen"),
]  # fmt: skip
TRAININGS = [
    ("Elena Iso-Oja", "Tekoäly kirjastotyössä -verkkokurssi", date(2022, 4, 6),
     "Esittelin kurssin antia omalle tiimille."),
    ("Tuomas Kumpula", "Digituen vertaisohjaajien koulutus", date(2022, 9, 20), ""),
]  # fmt: skip


def _member(name):
    return Member.objects.get(email=demo_email(*name.split(" ", 1)))


def _load_plan_2022():
    plan, created = Plan.objects.get_or_create(
        year=2022,
        defaults={
            "title": "Digitutorien työryhmän toimintasuunnitelma vuodelle 2022",
            "subtitle": "Varsinais-Suomen ja Satakunnan kirjastot",
            "approved_on": date(2022, 2, 2),
            "introduction": INTRODUCTION,
            "how_the_group_works": HOW_THE_GROUP_WORKS,
            "activity_description": ACTIVITY_DESCRIPTION,
            "activity_kinds_intro": "Tutorien toimintaa on",
            "goals_heading": "Kehittämistavoitteet vuonna 2022",
            "published": True,
        },
    )
    if not created:
        return plan
    ActivityKind.objects.bulk_create(
        ActivityKind(plan=plan, order=order, text=text) for order, text in enumerate(ACTIVITY_KINDS, start=1)
    )
    for order, (title, actions, targets) in enumerate(GOALS, start=1):
        goal = Goal.objects.create(plan=plan, order=order, title=title)
        GoalAction.objects.bulk_create(
            GoalAction(goal=goal, order=number, text=text) for number, text in enumerate(actions, start=1)
        )
        Target.objects.bulk_create(
            Target(goal=goal, order=number, text=text, measure=measure, target_number=target_number)
            for number, (text, measure, target_number) in enumerate(targets, start=1)
        )
    Target.objects.filter(goal__plan=plan, measure=Measure.TRAININGS_ATTENDED).update(
        status=TargetStatus.IN_PROGRESS, note="Jäsenet kertovat koulutuksista kokouksissa."
    )
    return plan


def _load_evidence():
    for name, meeting_title, title, description, tags in PRACTICES:
        if GoodPractice.objects.filter(title=title).exists():
            continue
        member = _member(name)
        services.practice_create(
            member=member,
            acting_user=member.user,
            title=title,
            description=description,
            meeting=Meeting.objects.get(title=meeting_title),
            tags=tags,
        )
    for name, title, when, shared in TRAININGS:
        if Training.objects.filter(title=title).exists():
            continue
        member = _member(name)
        services.training_create(
            member=member, acting_user=member.user, title=title, date=when, shared_afterwards=shared
        )


def _load_current_evidence(calendar):
    meeting = last_meeting(calendar)
    title = f"Tekoälysovellukset asiakasopastuksessa {calendar.year}"
    if not GoodPractice.objects.filter(title=title).exists():
        member = _member("Till Paala")
        services.practice_create(
            member=member,
            acting_user=member.user,
            title=title,
            description="Kokeilimme asiakkaiden kanssa, miten tekoälysovellukselta kysytään ja miten vastaus "
            "tarkistetaan.\n\n- lähteet aina näkyviin\n- ei henkilötietoja kysymyksiin",
            meeting=meeting,
            tags="tekoäly, opastus",
        )
    title = f"Digituen vertaisohjaajien jatkokoulutus {calendar.year}"
    if not Training.objects.filter(title=title).exists():
        member = _member("Unna Tuisku-Numminen")
        services.training_create(
            member=member,
            acting_user=member.user,
            title=title,
            date=calendar.last_meeting_day - timedelta(days=7),
            shared_afterwards="Kerroin koulutuksesta kokouksessa.",
        )


def _load_current_plans(plan_2022, calendar):
    """This year's plan copied from 2022's and published; next year's copied from this year's, a draft."""
    chair = User.objects.get(email="anne.heino@example.org")
    this_year = Plan.objects.filter(year=calendar.year).first()
    if this_year is None:
        this_year = services.plan_copy(plan=plan_2022, year=calendar.year, acting_user=chair)
        this_year.approved_on = min(date(calendar.year, 2, 2), calendar.today)
        this_year.published = True
        this_year.save(update_fields=["approved_on", "published"])
    if not Plan.objects.filter(year=calendar.year + 1).exists():
        services.plan_copy(plan=this_year, year=calendar.year + 1, acting_user=chair)


@transaction.atomic
def load_plans(*, calendar: DemoCalendar):
    """The 2022 plan as in the seed, published, with its evidence; this year's plan and next year's draft."""
    plan = _load_plan_2022()
    _load_evidence()
    if calendar.builds_current_year:
        _load_current_plans(plan, calendar)
        _load_current_evidence(calendar)
    elif not Plan.objects.filter(year=SEED_YEAR + 1).exists():
        services.plan_copy(plan=plan, year=SEED_YEAR + 1, acting_user=User.objects.get(email="anne.heino@example.org"))
