"""Who may do what: the one place that answers "may this user do X" for views, templates and the admin.

A role is a Django group. Model permissions give each role its part of the admin; portal
permissions are rules predicates, asked with ``user.has_perm("digitutor.<name>")`` in code and
``perms.digitutor.<name>`` in templates.
"""

import rules
from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class Role(TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")
    TREASURER = "treasurer", _("Treasurer")


# The admin models each role may touch, as "app_label.codename". Later capabilities add theirs here.
ROLE_MODEL_PERMISSIONS = {
    Role.CHAIR: [
        "members.view_user",
        "members.change_user",
        "members.view_invitation",
        "members.add_invitation",
        "members.change_invitation",
        "members.delete_invitation",
        "members.view_member",
        "members.add_member",
        "members.change_member",
        "members.view_library",
        "members.add_library",
        "members.change_library",
        "members.delete_library",
        "members.view_roster",
        "members.add_roster",
        "members.change_roster",
        "members.delete_roster",
        "members.view_rosterentry",
        "members.add_rosterentry",
        "members.change_rosterentry",
        "members.delete_rosterentry",
        "members.view_joinrequest",
        "members.change_joinrequest",
        *[
            f"meetings.{action}_{model}"
            for model in ("meeting", "meetingattachment", "attendancerecord")
            for action in ("view", "add", "change", "delete")
        ],
        "meetings.view_attendanceanswer",
        *[
            f"actionday.{action}_{model}"
            for model in ("actionday", "programmeitem", "costline")
            for action in ("view", "add", "change", "delete")
        ],
        "actionday.view_registration",
        "claims.view_travelclaim",
        "claims.view_travelrate",
        "claims.view_budget",
        *[
            f"goals.{action}_{model}"
            for model in ("plan", "activitykind", "goal", "goalaction", "target", "goodpractice", "training", "tag")
            for action in ("view", "add", "change", "delete")
        ],
        "audit.view_auditentry",
    ],
    Role.TREASURER: [
        "members.view_user",
        "members.view_member",
        "members.view_library",
        "members.view_roster",
        "members.view_rosterentry",
        "members.view_traveldetails",
        "meetings.view_meeting",
        "actionday.view_actionday",
        "actionday.view_costline",
        "claims.view_travelclaim",
        "claims.view_paymentbatch",
        *[
            f"claims.{action}_{model}"
            for model in ("travelrate", "budget")
            for action in ("view", "add", "change", "delete")
        ],
    ],
    Role.MEMBER: [],
}

# The roles only a superuser grants, and whose holders are officers of the group.
STAFF_ROLES = (Role.CHAIR, Role.TREASURER)


def group_names(user):
    """The names of the user's groups, read once per user object (so once a request)."""
    try:
        return user._group_names_cache
    except AttributeError:
        user._group_names_cache = set(user.groups.values_list("name", flat=True))
        return user._group_names_cache


def holds_role(*roles):
    """A predicate: the user holds one of these roles (is in its group).

    rules.is_group_member answers the same from the same names, but asks ``hasattr(user, "groups")`` first, which
    builds a related manager each time: a quarter of what the menu's permission questions cost a member.
    """
    names = frozenset(role.value for role in roles)

    @rules.predicate(f"holds_role:{','.join(sorted(names))}")
    def holds(user):
        return not names.isdisjoint(group_names(user))

    return holds


is_treasurer = holds_role(Role.TREASURER)


def active_holder(*roles, or_superuser=False):
    """A predicate: an active account holding one of these roles (or, with `or_superuser`, a superuser's).

    What ``rules.is_active & holds_role(*roles)`` (``& (holds_role(*roles) | is_superuser)``) answers, asked in the
    same order, as one predicate: the menu asks four of these rules on every page, and rules spent three quarters of
    each question combining the predicates rather than in them.
    """
    names = frozenset(role.value for role in roles)
    superuser = " or superuser" if or_superuser else ""

    @rules.predicate(f"active_holder:{','.join(sorted(names))}{superuser}")
    def holds(user):
        return user.is_active and (not names.isdisjoint(group_names(user)) or (or_superuser and user.is_superuser))

    return holds


rules.add_perm("digitutor.view_member_pages", active_holder(*Role, or_superuser=True))
rules.add_perm("digitutor.use_admin", active_holder(Role.CHAIR, Role.TREASURER, or_superuser=True))
rules.add_perm("digitutor.send_invitations", active_holder(Role.CHAIR, or_superuser=True))


@rules.predicate
def is_the_member(user, member):
    """The member record is the user's own."""
    return member is not None and member.user_id is not None and member.user_id == user.id


# Travel claims: the chair or the treasurer decides; the treasurer pays. Nobody decides their own (services check).
rules.add_perm("digitutor.approve_claims", active_holder(Role.CHAIR, Role.TREASURER))
rules.add_perm("digitutor.pay_claims", active_holder(Role.TREASURER))

# A member's home address and bank account: the member and the treasurer only, never the chair.
rules.add_perm("members.read_travel_details", rules.is_active & (is_the_member | is_treasurer))


def user_roles(user):
    """The roles a user holds, in the order the roles are declared."""
    if not user.is_authenticated:
        return []
    names = set(user.groups.values_list("name", flat=True))
    return [role for role in Role if role.value in names]


def needs_two_factor(user):
    """Accounts that can change what others see or are paid: the chair, the treasurer, staff and superusers.

    Asked twice a request (the session timeout and the two-factor middleware): the groups come from the user's
    cached names, as is_chair and is_treasurer read them, without the predicates' own cost.
    """
    return user.is_authenticated and (
        user.is_staff or user.is_superuser or not group_names(user).isdisjoint(STAFF_ROLES)
    )


def must_set_up_two_factor(user):
    """True for a chair, treasurer, staff or superuser account that has no authenticator app set up yet."""
    if not needs_two_factor(user):
        return False
    from allauth.mfa.models import Authenticator

    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def sync_role_groups(apps=None, **kwargs):
    """Create the role groups and give each exactly the model permissions listed above."""
    from django.apps import apps as global_apps

    apps = apps or global_apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codes in ROLE_MODEL_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role.value)
        wanted = []
        for code in codes:
            app_label, codename = code.split(".")
            permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if permission is not None:
                wanted.append(permission)
        group.permissions.set(wanted)
