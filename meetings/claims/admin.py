"""The back office for claims: the treasurer keeps rates and budgets; decisions go through the same services."""

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.claims import selectors, services
from meetings.claims.forms import ReturnForm
from meetings.claims.models import Budget, ClaimEvent, ClaimLine, PaymentBatch, TravelClaim, TravelRate
from members.admin import ServiceActionsMixin


@admin.register(TravelRate)
class TravelRateAdmin(admin.ModelAdmin):
    list_display = ["year", "car_per_km", "passenger_per_km", "partial_per_diem", "full_per_diem", "meal_allowance"]
    search_fields = ["year", "source", "note"]


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    list_display = ["year", "source", "granted"]
    list_filter = ["source", "year"]


class ClaimPartInline(admin.TabularInline):
    """A claim's lines or history: read-only, shown to whoever may read the claim itself."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("claims.view_travelclaim")


class ClaimLineInline(ClaimPartInline):
    model = ClaimLine
    fields = [
        "kind",
        "km",
        "passengers",
        "passenger_names",
        "vehicle",
        "registration_number",
        "cost",
        "explanation",
        "amount",
    ]


class ClaimEventInline(ClaimPartInline):
    model = ClaimEvent
    fields = ["at", "actor", "from_status", "to_status", "reason"]


class TravelClaimChangeList(ChangeList):
    """The list's rows read only what its columns show: the meetings' agendas and minutes stay in the database.

    Only the page's rows are narrowed; the admin actions get the full claims (cl.get_queryset) for the services.
    """

    def get_results(self, request):
        self.queryset = self.queryset.only(
            *selectors.ROW_FIELDS, "member__first_name", "member__last_name", "submitted_at"
        )
        super().get_results(request)


@admin.register(TravelClaim)
class TravelClaimAdmin(ServiceActionsMixin, admin.ModelAdmin):
    """Claims are read here; their state changes only through the approve and pay actions (the services)."""

    # One column for the trip's meeting or action day: each column costs every row a lookup and a formatting.
    list_display = ["number", "member", "trip_for", "status", "total", "submitted_at"]
    list_filter = ["status", "departure_at"]
    search_fields = ["member__first_name", "member__last_name"]
    list_select_related = ["member", "meeting", "action_day"]
    # Ten years hold 20 000 claims: the treasurer filters by status or date. Each row costs 0.25 ms to draw
    # (bench/profile_pages.py) over the 7.5 ms of the admin page itself, so 25 rows keep the page near 14 ms.
    list_per_page = 25
    # Newest first by the primary key: the model's -created_at has no index and sorted all 20 000 rows per page.
    ordering = ["-pk"]
    show_full_result_count = False  # a filtered list does not count the whole table a second time
    inlines = [ClaimLineInline, ClaimEventInline]
    actions = ["approve", "return_with_reason", "pay_today"]

    def get_changelist(self, request, **kwargs):
        return TravelClaimChangeList

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    @admin.display(description=_("Trip for"))
    def trip_for(self, claim):
        return claim.event

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Approve the selected claims"), permissions=["view"])
    def approve(self, request, queryset):
        self.run_service(request, queryset, services.claim_approve, "claim", _("%(count)d claim(s) approved."))

    @admin.action(description=_("Return the selected claims to their claimants"), permissions=["view"])
    def return_with_reason(self, request, queryset):
        """Asks for the reason on a page of its own, then returns each claim through the service."""
        form = ReturnForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            reason = form.cleaned_data["reason"]

            def give_back(*, acting_user, claim):
                return services.claim_return(claim=claim, acting_user=acting_user, reason=reason)

            self.run_service(request, queryset, give_back, "claim", _("%(count)d claim(s) returned."))
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Why are the claims returned?"),
            "claims": queryset,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/claims/return_reason.html", context)

    @admin.action(description=_("Mark the selected claims paid today"), permissions=["view"])
    def pay_today(self, request, queryset):
        def pay(*, acting_user, claim):
            return services.claim_pay(claim=claim, acting_user=acting_user, paid_on=timezone.localdate())

        self.run_service(request, queryset, pay, "claim", _("%(count)d claim(s) marked paid."))


@admin.register(PaymentBatch)
class PaymentBatchAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at", "created_by", "paid_on"]
    readonly_fields = ["created_at", "created_by", "paid_on"]

    def has_add_permission(self, request):
        return False
