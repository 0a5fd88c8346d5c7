from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from goals import services
from goals.models import ActivityKind, Goal, GoalAction, GoodPractice, Plan, Tag, Target, Training
from members.admin import ServiceActionsMixin
from members.models import Roster

# The plan's change page follows the plan document (the seed): its sections in order, each inline right after the
# section it belongs to (templates/admin/goals/plan/change_form.html places an inline after the fieldset numbered
# by its `after_section`).
SECTION_ACTIVITY, SECTION_GOALS = 4, 5


class ActivityKindInline(admin.TabularInline):
    model = ActivityKind
    fields = ["order", "text"]
    extra = 0
    verbose_name_plural = _("3.1 a. Kinds of the tutors' activity")
    after_section = SECTION_ACTIVITY


def _lines(text):
    return [line.strip().removeprefix("- ").strip() for line in text.splitlines() if line.strip()]


class GoalInlineForm(forms.ModelForm):
    """A row of the goals table: the goal, the group's actions and the results / target levels, one per line."""

    actions_text = forms.CharField(
        label=_("the group's actions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 26}),
        help_text=_("One action per line."),
    )
    targets_text = forms.CharField(
        label=_("results / target levels"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 26}),
        help_text=_("One per line. How each is measured is set on the goal's own page."),
    )

    class Meta:
        model = Goal
        fields = ["order", "title"]
        widgets = {"title": forms.Textarea(attrs={"rows": 4, "cols": 24})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["actions_text"] = "\n".join(action.text for action in self.instance.actions.all())
            self.initial["targets_text"] = "\n".join(target.text for target in self.instance.targets.all())

    def clean(self):
        cleaned = super().clean()
        for name, max_length in (
            ("actions_text", GoalAction._meta.get_field("text").max_length),
            ("targets_text", Target._meta.get_field("text").max_length),
        ):
            if any(len(line) > max_length for line in _lines(cleaned.get(name, ""))):
                self.add_error(name, _("A line may have at most %(count)d characters.") % {"count": max_length})
        return cleaned

    def save(self, commit=True):
        goal = super().save(commit=commit)
        if commit:
            self._save_lines(goal)
        else:
            save_m2m = self.save_m2m

            def save_m2m_and_lines():
                save_m2m()
                self._save_lines(goal)

            self.save_m2m = save_m2m_and_lines
        return goal

    def _save_lines(self, goal):
        if {"actions_text", "targets_text"} & set(self.changed_data):
            services.goal_lines_set(
                goal=goal,
                actions=_lines(self.cleaned_data.get("actions_text", "")),
                targets=_lines(self.cleaned_data.get("targets_text", "")),
            )


class GoalInline(admin.TabularInline):
    """The goals table on the plan's page; a target's measure and status are set on the goal's own page (the link)."""

    model = Goal
    form = GoalInlineForm
    fields = ["order", "title", "actions_text", "targets_text"]
    show_change_link = True
    extra = 0
    verbose_name_plural = _("3.2 Goals table")
    after_section = SECTION_GOALS

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("actions", "targets")


@admin.register(Plan)
class PlanAdmin(ServiceActionsMixin, admin.ModelAdmin):
    list_display = ["year", "title", "approved_on", "published"]
    list_filter = ["published"]
    search_fields = ["title", "year"]
    readonly_fields = ["roster_link"]
    fieldsets = [
        (_("The plan"), {"fields": ["year", "published"]}),
        (_("Title page"), {"fields": ["title", "subtitle", "approved_on"]}),
        (_("1. Introducing the group"), {"fields": ["introduction", "how_the_group_works"]}),
        (_("2. Members of the working group"), {"fields": ["roster_link", "publish_roster"]}),
        (_("3.1 Description of activity"), {"fields": ["activity_description", "activity_kinds_intro"]}),
        (_("3.2 Development goals"), {"fields": ["goals_heading"]}),
    ]
    inlines = [ActivityKindInline, GoalInline]
    actions = ["copy_to_next_year"]

    def view_on_site(self, plan):
        """Straight to the plan as members see it (a draft shows to the back office only)."""
        return plan.get_absolute_url()

    @admin.display(description=_("roster"))
    def roster_link(self, plan):
        roster = Roster.objects.filter(year=plan.year).first() if plan.year else None
        if roster is None:
            return _("The roster of this year has not been entered yet.")
        url = reverse("admin:members_roster_change", args=[roster.pk])
        return format_html('<a href="{}">{}</a>', url, _("The roster of %(year)d") % {"year": plan.year})

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
