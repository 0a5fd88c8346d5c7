"""The audit log in the back office: read by the chair and the superuser, changed by nobody."""

from django.apps import apps
from django.contrib import admin
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.dateformat import time_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from digitutor.admin import ReadOnlyAdminMixin
from digitutor.audit.models import AuditEntry, Verb
from digitutor.audit.services import audit_record


def model_name_of(label):
    """The kind of object in the reader's language ("Jäsen") for a model label, or the label if the model is gone."""
    try:
        return capfirst(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label or "–"


class TargetTypeFilter(admin.SimpleListFilter):
    title = _("object type")
    parameter_name = "target_type"

    def lookups(self, request, model_admin):
        labels = AuditEntry.objects.order_by().values_list("target_type", flat=True).distinct()
        return sorted(((label, model_name_of(label)) for label in labels if label), key=lambda choice: choice[1])

    def queryset(self, request, queryset):
        return queryset.filter(target_type=self.value()) if self.value() else queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["when", "actor_label", "verb", "target_kind", "target_label", "ip"]
    list_display_links = ["when"]
    list_filter = ["verb", ("actor", admin.RelatedOnlyFieldListFilter), "at", TargetTypeFilter]
    search_fields = ["actor_label", "target_label", "detail", "target_id"]
    date_hierarchy = "at"
    fields = [
        "when",
        "actor_label",
        "verb",
        "target_kind",
        "target_id",
        "target_label",
        "changed_fields",
        "detail",
        "ip",
    ]
    readonly_fields = fields
    actions = None
    show_full_result_count = False

    @admin.display(description=_("when"), ordering="at")
    def when(self, obj):
        """In the Finnish form the portal uses everywhere: 5.12.2026 16.30."""
        return f"{date_format(timezone.localtime(obj.at), 'j.n.Y')} {time_format(timezone.localtime(obj.at), 'G.i')}"

    @admin.display(description=_("object type"), ordering="target_type")
    def target_kind(self, obj):
        return model_name_of(obj.target_type)

    @admin.display(description=_("fields changed"))
    def changed_fields(self, obj):
        return ", ".join(obj.changed) or "–"


class AuditedAdminMixin:
    """Back-office additions, changes and deletions of a privileged model write the audit log.

    The entry names the fields that changed; only the fields in audit_value_fields (plain ones: an amount, a flag,
    never a personal detail) also show what they were and what they became.
    """

    audit_value_fields = ()
    audit_ignored_fields = ()  # fields whose change a service records itself
    audit_change_verb = Verb.CHANGED

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changed = [field for field in form.changed_data if field not in self.audit_ignored_fields]
        if change and not changed:
            return
        detail = "; ".join(
            f"{field}: {form.initial.get(field)} → {form.cleaned_data.get(field)}"
            for field in changed
            if change and field in self.audit_value_fields
        )
        audit_record(
            actor=request.user,
            verb=self.audit_change_verb if change else Verb.CREATED,
            target=obj,
            changed=changed,
            detail=detail,
        )

    def delete_model(self, request, obj):
        audit_record(actor=request.user, verb=Verb.DELETED, target=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit_record(actor=request.user, verb=Verb.DELETED, target=obj)
        super().delete_queryset(request, queryset)
