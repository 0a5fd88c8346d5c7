from django.contrib import admin
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from digitutor.audit.admin import AuditedAdminMixin
from digitutor.spreadsheets import SpreadsheetCsvWriter
from digitutor.templatetags.formatting import euros
from meetings.actionday import selectors
from meetings.actionday.models import ActionDay, CostLine, ProgrammeItem, Registration, RegistrationStatus


class ProgrammeInline(admin.StackedInline):
    model = ProgrammeItem
    fields = [("starts_at", "ends_at"), "title", "description", "presenters", "outside_presenters"]
    autocomplete_fields = ["presenters"]
    extra = 0


class CostLineInline(admin.TabularInline):
    model = CostLine
    fields = ["category", "description", "planned", "actual"]
    extra = 0


@admin.register(ActionDay)
class ActionDayAdmin(AuditedAdminMixin, admin.ModelAdmin):
    audit_value_fields = ("budget", "capacity")
    list_display = ["year", "theme", "date", "capacity", "registration_open", "published"]
    readonly_fields = ["registrations_summary", "costs_summary"]
    fieldsets = [
        (None, {"fields": ["year", "theme", "date", ("starts_at", "ends_at"), "description", "published"]}),
        (_("Venue"), {"fields": ["venue_name", "venue_address", "venue_municipality"]}),
        (_("Registration"), {"fields": ["capacity", "registration_open", "registrations_summary"]}),
        (_("Budget (paid by Turku AKE)"), {"fields": ["budget", "costs_summary"]}),
    ]
    inlines = [ProgrammeInline, CostLineInline]
    actions = ["participants_csv"]

    @admin.display(description=_("registrations"))
    def registrations_summary(self, obj):
        if obj.pk is None:
            return "–"
        counts = selectors.registration_counts(obj)
        return _("%(confirmed)d confirmed of %(capacity)d places, %(waiting)d on the waiting list") % {
            **counts,
            "capacity": obj.capacity,
        }

    @admin.display(description=_("costs against the budget"))
    def costs_summary(self, obj):
        if obj.pk is None:
            return "–"
        costs = selectors.action_day_costs(obj)
        return _("planned %(planned)s, actual %(actual)s, budget %(budget)s, left %(left)s") % {
            key: euros(value) for key, value in costs.items()
        }

    @admin.action(description=_("Download the participant list as CSV"), permissions=["view"])
    def participants_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="action-day-participants.csv"'
        response.write("\ufeff")  # Excel opens UTF-8 correctly only with a byte-order mark.
        writer = SpreadsheetCsvWriter(response)
        writer.writerow([_("year"), _("status"), _("name"), _("library"), _("email address"), _("dietary needs")])
        registrations = (
            Registration.objects.filter(action_day__in=queryset)
            .exclude(status=RegistrationStatus.CANCELLED)
            .select_related("action_day")
            .order_by("action_day__year", "status", "created_at")
        )
        for registration in registrations:
            writer.writerow(
                [
                    registration.action_day.year,
                    registration.get_status_display(),
                    registration.name,
                    registration.library,
                    registration.email,
                    registration.dietary_needs,
                ]
            )
        return response


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "library", "email", "action_day", "status", "created_at"]
    list_filter = ["action_day", "status"]
    search_fields = ["name", "email", "library"]
    fields = ["action_day", "name", "library", "email", "dietary_needs", "status", "created_at", "cancelled_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
