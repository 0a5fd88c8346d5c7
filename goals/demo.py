"""The 2022 action plan exactly as in the seed, some evidence, and a 2023 draft copied from it."""

from datetime import date

from django.db import transaction

from goals import services
from goals.models import ActivityKind, Goal, GoalAction, GoodPractice, Measure, Plan, Target, TargetStatus, Training
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
            "title": "Digitutorien työryhmä toimintasuunnitelma",
            "subtitle": "Varsinais-Suomen ja Satakunnan kirjastot",
            "approved_on": date(2022, 2, 2),
            "heading": "Digitutorien työryhmän toimintasuunnitelma vuodelle 2022",
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


@transaction.atomic
def load_plans():
    """The 2022 plan as in the seed, published; evidence; and the 2023 draft copied from it."""
    plan = _load_plan_2022()
    _load_evidence()
    if not Plan.objects.filter(year=2023).exists():
        services.plan_copy(plan=plan, year=2023, acting_user=User.objects.get(email="anne.heino@example.org"))
