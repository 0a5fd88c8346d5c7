"""Travel claims and what they draw on: the yearly rates, the budgets, receipts, audit events and payment batches."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digitutor.addresses import address
from digitutor.storage import private_storage, random_file_name
from meetings.actionday.models import ActionDay
from meetings.claims import rules
from meetings.models import Meeting
from members.models import Member

MONEY = {"max_digits": 10, "decimal_places": 2}
MAX_KM = 2000
# One receipt of one trip: a train or bus ticket across Finland, parking or a night's hotel stays well under this.
# A larger figure is almost surely a slip ("4,50" read as 450, an extra zero), and the treasurer would rather
# hear of a real one before the claim is sent than find it in a payment batch.
MAX_RECEIPT_COST = Decimal("1000")


class TravelRate(models.Model):
    """One year's maximum tax-free travel amounts (Verohallinto); a claim uses the year of its trip."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    car_per_km = models.DecimalField(_("own car, € per km"), max_digits=5, decimal_places=2)
    passenger_per_km = models.DecimalField(_("supplement per passenger, € per km"), max_digits=5, decimal_places=2)
    partial_per_diem = models.DecimalField(_("partial per diem (over 6 h), €"), **MONEY)
    full_per_diem = models.DecimalField(_("full per diem (over 10 h), €"), **MONEY)
    meal_allowance = models.DecimalField(_("meal allowance, €"), **MONEY)
    # Empty when the decision's figure could not be checked: no night travel allowance is then computed.
    night_travel_allowance = models.DecimalField(
        _("night travel allowance, €"),
        null=True,
        blank=True,
        help_text=_("Yömatkaraha. Leave empty if unknown: no night travel allowance is then computed."),
        **MONEY,
    )
    source = models.CharField(_("source"), max_length=300, help_text=_("The Tax Administration's decision."))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("travel rates")
        verbose_name_plural = _("travel rates")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)

    def as_rules(self):
        return rules.Rates(
            car_per_km=self.car_per_km,
            passenger_per_km=self.passenger_per_km,
            partial_per_diem=self.partial_per_diem,
            full_per_diem=self.full_per_diem,
            meal_allowance=self.meal_allowance,
            night_travel_allowance=self.night_travel_allowance,
        )


class FundingSource(models.TextChoices):
    AKE_GRANT = "ake_grant", _("AKE grant for meeting travel")
    TURKU_AKE = "turku_ake", _("Turku AKE for the action day")


class Budget(models.Model):
    """What a funding source has granted for a year."""

    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    source = models.CharField(_("funding source"), max_length=10, choices=FundingSource.choices)
    granted = models.DecimalField(_("granted (€)"), validators=[MinValueValidator(0)], **MONEY)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["-year", "source"]
        constraints = [models.UniqueConstraint(fields=["year", "source"], name="one_budget_per_year_and_source")]

    def __str__(self):
        return f"{self.year} {self.get_source_display()}"


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")
    PAID = "paid", _("Paid")


class AllowanceKind(models.TextChoices):
    NONE = rules.Allowance.NONE, _("No allowance")
    PARTIAL = rules.Allowance.PARTIAL, _("Partial per diem")
    FULL = rules.Allowance.FULL, _("Full per diem")
    MEAL = rules.Allowance.MEAL, _("Meal allowance")


class TripStart(models.TextChoices):
    HOME = "home", _("Home")
    WORKPLACE = "workplace", _("Workplace")


class PaymentBatch(models.Model):
    """Approved claims exported together for payment, then marked paid together."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    class Meta:
        verbose_name = _("payment batch")
        verbose_name_plural = _("payment batches")
        ordering = ["-created_at"]
        # The payments page lists the newest first a page at a time: read in this order, SQLite counts and sums the
        # claims of the page's batches only, not of every batch of ten years before sorting them.
        indexes = [models.Index(fields=["created_at", "id"], name="claims_batch_newest_idx")]

    def __str__(self):
        return _("Batch %(number)d") % {"number": self.pk}


def claim_number(pk, departure_year):
    """A claim's number (TravelClaim.number) from its key and the year its trip began in local time: 2022-0007."""
    return f"{departure_year}-{pk:04d}"


