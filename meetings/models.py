"""Meetings with remote attendance, the attendance register, and the annual action day."""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from digitutor.addresses import address
from digitutor.markdown import RenderedMarkdownMixin
from digitutor.storage import private_storage, random_file_name, refuse_active_content
from meetings.when import meeting_span_text
from members.models import Member, municipality_field

# Agendas, slides and minutes; bigger files belong in the group's shared drive, linked from the agenda.
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    REMOTE = "remote", _("Remote")
    HYBRID = "hybrid", _("Hybrid (in person and remote)")


class MeetingStatus(models.TextChoices):
    """A meeting is drafted, then published (members invited), then held; or cancelled on the way."""

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


def may_see_drafts(user):
    """Drafts are the chair's (and a superuser's) alone: for anyone else they do not exist."""
    return user is not None and user.has_perm("meetings.change_meeting")


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The meetings the user may see: drafts only for those who may_see_drafts()."""
        if may_see_drafts(user):
            return self
        return self.exclude(status=MeetingStatus.DRAFT)

    def upcoming(self):
        """Published meetings that have not started: the ones members are invited to."""
        return self.filter(status=MeetingStatus.PUBLISHED, starts_at__gt=timezone.now())


class Meeting(RenderedMarkdownMixin, models.Model):
    """A meeting of the working group, in person, remote or both."""

    MARKDOWN_FIELDS = ("agenda", "minutes")

    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    format = models.CharField(_("format"), max_length=10, choices=MeetingFormat.choices, default=MeetingFormat.HYBRID)
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("venue address"), max_length=200, blank=True)
    venue_municipality = municipality_field(_("venue municipality"), blank=True)
    remote_link = models.URLField(_("remote joining link"), max_length=1000, blank=True)
    remote_instructions = models.TextField(_("instructions for remote attendance"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("Markdown: *italic*, **bold**, lists with -."))
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("Markdown: *italic*, **bold**, lists with -."))
    # The agenda and minutes as clean HTML, written by save() (digitutor/markdown.py); pages print these.
    agenda_html = models.TextField(editable=False, blank=True, default="")
    minutes_html = models.TextField(editable=False, blank=True, default="")
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT, editable=False
    )
    published_at = models.DateTimeField(_("invitations sent"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"),
        ]
        indexes = [models.Index(fields=["starts_at"])]

    def __str__(self):
        return self.name_with_day(date_format(timezone.localtime(self.starts_at), "SHORT_DATE_FORMAT"))

    def get_absolute_url(self):
        return address("meeting_detail", self.pk)

    def name_with_day(self, day):
        """The meeting's name as pages show it, its title and the day it starts (`day`, written already: a list of
        meetings writes their days with a short date format looked up once rather than once a meeting)."""
        return f"{self.title} ({day})"

    @property
    def answers_open(self):
        """Members may answer (and change their answer) until a published meeting starts."""
        return self.status == MeetingStatus.PUBLISHED and timezone.now() < self.starts_at

    @property
    def is_past(self):
        return self.ends_at < timezone.now()

    @property
    def has_venue(self):
        return self.format in (MeetingFormat.IN_PERSON, MeetingFormat.HYBRID)

    @property
    def is_remote_possible(self):
        return self.format in (MeetingFormat.REMOTE, MeetingFormat.HYBRID)

    @property
    def when_text(self):
        """The day and times as the portal writes them (meetings.when), for emails: "ti 15.3.2022 klo 13.00–15.30"."""
        return meeting_span_text(self)

    @property
    def location_text(self):
        """The venue as one line, as calendars show it."""
        parts = [self.venue_name, self.venue_address, self.get_venue_municipality_display()]
        place = ", ".join(part for part in parts if part)
        if self.format == MeetingFormat.REMOTE:
            return str(_("Remote meeting"))
        return place


def meeting_attachment_name(instance, filename):
    return random_file_name("meeting-attachments", filename)


class MeetingAttachment(models.Model):
    """A file for a meeting (slides, memo); members download it through a permission check."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), storage=private_storage, upload_to=meeting_attachment_name)
    original_name = models.CharField(_("original file name"), max_length=255, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # A new upload (also one replacing the file) brings its own name; an unchanged file keeps the old one.
        if self.file and (not self.original_name or not self.file._committed):
            self.original_name = self.file.name.rsplit("/", 1)[-1][:255]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return address("meeting_attachment", self.pk)

    def clean(self):
        if self.file and not self.file._committed:  # a new upload
            if self.file.size > MAX_ATTACHMENT_BYTES:
                raise ValidationError({"file": _("The attachment is larger than 10 MB.")}, code="size")
            try:
                refuse_active_content(self.file.file)
            except ValidationError as error:
                raise ValidationError({"file": error}) from error


class Answer(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    REMOTE = "remote", _("Remotely")
    NOT_COMING = "not_coming", _("Not coming")


class AttendanceAnswer(models.Model):
    """A member's answer before a meeting: in person, remotely or not coming."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="answers")
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="attendance_answers"
    )
    answer = models.CharField(_("answer"), max_length=12, choices=Answer.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("answered"), auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="one_answer_per_member")]
        # The meetings list counts each meeting's answers of one kind (meetings.selectors._count) from this alone.
        indexes = [models.Index(fields=["meeting", "answer"], name="answer_meeting_kind_idx")]

    def __str__(self):
        return f"{self.member}: {self.get_answer_display()}"


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    REMOTE = "remote", _("Remotely")


class AttendanceRecord(models.Model):
    """The attendance register: who actually attended a held meeting, and how."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="register")
    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="attendances")
    mode = models.CharField(_("attended"), max_length=10, choices=AttendanceMode.choices)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance register")
        ordering = ["member__last_name", "member__first_name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attended_once")]
        # The meetings list counts who attended a meeting in person and remotely (meetings.selectors._count).
        indexes = [models.Index(fields=["meeting", "mode"], name="attendance_meeting_mode_idx")]

    def __str__(self):
        return f"{self.member}: {self.get_mode_display()}"


class MeetingReminder(models.Model):
    """A reminder already sent: the unique row is what keeps cron from sending it twice."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="reminders")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="one_reminder_per_member")]

    def __str__(self):
        return f"{self.meeting}: {self.member}"


def new_feed_token():
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A member's personal calendar address; a new token revokes the old address."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.member)

    def get_absolute_url(self):
        return reverse("calendar_feed", kwargs={"token": self.token})
