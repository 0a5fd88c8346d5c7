"""People of the working group: accounts, members, libraries, yearly rosters, invitations and join requests."""

import hashlib
import secrets
from functools import partialmethod

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from localflavor.generic.countries.sepa import IBAN_SEPA_COUNTRIES
from localflavor.generic.models import IBANField

from digitutor.addresses import address
from digitutor.backends import user_has_perm
from digitutor.roles import Role
from members.municipalities import municipality_choices, municipality_name


class UserManager(BaseUserManager):
    """Users are known by their email address, kept in lowercase."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who can log in; logs in with the email address."""

    username = None
    email = models.EmailField(_("email address"), unique=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def has_perm(self, perm, obj=None):
        """Django's answer, remembered on this object (so for one request) when asked without an object.

        A page asks the same permissions many times (the menu, the middleware, templates' ``perms``, the back
        office's app list and actions), and each question goes through every backend. The backends already keep
        what they read per object (rules the groups, ModelBackend the model permissions), so a remembered answer is
        the one they would give again; it is keyed on ``is_active`` and ``is_superuser``, which they read too. The
        first answer asks the backends made once per process (digitutor.backends.user_has_perm).
        """
        if obj is not None:
            return super().has_perm(perm, obj)
        return self._remembered(("perm", perm), user_has_perm, self, perm)

    def has_module_perms(self, app_label):
        return self._remembered(("module", app_label), super().has_module_perms, app_label)

    def _remembered(self, question, ask, *args):
        answers = self.__dict__.setdefault("_permission_answers", {})
        key = (*question, self.is_active, self.is_superuser)
        answer = answers.get(key)
        if answer is None:
            answer = answers[key] = ask(*args)
        return answer


def invitation_token_hash(token):
    """Invitations keep only a hash of their token, so a database copy cannot be used to log in."""
    return hashlib.sha256(token.encode()).hexdigest()


class Region(models.TextChoices):
    VARSINAIS_SUOMI = "varsinais-suomi", "Varsinais-Suomi"
    SATAKUNTA = "satakunta", "Satakunta"


class MunicipalityField(models.CharField):
    """A Finnish municipality of today's list (members.municipalities), stored by its key; never free text.

    The choices are read when used, in the page's language, so next year's list needs no schema change:
    migrations see a plain CharField (deconstruct). get_FOO_display() reads a dict instead of Django's generic
    lookup, which rebuilt a dict of all 300-odd choices on every call (0.3 ms each, 30 ms for 100 libraries).
    """

    def __init__(self, *args, **kwargs):
        kwargs["choices"] = municipality_choices
        kwargs.setdefault("max_length", 40)
        super().__init__(*args, **kwargs)

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        if isinstance(cls.__dict__.get(f"get_{self.name}_display"), partialmethod):  # Django's, not the model's own
            setattr(cls, f"get_{self.name}_display", _municipality_display(self.attname))

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        kwargs.pop("choices", None)
        return name, "django.db.models.CharField", args, kwargs

    def formfield(self, **kwargs):
        field = super().formfield(**kwargs)
        # A callable: the names in the language of the request that draws the form, not of the one that built it.
        field.choices = lambda: [("", "---------"), *municipality_choices()]
        return field


def _municipality_display(attname):
    def display(instance):
        return municipality_name(getattr(instance, attname))

    display.__name__ = f"get_{attname}_display"
    return display


def municipality_field(verbose_name, **kwargs):
    """A Finnish municipality of today's list; never free text."""
    return MunicipalityField(verbose_name, **kwargs)


class Library(models.Model):
    """A public library of the region, where members work."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    municipality = municipality_field(_("municipality"))
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    roster_name = models.CharField(
        _("name on the plan's roster"),
        max_length=60,
        blank=True,
        help_text=_("How the action plan writes the library after a name, e.g. AKE Turku. Empty: its municipality."),
    )

    class Meta:
        verbose_name = _("library")
        verbose_name_plural = _("libraries")
        ordering = ["name"]

    def __str__(self):
        return self.name


phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()-]{5,19}$", _("Enter a phone number with digits, spaces and an optional leading +.")
)


class MemberQuerySet(models.QuerySet):
    def not_anonymised(self):
        return self.filter(anonymised_at__isnull=True)


class Member(models.Model):
    """A person of the working group, with or without an account yet."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="member",
    )
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("email address"), unique=True)
    library = models.ForeignKey(
        Library, verbose_name=_("library"), on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="fi"
    )
    is_active = models.BooleanField(_("active"), default=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return address("member_detail", self.pk)

    @property
    def full_name(self):
        return full_name(self.first_name, self.last_name)


def full_name(first_name, last_name):
    """A person's name as the pages show it (a member's full_name), for lists read without model instances."""
    return f"{first_name} {last_name}".strip()


def mask_iban(iban):
    """Only the country and the last four characters show: FI•• •••• •••• •••• 1234."""
    if not iban:
        return ""
    compact = iban.replace(" ", "")
    hidden = compact[:2] + "•" * (len(compact) - 6) + compact[-4:]
    return " ".join(hidden[i : i + 4] for i in range(0, len(hidden), 4))


class TravelDetails(models.Model):
    """A member's private travel details: only the member and the treasurer may read them."""

    member = models.OneToOneField(
        Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="travel_details"
    )
    home_address = models.CharField(_("home address"), max_length=200, blank=True)
    home_municipality = municipality_field(_("home municipality"), blank=True)
    iban = IBANField(_("bank account (IBAN)"), include_countries=IBAN_SEPA_COUNTRIES, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("travel details")
        verbose_name_plural = _("travel details")

    def __str__(self):
        return str(self.member)

    @property
    def iban_masked(self):
        return mask_iban(self.iban)


class PersonalDataChange(models.Model):
    """Who changed which field of someone's details, and when; never the values themselves."""

    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)
    field_name = models.CharField(_("field"), max_length=50)

    class Meta:
        verbose_name = _("change of personal details")
        verbose_name_plural = _("changes of personal details")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.member}: {self.field_name}"


