"""The yearly action plan (toimintasuunnitelma), its goals table, and the evidence members add."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from digitutor.addresses import address
from digitutor.markdown import RenderedMarkdownMixin
from meetings.models import Meeting
from members.models import Member

MARKDOWN_HELP = _("Markdown: *italic*, **bold**, lists with -.")


class Plan(RenderedMarkdownMixin, models.Model):
    """One year's action plan, as the chair writes it and the group approves it."""

    MARKDOWN_FIELDS = ("introduction", "how_the_group_works", "activity_description")

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    # One title: the seed has two lines that look like titles, the letterhead "Digitutorien työryhmä
    # toimintasuunnitelma" (the same on every year's plan, so the page prints it, not the data) and the plan's own
    # title naming its year. They were two fields, "title" and "heading", until goals/0003 merged them.
    title = models.CharField(
        _("title"), max_length=200, help_text=_("e.g. Digitutorien työryhmän toimintasuunnitelma vuodelle 2022")
    )
    subtitle = models.CharField(_("subtitle"), max_length=200, blank=True)
    approved_on = models.DateField(_("date of approval"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=False)
    publish_roster = models.BooleanField(
        _("show the roster's names to everyone"),
        default=False,
        help_text=_("Otherwise only logged-in members see the names."),
    )
    introduction = models.TextField(_("1. Introducing the group"), blank=True, help_text=MARKDOWN_HELP)
    how_the_group_works = models.TextField(
        _("how the group works"), blank=True, help_text=_("Meetings, remote attendance, travel costs, the action day.")
    )
    activity_description = models.TextField(_("3.1 Description of activity"), blank=True, help_text=MARKDOWN_HELP)
    activity_kinds_intro = models.CharField(
        _("heading of the activity kinds"), max_length=200, blank=True, help_text=_("e.g. Tutorien toimintaa on")
    )
    goals_heading = models.CharField(
        _("heading of the goals table"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Kehittämistavoitteet vuonna 2022"),
    )
    # The Markdown sections as clean HTML, written by save() (digitutor/markdown.py); the plan page prints these.
    introduction_html = models.TextField(editable=False, blank=True, default="")
    how_the_group_works_html = models.TextField(editable=False, blank=True, default="")
    activity_description_html = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}: {self.title}"

    def get_absolute_url(self):
        return address("plan_detail", self.year)


class ActivityKind(models.Model):
    """One kind of the tutors' activity (3.1 a.)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activity_kinds")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("activity"), max_length=300)

    class Meta:
        verbose_name = _("kind of activity")
        verbose_name_plural = _("kinds of activity")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text


class Goal(models.Model):
    """A row of the goals table: the goal, the group's actions to reach it, and its results / target levels."""

    plan = models.ForeignKey(Plan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="goals")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("goal"), max_length=300)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["plan", "order", "pk"]

    def __str__(self):
        return self.title


class GoalAction(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("the group's action"), max_length=300)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("the group's actions")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text


class Measure(models.TextChoices):
    NONE = "", _("Followed by hand")
    MEETINGS_HELD = "meetings_held", _("Meetings held in the year")
    PRACTICES_SHARED = "practices_shared", _("Good practices shared at meetings")
    TRAININGS_ATTENDED = "trainings_attended", _("Trainings attended by members")
    ACTION_DAY_PARTS = "action_day_parts", _("Action-day parts given by members")
    MEMBERS_SHARING = "members_sharing", _("Members who have shared their skills")


class TargetStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")


class Target(models.Model):
    """A result or target level: measured by the portal from its own data, or followed by hand."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="targets")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("result / target level"), max_length=300)
    measure = models.CharField(_("measured by"), max_length=20, choices=Measure.choices, blank=True, default="")
    target_number = models.PositiveIntegerField(
        _("target number"), null=True, blank=True, validators=[MaxValueValidator(100000)]
    )
    status = models.CharField(
        _("status (when followed by hand)"),
        max_length=15,
        choices=TargetStatus.choices,
        default=TargetStatus.NOT_STARTED,
    )
    note = models.TextField(_("chair's note"), blank=True)

    class Meta:
        verbose_name = _("result / target level")
        verbose_name_plural = _("results / target levels")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=50, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name


class GoodPractice(RenderedMarkdownMixin, models.Model):
    """A good practice of digital support, shared by a member: the group's shared knowledge."""

    MARKDOWN_FIELDS = ("description",)

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=10000, help_text=MARKDOWN_HELP)
    description_html = models.TextField(editable=False, blank=True, default="")  # written by save()
    shared_by = models.ForeignKey(
        Member, verbose_name=_("shared by"), on_delete=models.PROTECT, related_name="good_practices"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("shared at the meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="good_practices",
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="practices")
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return address("practice_detail", self.pk)


class Training(models.Model):
    """A training a member attended, and what they shared with the others afterwards."""

    title = models.CharField(_("training"), max_length=200)
    date = models.DateField(_("date"))
    member = models.ForeignKey(Member, verbose_name=_("attended"), on_delete=models.PROTECT, related_name="trainings")
    shared_afterwards = models.TextField(_("what was shared afterwards"), blank=True, max_length=5000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.title
