"""Django's model permissions, asked for less often: one query instead of two, and none for a rules permission."""

import rules
from django.conf import settings
from django.contrib.auth import get_backends
from django.core.exceptions import PermissionDenied
from django.db import connection

# Every permission's name, for a superuser, as "app_label", "codename".
_EVERY_PERMISSION = """
    SELECT django_content_type.app_label, auth_permission.codename
    FROM auth_permission JOIN django_content_type ON django_content_type.id = auth_permission.content_type_id"""

# A person's own permissions and their groups' (members.User's user_permissions and groups).
_PERMISSIONS_OF = f"""
    {_EVERY_PERMISSION}
    JOIN members_user_user_permissions ON members_user_user_permissions.permission_id = auth_permission.id
    WHERE members_user_user_permissions.user_id = %(user)s
    UNION
    {_EVERY_PERMISSION}
    JOIN auth_group_permissions ON auth_group_permissions.permission_id = auth_permission.id
    JOIN members_user_groups ON members_user_groups.group_id = auth_group_permissions.group_id
    WHERE members_user_groups.user_id = %(user)s"""


class PermissionQueriesBackend:
    """Spares ModelBackend (and allauth's backend, a ModelBackend too) their permission queries; grants nothing.

    Listed between the rules backend and ModelBackend, it changes no answer, only what it costs:

    - A portal permission (``digitutor.use_admin``...) is a rule (digitutor/roles.py). When the rules backend,
      asked first, said no, the answer is no: no Permission row carries a rule's name (tests/test_roles.py),
      so ModelBackend would say no too, after loading the person's permissions, which every page's menu
      made it do for a member. Raising PermissionDenied ends the question there, as Django documents.
    - For a model permission it loads the person's own and their groups' permissions in one query into the
      attribute ModelBackend keeps them in, instead of ModelBackend's two queries, and lets ModelBackend answer.
    """

    def authenticate(self, request, **credentials):
        """Logs nobody in; with no get_user(), force_login() and sessions never name this backend."""
        return None

    def has_perm(self, user_obj, perm, obj=None):
        if rules.perm_exists(perm):
            raise PermissionDenied
        self._load_permissions(user_obj, obj)
        return False

    def has_module_perms(self, user_obj, app_label):
        self._load_permissions(user_obj, None)
        return False

    def _load_permissions(self, user_obj, obj):
        """ModelBackend.get_all_permissions's set, in one query (a UNION of its two), written in SQL: Django took
        longer to build the union with its joins than the database to answer it."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None or hasattr(user_obj, "_perm_cache"):
            return
        with connection.cursor() as cursor:
            if user_obj.is_superuser:
                cursor.execute(_EVERY_PERMISSION)
            else:
                cursor.execute(_PERMISSIONS_OF, {"user": user_obj.pk})
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in cursor.fetchall()}


_backends_by_setting = {}


def permission_backends():
    """The authentication backends, made once per process and setting rather than once per question.

    Django's auth.get_backends() imports and makes every backend of AUTHENTICATION_BACKENDS again each time a
    permission is asked, half of what the menu's first question of each permission cost. The backends keep nothing
    between questions (what they read, they keep on the user object), so the same ones answer the same.
    """
    key = tuple(settings.AUTHENTICATION_BACKENDS)
    found = _backends_by_setting.get(key)
    if found is None:
        found = _backends_by_setting[key] = get_backends()
    return found


def user_has_perm(user, perm):
    """PermissionsMixin.has_perm(perm) without an object, asking permission_backends(): the same backends in the
    same order, the first that grants ends it, and one that raises PermissionDenied denies."""
    if user.is_active and user.is_superuser:
        return True
    for backend in permission_backends():
        if not hasattr(backend, "has_perm"):
            continue
        try:
            if backend.has_perm(user, perm, None):
                return True
        except PermissionDenied:
            return False
    return False
