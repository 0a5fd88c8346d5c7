"""Writes about the action day: registrations, the waiting list, their emails, and their erasure."""

from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models.functions import Cast, Concat
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitutor.errors import DomainError
from digitutor.mail import absolute_url, send_templated_email
from meetings.actionday.calendar import action_day_ics
from meetings.actionday.models import ERASED_EMAIL_DOMAIN, ActionDay, Registration, RegistrationStatus

ICS_MIMETYPE = "text/calendar; charset=utf-8; method=PUBLISH"


def _registration_mail(registration, template, subject):
    """One email about a registration, with the day's times, venue and calendar file."""
    context = {
        "registration": registration,
        "action_day": registration.action_day,
        "cancel_url": absolute_url(registration.get_cancel_url()),
        "confirm_url": absolute_url(registration.get_confirm_url()),
        "confirmation_hours": settings.DIGITUTOR_ACTION_DAY_CONFIRMATION_HOURS,
        "page_url": absolute_url(registration.action_day.get_absolute_url()),
    }
    language = translation.get_language() or settings.LANGUAGE_CODE
    send_templated_email(
        to=[registration.email],
        language=language,
        subject=subject,
        template=template,
        context=context,
        attachments=[("action-day.ics", action_day_ics(registration.action_day), ICS_MIMETYPE)],
    )


def registration_create(*, action_day, name, library, email, dietary_needs, consent, member=None):
    """Register for the action day: a place while there are places, otherwise the waiting list."""
    if not consent:
        raise DomainError(_("Registration needs your consent to store the data."))
    email = email.strip().lower()
    with transaction.atomic():
        action_day = ActionDay.objects.select_for_update().get(pk=action_day.pk)
        if not (action_day.published and action_day.registration_open):
            raise DomainError(_("Registration for this action day is not open."))
        if action_day.date < timezone.localdate():
            raise DomainError(_("This action day is already over."))
        active = action_day.registrations.exclude(status=RegistrationStatus.CANCELLED)
        if active.filter(email=email).exists():
            raise DomainError(_("This email address is already registered for the action day."))
        confirmed = active.filter(status=RegistrationStatus.CONFIRMED).count()
        status = RegistrationStatus.CONFIRMED if confirmed < action_day.capacity else RegistrationStatus.WAITING
        registration = Registration.objects.create(
            action_day=action_day,
            name=name.strip(),
            library=library.strip(),
            email=email,
            dietary_needs=dietary_needs.strip(),
            consent=True,
            status=status,
            member=member,
            language=translation.get_language() or "",
            # A member logged in with their own address needs no link to prove it.
            confirmed_at=timezone.now() if member is not None and member.email.strip().lower() == email else None,
        )
        if status == RegistrationStatus.CONFIRMED:
            subject = gettext_lazy("Your place at the action day is confirmed")
            template = "actionday/email/registration_confirmed.txt"
        else:
            subject = gettext_lazy("You are on the waiting list for the action day")
            template = "actionday/email/registration_waiting.txt"
        transaction.on_commit(lambda: _registration_mail(registration, template, subject))
    return registration


def registration_get_by_token(*, token):
    return Registration.objects.select_related("action_day").filter(cancel_token=token).first()


def registration_cancel(*, token):
    """Cancel with the personal link; the first on the waiting list moves up and is told so."""
    with transaction.atomic():
        registration = Registration.objects.filter(cancel_token=token).first()
        if registration is None:
            raise DomainError(_("The cancellation link is not valid."))
        return _cancel(registration)


def registration_cancel_own(*, action_day, acting_user):
    """A logged-in person cancels their own registration in the portal (the one with their address)."""
    with transaction.atomic():
        registration = (
            action_day.registrations.exclude(status=RegistrationStatus.CANCELLED)
            .filter(email=acting_user.email.strip().lower())
            .first()
        )
        if registration is None:
            raise DomainError(_("You have no registration for this action day to cancel."))
        return _cancel(registration)


def _cancel(registration):
    """Cancel inside the caller's transaction, the day locked; a freed place goes to the first on the waiting list."""
    action_day = ActionDay.objects.select_for_update().get(pk=registration.action_day_id)
    registration.refresh_from_db()
    if registration.status == RegistrationStatus.CANCELLED:
        raise DomainError(_("This registration has already been cancelled."))
    if action_day.date < timezone.localdate():
        raise DomainError(_("This action day is already over."))
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    promoted = _promote_first_waiting(action_day) if was_confirmed else None
    return registration, promoted


def _promote_first_waiting(action_day):
    """Give a freed place to the first on the waiting list, who is told so; return them, or None."""
    promoted = action_day.registrations.filter(status=RegistrationStatus.WAITING).order_by("created_at", "pk").first()
    if promoted is not None:
        promoted.status = RegistrationStatus.CONFIRMED
        promoted.save(update_fields=["status"])
        transaction.on_commit(
            lambda: _registration_mail(
                promoted,
                "actionday/email/registration_promoted.txt",
                gettext_lazy("A place at the action day has opened for you"),
            )
        )
    return promoted


