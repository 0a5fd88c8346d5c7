"""factory_boy factories for action plans, their goals table, and the evidence members add."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import factory

from goals.models import (
    ActivityKind,
    Goal,
    GoalAction,
    GoodPractice,
    Measure,
    Plan,
    Tag,
    Target,
    Training,
)
from meetings.models import MeetingStatus
from tests.factories import MemberFactory, UserFactory
from tests.meetings.factories import MeetingFactory

HELSINKI = ZoneInfo("Europe/Helsinki")


def at(year, month, day, hour=12):
    """A moment in Finnish time."""
    return datetime(year, month, day, hour, tzinfo=HELSINKI)


def meeting_in(year, status=MeetingStatus.HELD, month=3, day=15, **kwargs):
    """A meeting of the given year with the given status (held by default)."""
    return MeetingFactory(starts_at=at(year, month, day), ends_at=at(year, month, day, 14), status=status, **kwargs)


class PlanFactory(factory.django.DjangoModelFactory):
    """A published plan for 2022 with the seed's headings; pass published=False for a draft."""

    class Meta:
        model = Plan
        django_get_or_create = ["year"]

    year = 2022
    title = factory.LazyAttribute(lambda plan: f"Digitutorien työryhmän toimintasuunnitelma vuodelle {plan.year}")
    subtitle = "Varsinais-Suomen ja Satakunnan kirjastot"
    approved_on = factory.LazyAttribute(lambda plan: date(plan.year, 2, 2))
    published = True
    introduction = "Digitutorien ryhmä perustettiin osana yleisten kirjastojen digihanketta."
    how_the_group_works = "Ryhmä kokoontuu kalenterivuoden aikana vähintään 2 kertaa."
    activity_description = "Ryhmän toiminnan keskiössä on osaamisen ja ideoiden jakaminen."
    activity_kinds_intro = "Tutorien toimintaa on"
    goals_heading = factory.LazyAttribute(lambda plan: f"Kehittämistavoitteet vuonna {plan.year}")


class ActivityKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityKind

    plan = factory.SubFactory(PlanFactory)
    order = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Toiminnan muoto {n}")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Tavoite {n}")


class GoalActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalAction

    goal = factory.SubFactory(GoalFactory)
    order = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Toimenpide {n}")


class TargetFactory(factory.django.DjangoModelFactory):
    """A target followed by hand; pass measure=... and target_number=... for a measured one."""

    class Meta:
        model = Target

    goal = factory.SubFactory(GoalFactory)
    order = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Tavoitetaso {n}")
    measure = Measure.NONE


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"aihe{n}")


class GoodPracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoodPractice
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Hyvä käytäntö {n}")
    description = "Asiakas saa apua puhelimen kanssa."
    shared_by = factory.SubFactory(MemberFactory)
    meeting = None

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training

    title = factory.Sequence(lambda n: f"Koulutus {n}")
    date = date(2022, 4, 6)
    member = factory.SubFactory(MemberFactory)
    shared_afterwards = "Kerroin koulutuksesta tiimille."
    created_by = factory.SubFactory(UserFactory)


def goals_table(plan, rows):
    """Goals of a plan from (title, [actions], [target kwargs]) rows, in order."""
    goals = []
    for order, (title, actions, targets) in enumerate(rows, start=1):
        goal = GoalFactory(plan=plan, order=order, title=title)
        for number, text in enumerate(actions, start=1):
            GoalActionFactory(goal=goal, order=number, text=text)
        for number, fields in enumerate(targets, start=1):
            TargetFactory(goal=goal, order=number, **fields)
        goals.append(goal)
    return goals


def pdf_text(response):
    """The text of a PDF response, whitespace normalised, as a reader copying it would get it."""
    from io import BytesIO

    from pypdf import PdfReader

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())
