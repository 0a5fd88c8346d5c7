"""Whether a person sees the drafts in the plan, goals and report pages' lists is asked inside their one query
(goals.selectors.plan_lists) rather than by reading every permission of hers: the same plans as the ORM's
_plans_for() lists through has_perm(), on SQLite and PostgreSQL, for every kind of person."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission

from goals.selectors import _plans_for, plan_lists
from members.models import User
from tests.factories import UserFactory
from tests.goals.factories import GoalFactory, PlanFactory

pytestmark = pytest.mark.django_db

CHANGE_PLAN = {"content_type__app_label": "goals", "codename": "change_plan"}


def _with_own_permission():
    user = UserFactory(roles=["member"])
    user.user_permissions.add(Permission.objects.get(**CHANGE_PLAN))
    return user


def _in_a_group_given_the_permission():
    group = Group.objects.create(name="plan editors")
    group.permissions.add(Permission.objects.get(**CHANGE_PLAN))
    return UserFactory(roles=["plan editors"])


PEOPLE = {
    "member": lambda: UserFactory(roles=["member"]),
    "chair": lambda: UserFactory(roles=["chair", "member"]),
    "treasurer": lambda: UserFactory(roles=["treasurer"]),
    "without a group": lambda: UserFactory(),
    "with the permission of her own": _with_own_permission,
    "in a group given the permission": _in_a_group_given_the_permission,
    "deactivated chair": lambda: UserFactory(roles=["chair"], is_active=False),
    "superuser": lambda: User.objects.create_superuser("yllapito@example.org", "yllapidon-salasana-1"),
    "visitor": AnonymousUser,
}


@pytest.mark.parametrize("person", PEOPLE)
def test_the_lists_show_the_drafts_to_whom_has_perm_shows_them(person):
    PlanFactory(year=2022)
    GoalFactory(plan=PlanFactory(year=2023, published=False), title="Luonnos")
    user = PEOPLE[person]()

    lists = plan_lists(year=2023, user=user)
    asked_again = User.objects.get(pk=user.pk) if user.is_authenticated else user  # has_perm() from the start
    expected = sorted(_plans_for(asked_again).values_list("year", flat=True), reverse=True)

    assert lists.years == expected
    assert [goal.title for goal, _rows in lists.progress] == (["Luonnos"] if 2023 in expected else [])


@pytest.mark.parametrize(("person", "sees_drafts"), [("member", False), ("chair", True)])
def test_the_lists_ask_for_the_drafts_without_reading_the_persons_permissions(
    person, sees_drafts, django_assert_num_queries
):
    PlanFactory(year=2023, published=False)
    user = User.objects.get(pk=PEOPLE[person]().pk)

    with django_assert_num_queries(1):
        lists = plan_lists(year=2023, user=user)

    assert (2023 in lists.years) is sees_drafts
    assert not hasattr(user, "_perm_cache")