def registration_confirm(*, token):
    """The registrant confirms through the emailed link that the address is theirs: their place is kept."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().filter(cancel_token=token).first()
        if registration is None:
            raise DomainError(_("The confirmation link is not valid."))
        if registration.status == RegistrationStatus.CANCELLED:
            raise DomainError(_("This registration has already been cancelled."))
        if registration.confirmed_at is None:
            registration.confirmed_at = timezone.now()
            registration.save(update_fields=["confirmed_at"])
            transaction.on_commit(
                lambda: _registration_mail(
                    registration,
                    "actionday/email/registration_address_confirmed.txt",
                    gettext_lazy("Your action-day registration is confirmed"),
                )
            )
    return registration


def registration_confirmation_deadline(now=None):
    """Registrations made before this and still unconfirmed are released."""
    return (now or timezone.now()) - timedelta(hours=settings.DIGITUTOR_ACTION_DAY_CONFIRMATION_HOURS)


def registrations_release_unconfirmed(*, now=None):
    """Cancel registrations left unconfirmed past the deadline; their places go to the waiting list. Return how many.

    Only days still to come: a past day's list is its record.
    """
    deadline = registration_confirmation_deadline(now)
    released = 0
    stale = Registration.objects.filter(
        confirmed_at__isnull=True, created_at__lt=deadline, action_day__date__gte=timezone.localdate()
    ).exclude(status=RegistrationStatus.CANCELLED)
    for action_day_pk in stale.values_list("action_day", flat=True).distinct().order_by():
        with transaction.atomic():
            action_day = ActionDay.objects.select_for_update().get(pk=action_day_pk)
            expired = list(stale.filter(action_day=action_day).select_for_update())
            freed = sum(registration.status == RegistrationStatus.CONFIRMED for registration in expired)
            for registration in expired:
                registration.status = RegistrationStatus.CANCELLED
                registration.cancelled_at = timezone.now()
                registration.save(update_fields=["status", "cancelled_at"])
            released += len(expired)
            for _place in range(freed):
                if _promote_first_waiting(action_day) is None:
                    break
    return released


def registration_language(registration):
    """The language the registrant used on the portal (a member: the one they chose), else Finnish."""
    languages = {code for code, _name in settings.LANGUAGES}
    if registration.language in languages:
        return registration.language
    if registration.member is not None and registration.member.preferred_language in languages:
        return registration.member.preferred_language
    return settings.LANGUAGE_CODE


def _reminder_mail(registration):
    expires_at = registration.created_at + timedelta(hours=settings.DIGITUTOR_ACTION_DAY_CONFIRMATION_HOURS)
    send_templated_email(
        to=[registration.email],
        language=registration_language(registration),
        subject=gettext_lazy("Confirm your registration for the action day"),
        template="actionday/email/registration_confirmation_reminder.txt",
        context={
            "registration": registration,
            "action_day": registration.action_day,
            "expires_at": expires_at,
            "confirm_url": absolute_url(registration.get_confirm_url()),
            "cancel_url": absolute_url(registration.get_cancel_url()),
            "page_url": absolute_url(registration.action_day.get_absolute_url()),
        },
    )


def registrations_remind_unconfirmed(*, now=None):
    """Remind, once, each registrant whose confirmation time has ACTION_DAY_CONFIRMATION_REMINDER_HOURS or less left.

    Return how many were reminded. However often it runs, nobody gets a second reminder; a registration that is
    confirmed, cancelled or already past its time gets none.
    """
    now = now or timezone.now()
    hours = settings.DIGITUTOR_ACTION_DAY_CONFIRMATION_HOURS
    left = min(settings.DIGITUTOR_ACTION_DAY_CONFIRMATION_REMINDER_HOURS, hours)
    with transaction.atomic():
        due = list(
            Registration.objects.select_for_update(of=("self",))
            .select_related("action_day", "member")
            .filter(
                confirmed_at__isnull=True,
                confirmation_reminded_at__isnull=True,
                created_at__lte=now - timedelta(hours=hours - left),
                created_at__gt=now - timedelta(hours=hours),
                action_day__date__gte=timezone.localdate(now),
            )
            .exclude(status=RegistrationStatus.CANCELLED)
            .order_by("pk")
        )
        for registration in due:
            registration.confirmation_reminded_at = now
            registration.save(update_fields=["confirmation_reminded_at"])
            transaction.on_commit(lambda registration=registration: _reminder_mail(registration))
    return len(due)


def registrations_erase(*, registrations):
    """Remove the name, library, address and dietary needs of these registrations; return how many were erased.

    The rows stay, with their status and member: the day's numbers and a member's place there (which their travel
    claim rests on) are kept, but nothing in them tells who an outsider was.
    """
    erased_email = Concat(
        models.Value("registration-"), Cast("pk", models.CharField()), models.Value(f"@{ERASED_EMAIL_DOMAIN}")
    )
    return registrations.not_erased().update(name="", library="", dietary_needs="", email=erased_email)


def registration_erasure_cutoff(today=None):
    """The latest action day whose registrations are erased: ACTION_DAY_REGISTRATION_RETENTION_DAYS days ago."""
    today = today or timezone.localdate()
    return today - timedelta(days=settings.DIGITUTOR_ACTION_DAY_REGISTRATION_RETENTION_DAYS)


def registrations_erase_after_action_day(*, today=None):
    """Erase the registrations of every action day on or before the cutoff; return how many were erased."""
    cutoff = registration_erasure_cutoff(today)
    with transaction.atomic():
        return registrations_erase(registrations=Registration.objects.filter(action_day__date__lte=cutoff))
