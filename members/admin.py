from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from digitutor.admin import ReadOnlyAdminMixin
from digitutor.audit.admin import AuditedAdminMixin
from digitutor.audit.models import Verb
from digitutor.errors import DomainError
from digitutor.roles import Role
from digitutor.spreadsheets import SpreadsheetCsvWriter
from members import services
from members.models import (
    Invitation,
    JoinRequest,
    Library,
    Member,
    PersonalDataChange,
    Region,
    Roster,
    RosterEntry,
    RosterRole,
    TravelDetails,
    User,
)


class RoleCheckingUserChangeForm(UserChangeForm):
    """The account form of the back office: a role change is checked against who is asking."""

    acting_user = None  # set by UserAdmin.get_form for each request

    def clean_groups(self):
        groups = self.cleaned_data["groups"]
        try:
            services.user_roles_check(user=self.instance, groups=groups, acting_user=self.acting_user)
        except DomainError as error:
            raise ValidationError(error.message) from error
        return groups

    def clean_is_active(self):
        is_active = self.cleaned_data["is_active"]
        if self.instance.pk and is_active != self.initial.get("is_active"):
            # Closing or reopening an account is the same rule as deactivating its member.
            try:
                services.account_removal_check(user=self.instance, acting_user=self.acting_user)
            except DomainError as error:
                raise ValidationError(error.message) from error
        return is_active


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    form = RoleCheckingUserChangeForm
    audit_change_verb = Verb.ACCOUNT_CHANGED
    audit_ignored_fields = ("groups",)  # user_roles_set records the roles
    audit_value_fields = ("is_active", "is_staff", "is_superuser")
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

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.acting_user = request.user  # a class made for this request by modelform_factory
        return form

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=Role.values)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            # Nobody changes their own roles or privileges, a superuser neither.
            readonly += ["groups", "user_permissions", "is_staff", "is_superuser", "is_active"]
        # The login address is the person's own: a changed one would receive their password resets.
        return readonly if request.user.is_superuser else [*readonly, "email"]

    def save_related(self, request, form, formsets, change):
        # The roles go through the service, which checks them again; the rest of the form is saved as usual.
        groups = form.cleaned_data.pop("groups", None)
        super().save_related(request, form, formsets, change)
        if groups is not None:
            services.user_roles_set(user=form.instance, groups=groups, acting_user=request.user)

    def has_add_permission(self, request):
        # New people arrive through invitations.
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self._may_touch(request, obj) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_touch(request, obj) and super().has_change_permission(request, obj)

    def _may_touch(self, request, obj):
        # Only a superuser opens a staff or superuser account (its email address would let the chair reset its
        # password, its roles would let her raise her own).
        return obj is None or request.user.is_superuser or not (obj.is_staff or obj.is_superuser)

    def user_change_password(self, request, id, form_url=""):
        # The chair never sets anyone's password: people set their own, by invitation or password reset.
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)


class ServiceActionsMixin:
    """Admin actions that call a service for each selected object and report each refusal with its reason."""

    def run_service(self, request, queryset, service, argument, done_message):
        done = 0
        for obj in queryset:
            try:
                service(acting_user=request.user, **{argument: obj})
            except DomainError as error:
                self.message_user(request, f"{obj}: {error.message}", messages.WARNING)
            else:
                done += 1
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)


class ObjectActionsMixin:
    """Buttons on an object's own change page: each opens a confirmation page, and only its POST calls the service.

    Each name in object_actions has a view method <name>_view(request, obj) and the URL
    admin:<app>_<model>_<name>, at <object id>/<name>/.
    """

    object_actions = ()

    def get_urls(self):
        app_label, model_name = self.opts.app_label, self.opts.model_name
        urls = [
            path(
                f"<path:object_id>/{name}/",
                self.admin_site.admin_view(self._object_action_view(name)),
                name=f"{app_label}_{model_name}_{name}",
            )
            for name in self.object_actions
        ]
        return urls + super().get_urls()

    def _object_action_view(self, name):
        def view(request, object_id):
            obj = self.get_object(request, unquote(object_id))
            if obj is None:
                raise Http404
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
            return getattr(self, f"{name}_view")(request, obj)

        return view

    def change_page_url(self, obj):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])

    def run_object_service(self, request, obj, call, done_message):
        """Call the service; a refusal is shown with its reason. Either way, back to the object's page."""
        try:
            call()
        except DomainError as error:
            self.message_user(request, error.message, messages.WARNING)
        else:
            self.message_user(request, done_message, messages.SUCCESS)
        return redirect(self.change_page_url(obj))

    def render_confirmation(self, request, obj, *, title, button, **context):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": title,
            "button": button,
            "change_url": self.change_page_url(obj),
            **context,
        }
        return TemplateResponse(request, "admin/object_action_confirm.html", context)


