from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
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

    def has_add_permission(self, request):
        # New people arrive through invitations.
        return request.user.is_superuser


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
