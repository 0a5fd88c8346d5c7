from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from digitutor.errors import DomainError
from digitutor.roles import Role
from members import services
from members.models import Invitation, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["last_name", "first_name", "email"]
    list_display = ["email", "first_name", "last_name", "is_active", "last_login"]
    list_filter = ["is_active", "groups"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name"]}),
        (_("Roles"), {"fields": ["is_active", "groups"]}),
        (_("Superuser privileges"), {"fields": ["is_staff", "is_superuser", "user_permissions"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    readonly_fields = ["last_login", "date_joined"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        # The chair manages roles and access, never superuser privileges or passwords.
        hidden = {"password", "is_staff", "is_superuser", "user_permissions"}
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in fieldsets
            if any(f not in hidden for f in options["fields"])
        ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=Role.values)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        # The login address is the person's own: a changed one would receive their password resets.
        return readonly if request.user.is_superuser else [*readonly, "email"]

    def has_add_permission(self, request):
        # New people arrive through invitations.
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        # Only a superuser changes a superuser's account (its email address would let the chair reset its password).
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def user_change_password(self, request, id, form_url=""):
        # The chair never sets anyone's password: people set their own, by invitation or password reset.
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "first_name", "last_name", "role", "status_display", "sent_at", "expires_at"]
    list_filter = ["role"]
    search_fields = ["email", "first_name", "last_name"]
    fields = ["email", "first_name", "last_name", "role", "language", "status_display", "invited_by"]
    readonly_fields = ["status_display", "invited_by"]
    actions = ["send_invitations", "revoke_invitations"]

    @admin.display(description=_("status"))
    def status_display(self, obj):
        return obj.status.label

    def save_model(self, request, obj, form, change):
        if not change:
            obj.invited_by = request.user
        super().save_model(request, obj, form, change)

    def _apply(self, request, queryset, service, done_message):
        done = 0
        for invitation in queryset:
            try:
                service(invitation=invitation, acting_user=request.user)
                done += 1
            except DomainError as error:
                self.message_user(request, f"{invitation.email}: {error.message}", messages.WARNING)
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)

    @admin.action(description=_("Send the selected invitations (again)"), permissions=["change"])
    def send_invitations(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.invitation_send,
            lambda n: ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", n) % {"count": n},
        )

    @admin.action(description=_("Revoke the selected invitations"), permissions=["change"])
    def revoke_invitations(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.invitation_revoke,
            lambda n: ngettext("%(count)d invitation revoked.", "%(count)d invitations revoked.", n) % {"count": n},
        )