@admin.register(Library)
class LibraryAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "region", "roster_name"]
    list_filter = ["region", "municipality"]
    search_fields = ["name", "municipality"]


class PersonalDataChangeInline(admin.TabularInline):
    model = PersonalDataChange
    fields = ["field_name", "changed_by", "changed_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("Changes of personal details (field names only)")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Member)
class MemberAdmin(AuditedAdminMixin, ServiceActionsMixin, admin.ModelAdmin):
    list_display = ["full_name", "library", "email", "phone", "is_active", "has_account"]
    list_filter = ["is_active", "library__region", "library"]
    search_fields = ["first_name", "last_name", "email", "library__name"]
    list_select_related = ["library"]
    autocomplete_fields = ["library"]
    fields = ["first_name", "last_name", "email", "library", "job_title", "phone", "preferred_language", "is_active"]
    readonly_fields = ["is_active"]
    inlines = [PersonalDataChangeInline]
    actions = ["invite", "deactivate", "anonymise"]

    @admin.display(description=_("name"), ordering="last_name")
    def full_name(self, obj):
        return obj.full_name

    @admin.display(description=_("has an account"), boolean=True)
    def has_account(self, obj):
        return obj.user_id is not None

    def get_queryset(self, request):
        return super().get_queryset(request).not_anonymised()

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.user_id and not request.user.is_superuser:
            # The login address is the person's own: a changed one would receive their password resets.
            readonly.append("email")
        return readonly

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.member_sync_account(member=obj, acting_user=request.user, changed_fields=form.changed_data)

    def has_delete_permission(self, request, obj=None):
        # Members leave by deactivation and anonymisation; their history stays.
        return request.user.is_superuser

    @admin.action(description=_("Invite the selected people to the portal"), permissions=["change"])
    def invite(self, request, queryset):
        self.run_service(request, queryset, services.member_invite, "member", _("%(count)d invitation(s) sent."))

    @admin.action(description=_("Deactivate the selected members (they leave the group)"), permissions=["change"])
    def deactivate(self, request, queryset):
        self.run_service(request, queryset, services.member_deactivate, "member", _("%(count)d member(s) deactivated."))

    @admin.action(description=_("Anonymise the selected former members"), permissions=["change"])
    def anonymise(self, request, queryset):
        self.run_service(request, queryset, services.member_anonymise, "member", _("%(count)d member(s) anonymised."))


@admin.register(TravelDetails)
class TravelDetailsAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only for the treasurer, who pays claims to these accounts; the chair has no access."""

    list_display = ["member", "home_municipality", "bank_account"]
    search_fields = ["member__first_name", "member__last_name"]
    list_select_related = ["member"]
    fields = ["member", "home_address", "home_municipality", "iban"]

    @admin.display(description=_("bank account (IBAN)"))
    def bank_account(self, details):
        return details.iban_masked


class RosterEntryInlineFormSet(BaseInlineFormSet):
    """A year's rows: at most one chair, and the chair can be handed over in one save."""

    def clean(self):
        super().clean()
        chairs = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("role") == RosterRole.CHAIR
        ]
        # The database's one-chair constraint is not checked by inline forms (they exclude the roster field).
        if len(chairs) > 1:
            raise ValidationError(_("A roster has only one chair."))

    def save_existing_objects(self, commit=True):
        # The database allows one chair at a time: the row that stops being chair is saved first.
        count = self.initial_form_count()
        self.forms[:count] = sorted(self.forms[:count], key=lambda form: form.instance.role == RosterRole.CHAIR)
        return super().save_existing_objects(commit)


