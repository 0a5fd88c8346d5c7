"""Writes about plans and evidence: copying a plan to the next year, adding good practices and trainings."""

from django.db import transaction
from django.utils.translation import gettext as _

from digitutor.audit.models import Verb
from digitutor.audit.services import audit_record
from digitutor.errors import DomainError
from goals.models import ActivityKind, Goal, GoalAction, GoodPractice, Plan, Tag, Target, TargetStatus, Training
from members.models import Roster, RosterEntry

COPIED_FIELDS = [
    "title",
    "subtitle",
    "introduction",
    "how_the_group_works",
    "activity_description",
    "activity_kinds_intro",
    "goals_heading",
    "publish_roster",
]
# Headings that name the plan's year ("vuodelle 2022", "vuonna 2022"): the year moves with the copy, as in targets.
YEAR_HEADINGS = ["title", "goals_heading"]


def plan_copy(*, plan, year, acting_user):
    """Start a year from a plan: sections, kinds of activity, goals, actions and targets (not results) as a draft.

    The year's roster is rolled over from the plan's year for the chair to edit, unless it already exists.
    """
    with transaction.atomic():
        if Plan.objects.select_for_update().filter(year=year).exists():
            raise DomainError(_("There is already a plan for %(year)d.") % {"year": year})
        fields = {field: getattr(plan, field) for field in COPIED_FIELDS}
        fields.update({field: fields[field].replace(str(plan.year), str(year)) for field in YEAR_HEADINGS})
        new = Plan.objects.create(year=year, published=False, **fields)
        ActivityKind.objects.bulk_create(
            ActivityKind(plan=new, order=kind.order, text=kind.text) for kind in plan.activity_kinds.all()
        )
        for goal in plan.goals.prefetch_related("actions", "targets"):
            copy = Goal.objects.create(plan=new, order=goal.order, title=goal.title)
            GoalAction.objects.bulk_create(
                GoalAction(goal=copy, order=action.order, text=action.text) for action in goal.actions.all()
            )
            Target.objects.bulk_create(
                Target(
                    goal=copy,
                    order=target.order,
                    text=target.text.replace(str(plan.year), str(year)),
                    measure=target.measure,
                    target_number=target.target_number,
                    status=TargetStatus.NOT_STARTED,
                )
                for target in goal.targets.all()
            )
        _roster_roll_over(from_year=plan.year, to_year=year)
        audit_record(actor=acting_user, verb=Verb.PLAN_COPIED, target=new, detail=f"{plan.year} → {year}")
    return new


def _roster_roll_over(*, from_year, to_year):
    roster, created = Roster.objects.get_or_create(year=to_year)
    if not created:
        return roster
    entries = RosterEntry.objects.filter(
        roster__year=from_year, member__is_active=True, member__anonymised_at__isnull=True
    ).select_related("member")
    RosterEntry.objects.bulk_create(
        RosterEntry(
            roster=roster,
            member=entry.member,
            role=entry.role,
            library_id=entry.member.library_id,
            position=entry.position,
        )
        for entry in entries
    )
    return roster


def _tags_from(text):
    names = {name.strip().lower()[:50] for name in text.split(",") if name.strip()}
    return [Tag.objects.get_or_create(name=name)[0] for name in sorted(names)]


def practice_create(*, member, acting_user, title, description, meeting=None, tags=""):
    """A member shares a good practice of digital support."""
    if not title.strip():
        raise DomainError(_("A good practice needs a title."))
    with transaction.atomic():
        practice = GoodPractice.objects.create(
            title=title.strip(), description=description.strip(), shared_by=member, meeting=meeting
        )
        practice.tags.set(_tags_from(tags))
    return practice


def training_create(*, member, acting_user, title, date, shared_afterwards=""):
    """A member records a training they attended and what they shared afterwards."""
    return Training.objects.create(
        title=title.strip(),
        date=date,
        member=member,
        shared_afterwards=shared_afterwards.strip(),
        created_by=acting_user,
    )


def goal_lines_set(*, goal, actions, targets):
    """The goal's actions and results / target levels as the goals table's cells list them, one line each.

    Lines are matched by position: a changed line keeps its row (a target keeps its measure, number, status and note),
    a new line adds a row, and a row whose line was removed is deleted.
    """
    with transaction.atomic():
        _lines_set(
            goal.actions.select_for_update(), actions, lambda order, text: GoalAction(goal=goal, order=order, text=text)
        )
        _lines_set(
            goal.targets.select_for_update(), targets, lambda order, text: Target(goal=goal, order=order, text=text)
        )


def _lines_set(rows, lines, new_row):
    rows = list(rows.order_by("order", "pk"))
    for order, text in enumerate(lines, start=1):
        if order <= len(rows):
            row = rows[order - 1]
            if (row.order, row.text) != (order, text):
                row.order, row.text = order, text
                row.save(update_fields=["order", "text"])
        else:
            new_row(order, text).save()
    for row in rows[len(lines) :]:
        row.delete()