class Roster(models.Model):
    """The working group's members in one year, as that year's action plan lists them."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("roster")
        verbose_name_plural = _("rosters")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)

    def get_absolute_url(self):
        return f"{address('member_list')}?year={self.year}"


class RosterRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")


class RosterEntry(models.Model):
    """One person on one year's roster. The library is kept as it was that year."""

    roster = models.ForeignKey(Roster, verbose_name=_("roster"), on_delete=models.CASCADE, related_name="entries")
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="roster_entries"
    )
    role = models.CharField(_("role"), max_length=10, choices=RosterRole.choices, default=RosterRole.MEMBER)
    library = models.ForeignKey(
        Library,
        verbose_name=_("library that year"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Left empty, the member's current library is filled in."),
    )
    position = models.PositiveSmallIntegerField(
        _("order on the plan"),
        default=0,
        help_text=_("The action plan lists its roster in this order; entries with the same number go by name."),
    )

    class Meta:
        verbose_name = _("roster entry")
        verbose_name_plural = _("roster entries")
        ordering = ["roster", "member__last_name", "member__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["roster", "member"], name="roster_member_once"),
            models.UniqueConstraint(fields=["roster"], condition=Q(role="chair"), name="roster_one_chair"),
        ]

    def __str__(self):
        return f"{self.roster}: {self.member}"

    def save(self, *args, **kwargs):
        if self.library_id is None and self.member_id is not None:
            self.library_id = self.member.library_id
        super().save(*args, **kwargs)


class InvitationQuerySet(models.QuerySet):
    def usable(self):
        """Sent, not used, revoked or expired, and still for the address it was sent to."""
        return (
            self.filter(
                accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now(), member__is_active=True
            )
            .filter(email=models.F("member__email"))
            .exclude(email="")
        )


class Invitation(models.Model):
    """An invitation sent by the chair: the only way a person gets an account."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Not sent")
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    # Bound when sent: the link works only while the member's address is still this one, and for this account.
    email = models.EmailField(_("sent to"), blank=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("existing account"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text=_("The account that existed for the address when the invitation was sent; its owner must log in."),
    )
    token_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True, editable=False)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.member} <{self.member.email}>"

    @property
    def status(self):
        if self.accepted_at:
            return self.Status.ACCEPTED
        if self.revoked_at:
            return self.Status.REVOKED
        if not self.sent_at:
            return self.Status.DRAFT
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.SENT

    def new_token(self):
        """Give the invitation a fresh token (any earlier link stops working) and return it in clear."""
        token = secrets.token_urlsafe(32)
        self.token_hash = invitation_token_hash(token)
        return token


class JoinRequest(models.Model):
    """A request from the public form to join the group; the chair accepts or declines it."""

    class Status(models.TextChoices):
        NEW = "new", _("Waiting")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    library = models.CharField(_("library"), max_length=200)
    email = models.EmailField(_("email address"))
    message = models.TextField(_("message"), max_length=2000, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW, editable=False)
    decline_reason = models.TextField(_("reason for declining"), blank=True, editable=False)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True, editable=False)
    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="join_requests",
    )

    class Meta:
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.first_name} {self.last_name} <{self.email}>"
