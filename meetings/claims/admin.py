"""The back office for claims: the treasurer keeps rates and budgets; decisions go through the same services."""

from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.templatetags.admin_list import ResultList
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import quote
from django.contrib.admin.views.main import ChangeList
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from digitutor.audit.admin import AuditedAdminMixin
from digitutor.templatetags.formatting import escape_text
from meetings.claims import selectors, services
from meetings.claims.forms import ReturnForm
from meetings.claims.models import LINE_FIELDS, Budget, ClaimEvent, ClaimLine, PaymentBatch, TravelClaim, TravelRate
from meetings.claims.templatetags.claim_rows import amount_formatter
from members.admin import ServiceActionsMixin


@admin.register(TravelRate)
class TravelRateAdmin(AuditedAdminMixin, admin.ModelAdmin):
    audit_value_fields = (
        "year",
        "car_per_km",
        "passenger_per_km",
        "partial_per_diem",
        "full_per_diem",
        "meal_allowance",
        "night_travel_allowance",
    )
    list_display = audit_value_fields
    search_fields = ["year", "source", "note"]


@admin.register(Budget)
class BudgetAdmin(AuditedAdminMixin, admin.ModelAdmin):
    audit_value_fields = ("year", "source", "granted")
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
    fields = LINE_FIELDS


class ClaimEventInline(ClaimPartInline):
    model = ClaimEvent
    fields = ["at", "actor", "from_status", "to_status", "reason"]


class TravelClaimChangeList(ChangeList):
    """The list's rows read only what its columns show: the meetings' agendas and minutes stay in the database.

    Only the page's rows are narrowed; the admin actions get the full claims (cl.get_queryset) for the services.
    """

    KEY_PLACEHOLDER = "__key__"

    def get_results(self, request):
        self.queryset = self.queryset.only(*selectors.ROW_FIELDS, "member__first_name", "member__last_name")
        super().get_results(request)

    def change_url_with_placeholder(self):
        """Django's address of a row's change page with a placeholder for the key, reversed once a page."""
        if not hasattr(self, "_change_url"):
            self._change_url = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                args=(self.KEY_PLACEHOLDER,),
                current_app=self.model_admin.admin_site.name,
            )
        return self._change_url

    def url_for_result(self, result):
        """Django's address of a row's change page, reversed once a page with a placeholder instead of once a row."""
        return self.change_url_with_placeholder().replace(self.KEY_PLACEHOLDER, str(quote(result.pk)))

    def rows(self):
        """The cells of each row as Django's admin_list.items_for_result writes them for TravelClaimAdmin's columns,
        written at once: Django looks up and formats every cell through four functions, 35 µs a cell."""
        empty = self.model_admin.get_empty_value_display()
        statuses = {value: str(label) for value, label in self.model._meta.get_field("status").flatchoices}
        change_url = add_preserved_filters(
            {"preserved_filters": self.preserved_filters, "opts": self.opts}, self.change_url_with_placeholder()
        )
        amount_of = amount_formatter()
        # Django's action checkbox (ModelAdmin.action_checkbox), its label translated once a page, not once a row.
        checkbox_label = gettext("Select this object for an action - {}")
        for claim in self.result_list:
            event, number = claim.event, escape_text(claim.number)  # the number is also the claim's str()
            url = change_url.replace(self.KEY_PLACEHOLDER, str(quote(claim.pk)))
            cells = [
                f'<td class="action-checkbox"><input type="checkbox" name="{ACTION_CHECKBOX_NAME}" '
                f'value="{escape_text(claim.pk)}" class="action-select" '
                f'aria-label="{checkbox_label.format(number)}"></td>',
                f'<th class="field-claim_number"><a href="{escape_text(url)}">{number}</a></th>',
                f'<td class="field-member nowrap">{escape_text(claim.member)}</td>',
                f'<td class="field-trip_for">{escape_text(event) if event is not None else empty}</td>',
                f'<td class="field-status">{escape_text(statuses.get(claim.status, empty))}</td>',
                f'<td class="field-total">{amount_of(claim.total)}</td>',
            ]
            # One item holding the row's cells: change_list_results.html writes a row's items one after the other.
            yield ResultList(None, [mark_safe("".join(cells))])


@admin.register(TravelClaim)
class TravelClaimAdmin(ServiceActionsMixin, admin.ModelAdmin):
    """Claims are read here; their state changes only through the approve and pay actions (the services)."""

    # The rows are written by TravelClaimChangeList.rows(), which follows these columns.
    # Five narrow columns fit a 1280 px window (issue 17); when it was submitted and the rest are on the change page.
    # One column for the trip's meeting or action day: each column costs every row a lookup and a formatting.
    list_display = ["claim_number", "member", "trip_for", "status", "total"]
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

    def changelist_view(self, request, extra_context=None):
        """The list without the back office's side menu: the breadcrumbs lead back, the table gets the width it
        needs at 1280 px (issue 17), and the page does not draw the menu of every model (2 ms a page)."""
        return super().changelist_view(request, {"is_nav_sidebar_enabled": False, **(extra_context or {})})

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    # A short heading: the list's title already says these are travel claims.
    @admin.display(description=_("number"), ordering="pk")
    def claim_number(self, claim):
        return claim.number

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
    list_display = ["__str__", "created_at", "made_by", "paid_on"]
    list_select_related = ["created_by"]
    exclude = ["created_by"]
    readonly_fields = ["created_at", "made_by", "paid_on"]

    @admin.display(description=_("made by"), ordering="created_by")
    def made_by(self, batch):
        return batch.created_by

    def has_add_permission(self, request):
        return False
