from django import forms
from django.contrib import admin
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from meetings import services
from meetings.forms import MeetingAdminForm
from meetings.models import (
    AttendanceAnswer,
    AttendanceRecord,
    Meeting,
    MeetingAttachment,
    MeetingStatus,
)
from members.admin import ObjectActionsMixin, ServiceActionsMixin


class AttachmentInline(admin.TabularInline):
    """Files live in private storage: the link goes through the permission-checking download view."""

    model = MeetingAttachment
    fields = ["title", "file", "download"]
    readonly_fields = ["download"]
    formfield_overrides = {models.FileField: {"widget": forms.FileInput}}
    extra = 0

    @admin.display(description=_("file now"))
    def download(self, obj):
        if obj.pk is None:
            return "–"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.original_name)


class AnswerInline(admin.TabularInline):
    """The members' own answers: read-only here, members give them on the meeting page."""

    model = AttendanceAnswer
    fields = ["member", "answer", "note", "updated_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class RegisterInline(admin.TabularInline):
    """The attendance register: who actually attended, and how."""

    model = AttendanceRecord
    fields = ["member", "mode"]
    autocomplete_fields = ["member"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(ObjectActionsMixin, ServiceActionsMixin, admin.ModelAdmin):
    form = MeetingAdminForm
    list_display = ["title", "starts_at", "format", "status", "published_at"]
    list_filter = ["status", "format"]
    date_hierarchy = "starts_at"
    search_fields = ["title", "venue_name"]
    readonly_fields = ["status", "published_at"]
    fieldsets = [
        (None, {"fields": ["title", "starts_at", "ends_at", "format", "status", "published_at"]}),
        (_("Venue"), {"fields": ["venue_name", "venue_address", "venue_municipality"]}),
        (_("Remote attendance"), {"fields": ["remote_link", "remote_instructions"]}),
        (_("Agenda and minutes"), {"fields": ["agenda", "minutes"]}),
    ]
    inlines = [AttachmentInline, AnswerInline, RegisterInline]
    # Publishing and cancelling email the members: buttons on the meeting's own page, each with a confirmation.
    actions = ["prefill_register", "mark_held"]
    object_actions = ("publish", "cancel")

    def publish_view(self, request, meeting):
        if request.method == "POST":
            return self.run_object_service(
                request,
                meeting,
                lambda: services.meeting_publish(meeting=meeting, acting_user=request.user),
                _("The meeting was published and the invitations sent."),
            )
        recipients = list(services.meeting_invitees())
        summary = ngettext(
            "The invitation with a calendar file will be emailed to %(count)d member:",
            "The invitation with a calendar file will be emailed to %(count)d members:",
            len(recipients),
        ) % {"count": len(recipients)}
        return self.render_confirmation(
            request,
            meeting,
            title=_("Publish the meeting %(meeting)s") % {"meeting": meeting},
            button=_("Publish"),
            explanation=[_("Once published, members see the meeting and can say whether they come.")],
            recipients=recipients,
            recipients_summary=summary,
        )

    def cancel_view(self, request, meeting):
        if request.method == "POST":
            return self.run_object_service(
                request,
                meeting,
                lambda: services.meeting_cancel(meeting=meeting, acting_user=request.user),
                _("The meeting was cancelled."),
            )
        if meeting.status == MeetingStatus.PUBLISHED:
            recipients = list(services.meeting_invitees())
            summary = ngettext(
                "The cancellation will be emailed to %(count)d member:",
                "The cancellation will be emailed to %(count)d members:",
                len(recipients),
            ) % {"count": len(recipients)}
        else:
            recipients = []
            summary = _("Nobody is emailed: the meeting was never published.")
        return self.render_confirmation(
            request,
            meeting,
            title=_("Cancel the meeting %(meeting)s") % {"meeting": meeting},
            button=_("Cancel the meeting"),
            explanation=[_("A cancelled meeting cannot be published again.")],
            recipients=recipients,
            recipients_summary=summary,
        )

    @admin.action(description=_("Fill the attendance register from the answers"), permissions=["change"])
    def prefill_register(self, request, queryset):
        self.run_service(request, queryset, services.register_prefill, "meeting", _("%(count)d register(s) filled in."))

    @admin.action(description=_("Mark as held"), permissions=["change"])
    def mark_held(self, request, queryset):
        self.run_service(
            request, queryset, services.meeting_mark_held, "meeting", _("%(count)d meeting(s) marked as held.")
        )
