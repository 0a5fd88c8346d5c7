"""The group's yearly action day: programme, registrations (members and other library staff) and costs."""

import secrets
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from digitutor.addresses import address
from digitutor.markdown import RenderedMarkdownMixin
from meetings.when import day_and_times
from members.models import Member, municipality_field

HELSINKI = ZoneInfo("Europe/Helsinki")


class ActionDay(RenderedMarkdownMixin, models.Model):
    """The group's yearly action day (toimintapäivä), open to other library staff too; Turku AKE pays."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    theme = models.CharField(_("theme"), max_length=200)
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts"), null=True, blank=True)
    ends_at = models.TimeField(_("ends"), null=True, blank=True)
    venue_name = models.CharField(_("venue"), max_length=200)
    venue_address = models.CharField(_("venue address"), max_length=200, blank=True)
    venue_municipality = municipality_field(_("venue municipality"), blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_html = models.TextField(editable=False, blank=True, default="")
    capacity = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    registration_open = models.BooleanField(_("registration open"), default=False)
    budget = models.DecimalField(
        _("budget (€)"), max_digits=10, decimal_places=2, default=Decimal("0.00"), validators=[MinValueValidator(0)]
    )
    published = models.BooleanField(_("published"), default=False)

    MARKDOWN_FIELDS = ("description",)

    class Meta:
        verbose_name = _("action day")
        verbose_name_plural = _("action days")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(starts_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="action_day_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.year}: {self.theme}"

    def get_absolute_url(self):
        return address("action_day", self.year)

    @property
    def starts(self):
        """The start as an aware Europe/Helsinki datetime, or None when only the date is known."""
        return datetime.combine(self.date, self.starts_at, HELSINKI) if self.starts_at else None

    @property
    def ends(self):
        return datetime.combine(self.date, self.ends_at, HELSINKI) if self.starts_at and self.ends_at else None

    @property
    def when_text(self):
        """The day and times as the portal writes them (meetings.when): "ti 19.5.2026 klo 9.00–15.30"."""
        return day_and_times(self.date, self.starts_at, self.ends_at)

    @property
    def venue_text(self):
        """The venue with its street address and town."""
        parts = [self.venue_name, self.venue_address, self.get_venue_municipality_display()]
        return ", ".join(part for part in parts if part)


class ProgrammeItem(models.Model):
    """A part of the action day's programme; members' own parts show who gives them."""

    action_day = models.ForeignKey(
        ActionDay, verbose_name=_("action day"), on_delete=models.CASCADE, related_name="programme"
    )
    starts_at = models.TimeField(_("starts"))
    ends_at = models.TimeField(_("ends"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    presenters = models.ManyToManyField(
        Member, verbose_name=_("presenters from the group"), blank=True, related_name="programme_items"
    )
    outside_presenters = models.CharField(_("outside presenters"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme")
        ordering = ["starts_at", "pk"]

    def __str__(self):
        return f"{self.starts_at:%H.%M} {self.title}"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")


def new_cancel_token():
    return secrets.token_urlsafe(32)


# An erased registration's address: unique per row (one registration per address and day), never deliverable.
ERASED_EMAIL_DOMAIN = "erased.invalid"


class RegistrationQuerySet(models.QuerySet):
    def not_erased(self):
        return self.exclude(email__endswith=f"@{ERASED_EMAIL_DOMAIN}")


class Registration(models.Model):
    """A person registered for the action day: a member or other library staff without an account."""

    action_day = models.ForeignKey(
        ActionDay, verbose_name=_("action day"), on_delete=models.CASCADE, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=200)
    library = models.CharField(_("library"), max_length=200)
    email = models.EmailField(_("email address"))
    dietary_needs = models.CharField(_("dietary needs"), max_length=300, blank=True)
    consent = models.BooleanField(_("consent to store the data"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices, editable=False)
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancel_token = models.CharField(max_length=64, unique=True, default=new_cancel_token, editable=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    # Set when the registrant opens the emailed link and confirms: the address is theirs. A place held without it is
    # released to the waiting list after ACTION_DAY_CONFIRMATION_HOURS (services.registrations_release_unconfirmed).
    confirmed_at = models.DateTimeField(_("address confirmed"), null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True, editable=False)
    # The page's language when they registered: the confirmation reminder sent later from cron is written in it.
    language = models.CharField(_("language"), max_length=10, blank=True, editable=False)
    # The one reminder before the confirmation time runs out (services.registrations_remind_unconfirmed).
    confirmation_reminded_at = models.DateTimeField(_("reminded to confirm"), null=True, blank=True, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["action_day", "email"],
                condition=~Q(status="cancelled"),
                name="one_registration_per_email",
            ),
            models.CheckConstraint(condition=Q(consent=True), name="registration_needs_consent"),
        ]
        # A member's registrations include those made with her address before she logged in, matched in any case
        # (action_days_attended, the new claim form's options): without it every drawing read all registrations.
        indexes = [models.Index(Upper("email"), name="registration_email_upper_idx")]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    def get_cancel_url(self):
        return reverse("registration_cancel", kwargs={"token": self.cancel_token})

    def get_confirm_url(self):
        return reverse("registration_confirm", kwargs={"token": self.cancel_token})


class CostCategory(models.TextChoices):
    VENUE = "venue", _("Venue")
    CATERING = "catering", _("Catering")
    SPEAKERS = "speakers", _("Speakers")
    MATERIALS = "materials", _("Materials")
    TRAVEL = "travel", _("Travel")
    OTHER = "other", _("Other")


class CostLine(models.Model):
    """One cost of the action day, planned and actual, against the day's budget."""

    action_day = models.ForeignKey(
        ActionDay, verbose_name=_("action day"), on_delete=models.CASCADE, related_name="cost_lines"
    )
    category = models.CharField(_("category"), max_length=10, choices=CostCategory.choices)
    description = models.CharField(_("description"), max_length=200)
    planned = models.DecimalField(
        _("planned (€)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)], default=Decimal("0.00")
    )
    actual = models.DecimalField(
        _("actual (€)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)], null=True, blank=True
    )

    class Meta:
        verbose_name = _("cost line")
        verbose_name_plural = _("costs")
        ordering = ["category", "pk"]

    def __str__(self):
        return self.description
