"""digitutor.roles: who may do what."""

import pytest
import rules
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import AnonymousUser, Group, Permission

from digitutor.roles import ROLE_MODEL_PERMISSIONS, Role, holds_role, must_set_up_two_factor, user_roles
from members.models import User
from tests.factories import UserFactory

PORTAL_PERMISSIONS = ["digitutor.view_member_pages", "digitutor.use_admin", "digitutor.send_invitations"]

# (roles, permission, allowed?)
PERMISSION_TABLE = [
    ([], "digitutor.view_member_pages", False),
    ([], "digitutor.use_admin", False),
    ([], "digitutor.send_invitations", False),
    ([Role.MEMBER], "digitutor.view_member_pages", True),
    ([Role.MEMBER], "digitutor.use_admin", False),
    ([Role.MEMBER], "digitutor.send_invitations", False),
    ([Role.TREASURER], "digitutor.view_member_pages", True),
    ([Role.TREASURER], "digitutor.use_admin", True),
    ([Role.TREASURER], "digitutor.send_invitations", False),
    ([Role.CHAIR], "digitutor.view_member_pages", True),
    ([Role.CHAIR], "digitutor.use_admin", True),
    ([Role.CHAIR], "digitutor.send_invitations", True),
    ([Role.CHAIR, Role.MEMBER], "digitutor.view_member_pages", True),
    ([Role.CHAIR, Role.MEMBER], "digitutor.use_admin", True),
    ([Role.CHAIR, Role.MEMBER], "digitutor.send_invitations", True),
    ([Role.TREASURER, Role.MEMBER], "digitutor.send_invitations", False),
    ([], "digitutor.approve_claims", False),
    ([Role.MEMBER], "digitutor.approve_claims", False),
    ([Role.TREASURER], "digitutor.approve_claims", True),
    ([Role.CHAIR], "digitutor.approve_claims", True),
    ([Role.MEMBER], "digitutor.pay_claims", False),
    ([Role.CHAIR, Role.MEMBER], "digitutor.pay_claims", False),
    ([Role.TREASURER], "digitutor.pay_claims", True),
]


@pytest.mark.parametrize(("roles", "permission", "allowed"), PERMISSION_TABLE)
def test_role_permission_table(db, roles, permission, allowed):
    user = UserFactory(roles=roles)

    assert user.has_perm(permission) is allowed


@pytest.mark.parametrize("permission", PORTAL_PERMISSIONS)
def test_superuser_has_every_portal_permission(db, permission):
    superuser = User.objects.create_superuser("yllapito@example.org", "yllapidon-salasana-1")

    assert superuser.has_perm(permission)


@pytest.mark.parametrize("roles", [[Role.MEMBER], [Role.TREASURER], [Role.CHAIR, Role.MEMBER]])
@pytest.mark.parametrize("permission", PORTAL_PERMISSIONS)
def test_inactive_user_has_no_portal_permission(db, roles, permission):
    user = UserFactory(roles=roles, is_active=False)

    assert not user.has_perm(permission)


@pytest.mark.parametrize("permission", PORTAL_PERMISSIONS)
def test_anonymous_visitor_has_no_portal_permission(permission):
    assert not AnonymousUser().has_perm(permission)


def test_role_groups_exist_after_migrate_with_exactly_their_model_permissions(db):
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)
    for role, expected in ROLE_MODEL_PERMISSIONS.items():
        group = Group.objects.get(name=role.value)
        granted = {
            f"{app_label}.{codename}"
            for app_label, codename in group.permissions.values_list("content_type__app_label", "codename")
        }
        assert granted == set(expected), role


def test_chair_has_the_admin_model_permissions_of_the_role(chair, treasurer, member):
    assert chair.has_perm("members.add_invitation")
    assert chair.has_perm("members.change_user")
    assert not chair.has_perm("members.add_user")
    assert not chair.has_perm("members.delete_user")
    assert treasurer.has_perm("members.view_user")
    assert not treasurer.has_perm("members.view_invitation")
    assert not member.has_perm("members.view_user")


def test_user_roles_lists_the_roles_in_declared_order(chair, treasurer, member):
    assert user_roles(chair) == [Role.CHAIR, Role.MEMBER]
    assert user_roles(treasurer) == [Role.TREASURER]
    assert user_roles(member) == [Role.MEMBER]


def test_user_roles_ignores_groups_that_are_not_roles(member):
    member.groups.add(Group.objects.create(name="book club"))

    assert user_roles(member) == [Role.MEMBER]


