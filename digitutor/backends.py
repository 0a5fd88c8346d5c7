"""Django's model permissions, asked for less often: one query instead of two, and none for a rules permission."""

import rules
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied


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
        """ModelBackend.get_all_permissions's set, in one query (a UNION of its two)."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None or hasattr(user_obj, "_perm_cache"):
            return
        names = Permission.objects.values_list("content_type__app_label", "codename").order_by()
        if not user_obj.is_superuser:
            names = names.filter(user=user_obj).union(names.filter(group__user=user_obj))
        user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in names}
