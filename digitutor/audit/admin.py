"""The audit log in the back office: read by the chair and the superuser, changed by nobody."""

from django.apps import apps
from django.contrib import admin
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from digitutor.audit.models import AuditEntry, Verb
from digitutor.audit.services import audit_record


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "verb", "target_kind", "target_label", "changed_fields", "detail", "ip"]
    list_filter = ["verb", ("actor", admin.RelatedOnlyFieldListFilter), "at", "target_type"]
    search_fields = ["actor_label", "target_label", "detail", "target_id"]
    date_hierarchy = "at"
    fields = [
        "at",
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

    @admin.display(description=_("object type"), ordering="target_type")
    def target_kind(self, obj):
        """The kind of object in the reader's language ("jäsen"), or its label if the model is gone."""
        try:
            return capfirst(apps.get_model(obj.target_type)._meta.verbose_name)
        except (LookupError, ValueError):
            return obj.target_type or "–"

    @admin.display(description=_("fields changed"))
    def changed_fields(self, obj):
        return ", ".join(obj.changed) or "–"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
