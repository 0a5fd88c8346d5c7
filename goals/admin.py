from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from goals import services
from goals.models import ActivityKind, Goal, GoalAction, GoodPractice, Plan, Tag, Target, Training
from members.admin import ServiceActionsMixin


class ActivityKindInline(admin.TabularInline):
    model = ActivityKind
    fields = ["order", "text"]
    extra = 0


class GoalInline(admin.TabularInline):
    """The goals in order; each goal's actions and targets are edited on its own page (the link)."""

    model = Goal
    fields = ["order", "title"]
    show_change_link = True
    extra = 0


@admin.register(Plan)
class PlanAdmin(ServiceActionsMixin, admin.ModelAdmin):
    list_display = ["year", "title", "approved_on", "published"]
    list_filter = ["published"]
    search_fields = ["title", "year"]
    fieldsets = [
        (None, {"fields": ["year", "title", "subtitle", "approved_on", "heading", "published", "publish_roster"]}),
        (_("1. Introducing the group"), {"fields": ["introduction", "how_the_group_works"]}),
        (_("3. Operational goals"), {"fields": ["activity_description", "activity_kinds_intro", "goals_heading"]}),
    ]
    inlines = [ActivityKindInline, GoalInline]
    actions = ["copy_to_next_year"]

    @admin.action(description=_("Copy to the next year as a draft (and roll the roster over)"), permissions=["add"])
    def copy_to_next_year(self, request, queryset):
        def copy(*, acting_user, plan):
            return services.plan_copy(plan=plan, year=plan.year + 1, acting_user=acting_user)

        self.run_service(request, queryset, copy, "plan", _("%(count)d plan(s) copied."))


class GoalActionInline(admin.TabularInline):
    model = GoalAction
    fields = ["order", "text"]
    extra = 0


class TargetInline(admin.StackedInline):
    model = Target
    fields = [("order", "text"), ("measure", "target_number"), ("status", "note")]
    extra = 0


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "order"]
    list_filter = ["plan"]
    search_fields = ["title"]
    inlines = [GoalActionInline, TargetInline]


@admin.register(GoodPractice)
class GoodPracticeAdmin(admin.ModelAdmin):
    list_display = ["title", "shared_by", "meeting", "created_at"]
    list_filter = ["meeting", "tags"]
    search_fields = ["title", "description", "tags__name"]
    autocomplete_fields = ["shared_by"]
    list_select_related = ["shared_by", "meeting"]


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "member"]
    search_fields = ["title", "member__first_name", "member__last_name"]
    exclude = ["created_by"]
    readonly_fields = ["added_by"]
    autocomplete_fields = ["member"]

    @admin.display(description=_("added by"))
    def added_by(self, obj):
        return obj.created_by if obj.pk else "–"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]