class RosterEntryInline(admin.TabularInline):
    model = RosterEntry
    formset = RosterEntryInlineFormSet
    fields = ["position", "member", "role", "library"]
    autocomplete_fields = ["member", "library"]
    extra = 1


@admin.register(Roster)
class RosterAdmin(admin.ModelAdmin):
    list_display = ["year", "chair_name", "entry_count"]
    search_fields = ["year"]
    inlines = [RosterEntryInline]
    actions = ["export_csv"]

    def get_queryset(self, request):
        # Each row's chair comes with the list in one more query, not one query per row.
        chairs = RosterEntry.objects.filter(role=RosterRole.CHAIR).select_related("member")
        return (
            super()
            .get_queryset(request)
            .annotate(entry_total=Count("entries"))
            .prefetch_related(Prefetch("entries", queryset=chairs, to_attr="chair_entries"))
        )

    @admin.display(description=_("members"), ordering="entry_total")
    def entry_count(self, obj):
        return obj.entry_total

    @admin.display(description=_("chair"))
    def chair_name(self, obj):
        return obj.chair_entries[0].member if obj.chair_entries else "–"

    @admin.action(description=_("Download the selected rosters as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        years = "-".join(str(year) for year in sorted(queryset.values_list("year", flat=True)))
        response["Content-Disposition"] = f'attachment; filename="roster-{years}.csv"'
        response.write("\ufeff")  # Excel opens UTF-8 correctly only with a byte-order mark.
        writer = SpreadsheetCsvWriter(response)
        writer.writerow(
            [_("year"), _("role"), _("last name"), _("first name"), _("library"), _("municipality"), _("email")]
        )
        entries = (
            RosterEntry.objects.filter(roster__in=queryset)
            .select_related("roster", "member", "library")
            .order_by("roster__year", "member__last_name", "member__first_name")
        )
        for entry in entries:
            library = entry.library
            writer.writerow(
                [
                    entry.roster.year,
                    entry.get_role_display(),
                    entry.member.last_name,
                    entry.member.first_name,
                    library.name if library else "",
                    library.get_municipality_display() if library else "",
                    entry.member.email,
                ]
            )
        return response


@admin.register(Invitation)
class InvitationAdmin(ServiceActionsMixin, admin.ModelAdmin):
    list_display = ["member", "email", "role", "status_display", "sent_at", "expires_at"]
    list_filter = ["role"]
    search_fields = ["member__email", "member__first_name", "member__last_name"]
    list_select_related = ["member"]
    autocomplete_fields = ["member"]
    fields = ["member", "role", "status_display", "invited_by"]
    readonly_fields = ["status_display", "invited_by"]
    actions = ["send_invitations", "revoke_invitations"]

    @admin.display(description=_("email address"), ordering="member__email")
    def email(self, obj):
        return obj.member.email

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        # A made invitation keeps its person and role: a sent link must not come to mean someone or something else.
        return readonly if obj is None else [*readonly, "member", "role"]

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role" and not request.user.is_superuser:
            # Only a superuser invites someone to the chair or treasurer role.
            kwargs["choices"] = [(Role.MEMBER.value, Role.MEMBER.label)]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    @admin.display(description=_("status"))
    def status_display(self, obj):
        return obj.status.label

    def save_model(self, request, obj, form, change):
        if not change:
            obj.invited_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Send the selected invitations (again)"), permissions=["change"])
    def send_invitations(self, request, queryset):
        self.run_service(request, queryset, services.invitation_send, "invitation", _("%(count)d invitation(s) sent."))

    @admin.action(description=_("Revoke the selected invitations"), permissions=["change"])
    def revoke_invitations(self, request, queryset):
        self.run_service(
            request, queryset, services.invitation_revoke, "invitation", _("%(count)d invitation(s) revoked.")
        )


class JoinRequestAcceptForm(forms.Form):
    """The library of the new member: one that exists, or a new one made from what the person wrote."""

    library = forms.ModelChoiceField(
        label=_("Library"),
        queryset=Library.objects.all(),
        required=False,
        empty_label=_("A new library (fill in below)"),
    )
    new_library_name = forms.CharField(label=_("New library's name"), max_length=200, required=False)
    new_library_municipality = forms.ChoiceField(label=_("New library's municipality"), required=False)
    new_library_region = forms.ChoiceField(
        label=_("New library's region"), choices=[("", "---------"), *Region.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_library_municipality"].choices = [
            ("", "---------"),
            *Library._meta.get_field("municipality").choices,
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("library") is None:
            for name in ("new_library_name", "new_library_municipality", "new_library_region"):
                if not cleaned.get(name):
                    self.add_error(name, _("Choose a library, or fill this in for a new one."))
        return cleaned

    def new_library(self):
        if self.cleaned_data["library"] is not None:
            return None
        return {
            "name": self.cleaned_data["new_library_name"],
            "municipality": self.cleaned_data["new_library_municipality"],
            "region": self.cleaned_data["new_library_region"],
        }


class JoinRequestDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Emailed to the person with the decision."),
    )


@admin.register(JoinRequest)
class JoinRequestAdmin(ObjectActionsMixin, ServiceActionsMixin, admin.ModelAdmin):
    list_display = ["__str__", "library", "status", "created_at", "handled_by"]
    list_filter = ["status"]
    search_fields = ["first_name", "last_name", "email", "library"]
    fields = [
        "first_name",
        "last_name",
        "library",
        "email",
        "message",
        "status",
        "created_at",
        "handled_by",
        "decline_reason",
    ]
    readonly_fields = fields
    actions = ["accept", "decline"]
    object_actions = ("accept", "decline")

    def has_add_permission(self, request):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Nothing on the page is edited: it is decided with the Accept and Decline buttons, not saved.
        extra_context = {
            **(extra_context or {}),
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def accept_view(self, request, join_request):
        form = JoinRequestAcceptForm(
            request.POST if request.method == "POST" else None,
            initial={
                "library": services.join_request_library_guess(join_request),
                "new_library_name": join_request.library.strip(),
            },
        )
        if request.method == "POST" and form.is_valid():
            return self.run_object_service(
                request,
                join_request,
                lambda: services.join_request_accept(
                    join_request=join_request,
                    acting_user=request.user,
                    library=form.cleaned_data["library"],
                    new_library=form.new_library(),
                ),
                _("The request was accepted: %(name)s is on this year's roster and has been sent an invitation.")
                % {"name": f"{join_request.first_name} {join_request.last_name}"},
            )
        return self.render_confirmation(
            request,
            join_request,
            title=_("Accept the join request"),
            button=_("Accept the request"),
            explanation=[
                _(
                    "%(name)s becomes a member in the library chosen below, is added to this year's roster "
                    "and gets an invitation to the portal by email (%(email)s)."
                )
                % {"name": f"{join_request.first_name} {join_request.last_name}", "email": join_request.email},
                _("They wrote their library as: %(library)s") % {"library": join_request.library},
            ],
            form=form,
        )

    def decline_view(self, request, join_request):
        form = JoinRequestDeclineForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            return self.run_object_service(
                request,
                join_request,
                lambda: services.join_request_decline(
                    join_request=join_request, acting_user=request.user, reason=form.cleaned_data["reason"]
                ),
                _("The request was declined and %(email)s told so.") % {"email": join_request.email},
            )
        return self.render_confirmation(
            request,
            join_request,
            title=_("Decline the join request"),
            button=_("Decline"),
            explanation=[
                _("%(email)s is told by email that the request was declined, with the reason if you give one.")
                % {"email": join_request.email}
            ],
            form=form,
        )

    @admin.action(description=_("Accept the selected requests and send invitations"), permissions=["change"])
    def accept(self, request, queryset):
        self.run_service(
            request, queryset, services.join_request_accept, "join_request", _("%(count)d request(s) accepted.")
        )

    @admin.action(description=_("Decline the selected requests"), permissions=["change"])
    def decline(self, request, queryset):
        self.run_service(
            request, queryset, services.join_request_decline, "join_request", _("%(count)d request(s) declined.")
        )