def test_user_roles_of_anonymous_visitor_and_person_without_role_are_empty(db):
    assert user_roles(AnonymousUser()) == []
    assert user_roles(UserFactory()) == []


def test_chair_and_treasurer_without_authenticator_must_set_up_two_factor(chair, treasurer):
    assert must_set_up_two_factor(chair)
    assert must_set_up_two_factor(treasurer)


@pytest.mark.parametrize("kind", ["superuser", "staff"])
def test_superusers_and_staff_accounts_without_authenticator_must_set_up_two_factor(db, kind):
    privileged = UserFactory(is_superuser=kind == "superuser", is_staff=True)

    assert must_set_up_two_factor(privileged)
    TOTP.activate(privileged, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    assert not must_set_up_two_factor(privileged)


def test_member_and_anonymous_visitor_need_not_set_up_two_factor(member):
    assert not must_set_up_two_factor(member)
    assert not must_set_up_two_factor(AnonymousUser())


def test_chair_with_an_authenticator_app_has_set_up_two_factor(chair):
    TOTP.activate(chair, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")

    assert not must_set_up_two_factor(chair)


def test_recovery_codes_alone_do_not_count_as_two_factor(chair):
    Authenticator.objects.create(user=chair, type=Authenticator.Type.RECOVERY_CODES, data={})

    assert must_set_up_two_factor(chair)


def test_no_model_permission_carries_the_name_of_a_portal_rule(db):
    """digitutor.backends.PermissionQueriesBackend ends the question "may they?" for a rule the rules backend denied."""
    from rules.permissions import permissions as portal_rules

    names = {
        f"{app_label}.{codename}"
        for app_label, codename in Permission.objects.values_list("content_type__app_label", "codename")
    }

    assert names.isdisjoint(portal_rules.keys())


def people_with_every_kind_of_permission():
    own = UserFactory(roles=[Role.MEMBER])
    own.user_permissions.add(Permission.objects.get(codename="view_meeting"))
    book_club = Group.objects.create(name="book club")
    book_club.permissions.add(Permission.objects.get(codename="view_plan"))
    in_club = UserFactory(roles=[Role.TREASURER])
    in_club.groups.add(book_club)
    return [
        *(UserFactory(roles=roles) for roles in ([], [Role.MEMBER], [Role.TREASURER], [Role.CHAIR, Role.MEMBER])),
        UserFactory(roles=[Role.CHAIR], is_active=False),
        User.objects.create_superuser("yllapito@example.org", "yllapidon-salasana-1"),
        UserFactory(roles=[Role.CHAIR], is_superuser=True, is_active=False),
        own,
        in_club,
    ]


def test_every_permission_is_answered_as_by_djangos_backends_alone(db, settings):
    from rules.permissions import permissions as portal_rules

    names = [
        f"{ct}.{codename}" for ct, codename in Permission.objects.values_list("content_type__app_label", "codename")
    ]
    names += [*portal_rules.keys(), "members.no_such_thing"]
    apps = ["members", "meetings", "actionday", "claims", "goals", "auth", "account", "mfa", "digitutor"]
    people = people_with_every_kind_of_permission()
    backends = settings.AUTHENTICATION_BACKENDS

    def answers():
        result = []
        for person in [*(User.objects.get(pk=person.pk) for person in people), AnonymousUser()]:
            result += [person.has_perm(name) for name in names]
            result += [person.has_module_perms(app_label) for app_label in apps]
            result.append(sorted(person.get_all_permissions()))
        return result

    expected_before = answers()
    settings.AUTHENTICATION_BACKENDS = [path for path in backends if "PermissionQueriesBackend" not in path]
    expected = answers()

    assert "digitutor.backends.PermissionQueriesBackend" in backends
    assert expected_before == expected


def test_every_permission_is_answered_as_djangos_own_has_perm_answers_it(db):
    """members.User asks the backends made once per process (digitutor.backends.user_has_perm); Django's
    PermissionsMixin.has_perm makes them again for each question."""
    from django.contrib.auth.models import PermissionsMixin
    from rules.permissions import permissions as portal_rules

    names = [
        f"{ct}.{codename}" for ct, codename in Permission.objects.values_list("content_type__app_label", "codename")
    ]
    names += [*portal_rules.keys(), "members.no_such_thing"]
    people = people_with_every_kind_of_permission()

    ours = [User.objects.get(pk=person.pk).has_perm(name) for person in people for name in names]
    djangos = [PermissionsMixin.has_perm(User.objects.get(pk=person.pk), name) for person in people for name in names]

    assert ours == djangos
    assert True in ours and False in ours


OLD_PORTAL_RULES = {
    "digitutor.view_member_pages": lambda: rules.is_active & (holds_role(*Role) | rules.is_superuser),
    "digitutor.use_admin": lambda: rules.is_active & (holds_role(Role.CHAIR, Role.TREASURER) | rules.is_superuser),
    "digitutor.send_invitations": lambda: rules.is_active & (holds_role(Role.CHAIR) | rules.is_superuser),
    "digitutor.approve_claims": lambda: rules.is_active & holds_role(Role.CHAIR, Role.TREASURER),
    "digitutor.pay_claims": lambda: rules.is_active & holds_role(Role.TREASURER),
}


@pytest.mark.parametrize("permission", OLD_PORTAL_RULES)
def test_a_portal_rule_answers_as_its_combination_of_predicates_did(db, permission):
    """Each rule is one predicate (roles.active_holder) instead of rules' combination of three."""
    from rules.permissions import permissions as portal_rules

    old_rule = OLD_PORTAL_RULES[permission]()
    people = [*people_with_every_kind_of_permission(), AnonymousUser()]

    ours = [portal_rules.test_rule(permission, person) for person in people]
    before = [old_rule.test(person) for person in people]

    assert ours == before
    assert True in ours and False in ours


def test_a_members_menu_loads_no_model_permissions(member, django_assert_num_queries):
    member = User.objects.get(pk=member.pk)
    member.has_perm("digitutor.view_member_pages")  # the groups, once, as before

    with django_assert_num_queries(0):
        assert not member.has_perm("digitutor.use_admin")
        assert not member.has_perm("digitutor.approve_claims")


def test_a_persons_model_permissions_take_one_query(chair, django_assert_num_queries):
    chair = User.objects.get(pk=chair.pk)

    with django_assert_num_queries(1):
        assert chair.has_perm("goals.change_plan")
        assert not chair.has_perm("members.delete_user")
        assert chair.has_module_perms("goals")


def test_a_permission_asked_again_of_the_same_user_is_not_worked_out_again(member, monkeypatch):
    from rules.permissions import ObjectPermissionBackend

    asked = []
    rules_answer = ObjectPermissionBackend.has_perm
    monkeypatch.setattr(
        ObjectPermissionBackend,
        "has_perm",
        lambda self, user, perm, *rest: asked.append(perm) or rules_answer(self, user, perm, *rest),
    )
    member = User.objects.get(pk=member.pk)

    answers = [member.has_perm("digitutor.view_member_pages") for _ in range(3)]
    answers += [member.has_perm("digitutor.use_admin") for _ in range(3)]

    assert answers == [True] * 3 + [False] * 3
    assert asked == ["digitutor.view_member_pages", "digitutor.use_admin"]


def test_a_remembered_permission_follows_the_account_being_deactivated_or_made_superuser(chair, member):
    chair = User.objects.get(pk=chair.pk)
    assert chair.has_perm("digitutor.use_admin")
    chair.is_active = False
    assert not chair.has_perm("digitutor.use_admin")
    assert not chair.has_module_perms("goals")

    member = User.objects.get(pk=member.pk)
    assert not member.has_perm("goals.change_plan")
    member.is_superuser = True
    assert member.has_perm("goals.change_plan")


def test_a_permission_about_an_object_is_asked_every_time(member, other_member):
    user = User.objects.get(pk=member.pk)

    assert user.has_perm("members.read_travel_details", member.member)
    assert not user.has_perm("members.read_travel_details", other_member.member)
    assert user.has_perm("members.read_travel_details", member.member)


def test_the_roles_are_read_from_a_persons_groups_once_for_all_the_rules(member, monkeypatch):
    """rules.is_group_member asked ``hasattr(user, "groups")`` for each role it tested, building a related manager
    each time; the role predicates read the group names once per user object."""
    groups = User.groups
    reads = []

    class CountingGroups:
        def __get__(self, instance, owner=None):
            if instance is not None:
                reads.append(instance)
            return groups.__get__(instance, owner)

    monkeypatch.setattr(User, "groups", CountingGroups())
    member = User.objects.get(pk=member.pk)

    answers = [member.has_perm(permission) for permission in PORTAL_PERMISSIONS]
    answers += [member.has_perm("digitutor.approve_claims"), member.has_perm("digitutor.pay_claims")]

    assert answers == [True, False, False, False, False]
    assert len(reads) == 1
