"""The action day page's reads written in SQL give what the ORM queries they replaced gave, on SQLite and PostgreSQL:
the day with its registration counts, the published days' years, the programme with its presenters, and the
visitor's own registration."""

from datetime import time, timedelta
from decimal import Decimal
from itertools import groupby

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import IntegerField
from django.db.models.expressions import RawSQL
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from meetings.actionday import selectors
from meetings.actionday.models import ActionDay, Registration, RegistrationStatus
from tests.factories import LibraryFactory, MemberFactory
from tests.meetings.factories import ActionDayFactory, ProgrammeItemFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


# The ORM queries the SQL replaced, as they were.


def orm_action_day_get(*, year, user):
    days = ActionDay.objects.all()
    if not user.has_perm("actionday.change_actionday"):
        days = days.filter(published=True)
    days = days.annotate(
        confirmed_count=_registrations_with(RegistrationStatus.CONFIRMED),
        waiting_count=_registrations_with(RegistrationStatus.WAITING),
    )
    return get_object_or_404(days, year=year)


def _registrations_with(status):
    table, day = Registration._meta.db_table, f'"{ActionDay._meta.db_table}"."id"'
    sql = f'SELECT COUNT(*) FROM "{table}" WHERE "{table}"."action_day_id" = {day} AND "{table}"."status" = %s'
    return RawSQL(sql, (status,), output_field=IntegerField())


def orm_action_day_years():
    return list(ActionDay.objects.filter(published=True).values_list("year", flat=True))


def orm_programme(action_day):
    rows = action_day.programme.order_by(
        "starts_at", "pk", "presenters__last_name", "presenters__first_name"
    ).values_list(
        "pk",
        "starts_at",
        "ends_at",
        "title",
        "description",
        "outside_presenters",
        "presenters__first_name",
        "presenters__last_name",
        "presenters__library__name",
    )
    lines = []
    for (_pk, starts_at, ends_at, title, description, outside), part_rows in groupby(rows, key=lambda row: row[:6]):
        presenters = tuple(
            selectors._presenter(first_name, last_name, library)
            for *_part, first_name, last_name, library in part_rows
            if first_name is not None
        )
        lines.append(selectors.ProgrammeLine(starts_at, ends_at, title, description, presenters, outside))
    return lines


def orm_registration(action_day, **lookup):
    return action_day.registrations.exclude(status=RegistrationStatus.CANCELLED).filter(**lookup).first()


def every_field(instance):
    """An instance's every concrete field's value, the primary key included."""
    return {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}


@pytest.fixture
def days():
    """A published day with registrations of every status and an unpublished one."""
    published = ActionDayFactory(budget=Decimal("1234.50"), capacity=5, starts_at=None, ends_at=None)
    for status, count in [
        (RegistrationStatus.CONFIRMED, 3),
        (RegistrationStatus.WAITING, 2),
        (RegistrationStatus.CANCELLED, 1),
    ]:
        RegistrationFactory.create_batch(count, action_day=published, status=status)
    hidden = ActionDayFactory(published=False, budget=Decimal("0.00"))
    RegistrationFactory(action_day=hidden)
    return published, hidden


@pytest.mark.parametrize("who", ["member", "chair"])
def test_the_day_and_its_counts_are_what_the_orm_read(days, who, request):
    user = request.getfixturevalue(who)
    for day in days:
        if not day.published and who == "member":
            with pytest.raises(Http404):
                selectors.action_day_get(year=day.year, user=user)
            continue
        got, expected = selectors.action_day_get(year=day.year, user=user), orm_action_day_get(year=day.year, user=user)
        assert every_field(got) == every_field(expected)
        assert type(got.budget) is Decimal and str(got.budget) == str(expected.budget)
        assert (got.confirmed_count, got.waiting_count) == (expected.confirmed_count, expected.waiting_count)
    published = selectors.action_day_get(year=days[0].year, user=user)
    assert (published.confirmed_count, published.waiting_count, published.places_left) == (3, 2, 2)


def test_a_year_without_a_day_is_not_found(member):
    with pytest.raises(Http404):
        selectors.action_day_get(year=2001, user=member)


def test_the_years_are_the_published_days_newest_first(days):
    ActionDayFactory()
    assert selectors.action_day_years() == orm_action_day_years()
    assert len(selectors.action_day_years()) == 2


def test_the_programme_is_what_the_orm_read():
    day = ActionDayFactory()
    library = LibraryFactory(name="Turun pääkirjasto")
    aija = MemberFactory(first_name="Aija", last_name="Ameer", library=library)
    anna = MemberFactory(first_name="Anna", last_name="Berg", library=None)
    bertta = MemberFactory(first_name="Bertta", last_name="Berg", library=library)
    ProgrammeItemFactory(action_day=day, starts_at=time(13), ends_at=None, presenters=[bertta, aija, anna])
    ProgrammeItemFactory(action_day=day, starts_at=time(9), outside_presenters="Vieras Puhuja", description="Kahvi")
    ProgrammeItemFactory(action_day=day, starts_at=time(9), presenters=[anna])
    ProgrammeItemFactory(action_day=ActionDayFactory(), presenters=[aija])  # another day's

    programme = selectors.programme_of(day)

    assert programme == orm_programme(day)
    assert [line.presenters for line in programme] == [
        (),
        ("Anna Berg",),
        ("Aija Ameer (Turun pääkirjasto)", "Anna Berg", "Bertta Berg (Turun pääkirjasto)"),
    ]


def test_the_visitors_registration_is_what_the_orm_read(member):
    day, other_day = ActionDayFactory(capacity=1), ActionDayFactory()
    cancelled = RegistrationFactory(action_day=day, email=member.email, status=RegistrationStatus.CANCELLED)
    RegistrationFactory(action_day=other_day, email=member.email)
    first = RegistrationFactory(action_day=day, status=RegistrationStatus.CONFIRMED)
    waiting = RegistrationFactory(action_day=day, email=member.email, status=RegistrationStatus.WAITING)
    Registration.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(hours=1))

    mine = selectors.registration_of(action_day=day, user=member)
    by_token = selectors.registration_of(action_day=day, user=AnonymousUser(), token=waiting.cancel_token)

    for got in (mine, by_token):
        assert model_to_dict(got) == model_to_dict(orm_registration(day, email=member.email))
        assert every_field(got) == every_field(Registration.objects.get(pk=waiting.pk))
        assert got.action_day is day
        assert got.waiting_place == 1
    assert selectors.registration_of(action_day=day, user=AnonymousUser(), token=cancelled.cancel_token) is None
    assert orm_registration(day, cancel_token=cancelled.cancel_token) is None
    assert selectors.registration_of(action_day=day, user=AnonymousUser()) is None


def test_someone_without_a_registration_has_none(member):
    day = ActionDayFactory()
    RegistrationFactory(action_day=day)
    assert selectors.registration_of(action_day=day, user=member) is None
    assert orm_registration(day, email=member.email) is None
