"""factory_boy factories for meetings and the action day."""

from datetime import date, time, timedelta
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from meetings.actionday.models import ActionDay, CostCategory, CostLine, ProgrammeItem, Registration, RegistrationStatus
from meetings.models import (
    Answer,
    AttendanceAnswer,
    AttendanceRecord,
    Meeting,
    MeetingAttachment,
    MeetingFormat,
    MeetingStatus,
)
from tests.factories import MemberFactory

REMOTE_LINK = "https://teams.microsoft.com/l/meetup-join/secret-test-room"


def next_week():
    return (timezone.now() + timedelta(days=7)).replace(minute=0, second=0, microsecond=0)


class MeetingFactory(factory.django.DjangoModelFactory):
    """A published hybrid meeting a week from now; pass starts_at=... for another time, status=DRAFT for a draft."""

    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"Kokous {n}")
    starts_at = factory.LazyFunction(next_week)
    ends_at = factory.LazyAttribute(lambda meeting: meeting.starts_at + timedelta(hours=2))
    format = MeetingFormat.HYBRID
    venue_name = "Turun pääkirjasto, Studio"
    venue_address = "Linnankatu 2"
    venue_municipality = "turku"
    remote_link = REMOTE_LINK
    remote_instructions = "Liity Teamsissa."
    agenda = "1. Avaus\n2. Muut asiat"
    status = MeetingStatus.PUBLISHED
    published_at = factory.LazyAttribute(
        lambda meeting: None if meeting.status == MeetingStatus.DRAFT else meeting.starts_at - timedelta(days=14)
    )


class AttendanceAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AttendanceAnswer

    meeting = factory.SubFactory(MeetingFactory)
    member = factory.SubFactory(MemberFactory)
    answer = Answer.IN_PERSON


class AttendanceRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AttendanceRecord

    meeting = factory.SubFactory(MeetingFactory)
    member = factory.SubFactory(MemberFactory)
    mode = "in_person"


class MeetingAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingAttachment

    meeting = factory.SubFactory(MeetingFactory)
    title = "Esitysdiat"
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 slides", name="slides.pdf"))


class ActionDayFactory(factory.django.DjangoModelFactory):
    """A published action day next year (or later), open for registration, with two places."""

    class Meta:
        model = ActionDay
        django_get_or_create = ["year"]

    year = factory.Sequence(lambda n: timezone.localdate().year + 1 + n)
    theme = "Digituki arjessa"
    date = factory.LazyAttribute(lambda day: date(day.year, 5, 19))
    starts_at = time(9)
    ends_at = time(15, 30)
    venue_name = "Turun pääkirjasto, Studio"
    venue_address = "Linnankatu 2"
    venue_municipality = "turku"
    description = "Toimintapäivä kirjastojen henkilökunnalle."
    capacity = 2
    registration_open = True
    budget = Decimal("2500.00")
    published = True


class ProgrammeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeItem
        skip_postgeneration_save = True

    action_day = factory.SubFactory(ActionDayFactory)
    starts_at = time(10)
    ends_at = time(11)
    title = factory.Sequence(lambda n: f"Ohjelmanumero {n}")

    @factory.post_generation
    def presenters(self, create, extracted, **kwargs):
        if create and extracted:
            self.presenters.set(extracted)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    action_day = factory.SubFactory(ActionDayFactory)
    name = factory.Sequence(lambda n: f"Osallistuja {n}")
    library = "Rauman kaupunginkirjasto"
    email = factory.Sequence(lambda n: f"participant{n}@example.org")
    consent = True
    status = RegistrationStatus.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)  # through the emailed link


class CostLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CostLine

    action_day = factory.SubFactory(ActionDayFactory)
    category = CostCategory.CATERING
    description = "Lounas"
    planned = Decimal("1200.00")
    actual = Decimal("1085.60")