class TravelClaim(models.Model):
    """A member's claim for one trip to a meeting or the action day."""

    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="claims")
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, null=True, blank=True, related_name="claims"
    )
    action_day = models.ForeignKey(
        ActionDay, verbose_name=_("action day"), on_delete=models.PROTECT, null=True, blank=True, related_name="claims"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT, editable=False
    )
    departure_at = models.DateTimeField(_("departure"))
    return_at = models.DateTimeField(_("return"))
    trip_starts_from = models.CharField(
        _("the trip starts from"), max_length=10, choices=TripStart.choices, default=TripStart.HOME
    )
    start_place = models.CharField(_("start address"), max_length=200)
    route = models.CharField(_("route"), max_length=500, help_text=_("For example Pori – Turku – Pori."))
    distance_from_start_km = models.DecimalField(
        _("distance from the start to the destination (km)"),
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_KM)],
    )
    distance_from_other_km = models.DecimalField(
        _("distance from your other place (workplace or home) to the destination (km)"),
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_KM)],
    )
    free_meals = models.PositiveSmallIntegerField(_("free meals offered"), default=0, validators=[MaxValueValidator(3)])
    usual_meal_missed = models.BooleanField(_("the trip kept me from eating at my usual place"), default=False)
    # A trip of more than one travel day: the free meals of each travel day in order (the first is `free_meals`).
    free_meals_per_day = models.JSONField(_("free meals per travel day"), default=list, blank=True)
    free_lodging = models.BooleanField(_("accommodation was provided free of charge"), default=False)
    # Computed by the portal on every save; never typed.
    allowance_kind = models.CharField(
        _("allowance"), max_length=10, choices=AllowanceKind.choices, default=AllowanceKind.NONE, editable=False
    )
    allowance_amount = models.DecimalField(_("allowance (€)"), default=Decimal("0.00"), editable=False, **MONEY)
    total = models.DecimalField(_("total (€)"), default=Decimal("0.00"), editable=False, **MONEY)
    rates = models.ForeignKey(
        TravelRate, verbose_name=_("rates used"), on_delete=models.PROTECT, null=True, editable=False, related_name="+"
    )
    return_reason = models.TextField(_("reason for returning"), blank=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    # When the claimant declared, on submitting, that the information given is correct.
    declared_at = models.DateTimeField(_("declared correct"), null=True, blank=True, editable=False)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # Whom the claim is paid to, fixed when it is approved: a bank account changed afterwards does not redirect it.
    payee_name = models.CharField(_("payee"), max_length=200, blank=True, editable=False)
    payee_iban = models.CharField(_("payee's IBAN"), max_length=34, blank=True, editable=False)
    payee_bic = models.CharField(_("payee's BIC"), max_length=11, blank=True, editable=False)
    paid_on = models.DateField(_("paid on"), null=True, blank=True, editable=False)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("paid by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # The member asked that the approved, unpaid claim be paid to her current account (stored here as it was when
    # she asked); until the treasurer decides, the claim is not put into a payment batch.
    payee_change_iban = models.CharField(_("account asked for"), max_length=34, blank=True, editable=False)
    payee_change_requested_at = models.DateTimeField(_("account change asked"), null=True, blank=True, editable=False)
    # Whom the claim was paid to, kept with it for bookkeeping: written when it is paid, or when its claimant is
    # anonymised before that (their travel details then go, and the claim can still be paid).
    batch = models.ForeignKey(
        PaymentBatch,
        verbose_name=_("payment batch"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="claims",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("travel claim")
        verbose_name_plural = _("travel claims")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting__isnull=False, action_day__isnull=True)
                | Q(meeting__isnull=True, action_day__isnull=False),
                name="claim_for_one_event",
            ),
            models.CheckConstraint(condition=Q(return_at__gt=models.F("departure_at")), name="claim_returns_after"),
            # One claim per member per event; the condition keeps the other event's NULL out of the comparison.
            models.UniqueConstraint(
                fields=["member", "meeting"],
                condition=Q(meeting__isnull=False),
                name="one_claim_per_member_and_meeting",
            ),
            models.UniqueConstraint(
                fields=["member", "action_day"],
                condition=Q(action_day__isnull=False),
                name="one_claim_per_member_and_action_day",
            ),
        ]
        # A year's budget sums the claims whose trips began that year (departure_at__year is a range).
        indexes = [models.Index(fields=["status", "submitted_at"]), models.Index(fields=["departure_at"])]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return address("claim_detail", self.pk)

    @property
    def number(self):
        """The claim number on the printout and in the payment batch, e.g. 2022-0007."""
        return claim_number(self.pk, timezone.localtime(self.departure_at).year)

    @property
    def event(self):
        return self.meeting or self.action_day

    @property
    def funding_source(self):
        return FundingSource.AKE_GRANT if self.meeting_id else FundingSource.TURKU_AKE

    @property
    def payee_change_open(self):
        return self.payee_change_requested_at is not None

    @property
    def is_editable(self):
        return self.status in (ClaimStatus.DRAFT, ClaimStatus.RETURNED)


class LineKind(models.TextChoices):
    CAR = "car", _("Own car")
    TICKET = "ticket", _("Public transport ticket")
    PARKING = "parking", _("Parking")
    ACCOMMODATION = "lodging", _("Accommodation")
    OTHER = "other", _("Other cost")


# A claim line as the claimant writes it and the portal prices it: what the back office and "download my data" show.
LINE_FIELDS = [
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


class ClaimLine(models.Model):
    """One cost of the trip. A car line's amount is computed from the km; the others are what the receipt says."""

    claim = models.ForeignKey(TravelClaim, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(_("kind"), max_length=10, choices=LineKind.choices)
    km = models.DecimalField(
        _("kilometres"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(MAX_KM)],
    )
    passengers = models.PositiveSmallIntegerField(_("passengers"), default=0, validators=[MaxValueValidator(8)])
    # The printable claim names each passenger, the car and (if given) its registration number: the supplement is
    # paid per person carried, and the paying library's bookkeeping asks who they were.
    passenger_names = models.TextField(_("passengers' names"), blank=True, help_text=_("One name per line."))
    vehicle = models.CharField(_("vehicle"), max_length=100, blank=True)
    registration_number = models.CharField(_("registration number"), max_length=10, blank=True)
    cost = models.DecimalField(
        _("cost on the receipt (€)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_RECEIPT_COST)],
        **MONEY,
    )
    explanation = models.CharField(_("explanation"), max_length=300, blank=True)
    amount = models.DecimalField(_("amount (€)"), default=Decimal("0.00"), editable=False, **MONEY)

    class Meta:
        verbose_name = _("claim line")
        verbose_name_plural = _("claim lines")
        ordering = ["pk"]

    def __str__(self):
        return self.get_kind_display()

    @property
    def needs_receipt(self):
        return self.kind != LineKind.CAR

    @property
    def passenger_name_list(self):
        return split_names(self.passenger_names)


def split_names(text):
    """The names of a "one per line" text (commas are taken as line breaks too), without blanks."""
    return [name.strip() for name in (text or "").replace(",", "\n").splitlines() if name.strip()]


def receipt_file_name(instance, filename):
    return random_file_name("receipts", filename)


class Receipt(models.Model):
    """A receipt for one line: PDF, JPEG or PNG, checked by its content, stored privately."""

    line = models.OneToOneField(ClaimLine, on_delete=models.CASCADE, related_name="receipt")
    file = models.FileField(_("file"), storage=private_storage, upload_to=receipt_file_name)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return address("claim_receipt", self.pk)

    @property
    def file_is_missing(self):
        """The row is here but the file is not on disk (deleted by hand, or a restore without the media folder)."""
        return not self.file.storage.exists(self.file.name)


class ClaimEvent(models.Model):
    """The audit trail: every change of a claim's state, who made it and why."""

    claim = models.ForeignKey(TravelClaim, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    from_status = models.CharField(_("from"), max_length=10, choices=ClaimStatus.choices)
    to_status = models.CharField(_("to"), max_length=10, choices=ClaimStatus.choices)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("claim event")
        verbose_name_plural = _("claim events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.claim}: {self.from_status} → {self.to_status}"
