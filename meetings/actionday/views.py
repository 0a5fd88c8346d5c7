"""The action day's pages: the day itself with registration, the confirmation, and the personal cancel link."""

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from digitutor.errors import DomainError
from meetings.actionday import selectors, services
from meetings.actionday.calendar import action_day_ics
from meetings.actionday.forms import RegistrationForm
from members.selectors import member_for_user


@require_safe
def action_day_latest(request):
    years = selectors.action_day_years()
    if not years:
        return render(request, "actionday/action_day_none.html")
    this_year = timezone.localdate().year
    return redirect("action_day", year=this_year if this_year in years else max(years))


def action_day(request, year):
    """The action day: theme, programme, and registration for members and other library staff.

    Someone already registered (logged in with that address, or in the session they registered in) sees their
    registration, or their place on the waiting list, instead of the form.
    """
    day = selectors.action_day_get(year=year, user=request.user)
    if request.method != "POST":
        registration = selectors.registration_of(
            action_day=day, user=request.user, token=request.session.get("registration_token", "")
        )
        if registration is not None or not day.registration_open:  # the page shows no form: none to fill in
            return _action_day_page(request, day, form=None, registration=registration)
    member = member_for_user(request.user) if request.user.is_authenticated else None
    initial = {}
    if member is not None:
        initial = {"name": member.full_name, "email": member.email, "library": getattr(member.library, "name", "")}
    form = RegistrationForm(request.POST or None, initial=initial)
    # As on the join form: anonymous posts are rate limited by address (each sends an email), and a bot that fills
    # in the hidden field gets the usual answer while nothing is stored or sent.
    if (
        request.method == "POST"
        and not request.user.is_authenticated
        and not ratelimit.consume(request, action="action_day_registration")
    ):
        messages.error(request, _("Too many requests from your address. Try again in an hour."))
        return _action_day_page(request, day, form=form, status=429)
    if request.method == "POST" and form.is_valid() and form.is_spam:
        return redirect("registration_done", year=year)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(
                action_day=day,
                member=member,
                **{field: form.cleaned_data[field] for field in RegistrationForm.Meta.fields},
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            request.session["registration_token"] = registration.cancel_token
            return redirect("registration_done", year=year)
    return _action_day_page(request, day, form=form)


def _action_day_page(request, day, *, form, status=200, registration=None):
    context = {
        "action_day": day,
        "programme": selectors.programme_of(day),
        "form": form,
        "registration": registration,
        "confirmation_hours": settings.DIGITUTOR_ACTION_DAY_CONFIRMATION_HOURS,
        "is_over": day.date < timezone.localdate(),
        "costs": selectors.action_day_costs(day) if request.user.has_perm("actionday.view_costline") else None,
        "years": selectors.action_day_years(),
    }
    return render(request, "actionday/action_day.html", context, status=status)


@require_safe
def action_day_calendar(request, year):
    """The day as a calendar file."""
    day = selectors.action_day_get(year=year, user=request.user)
    response = HttpResponse(action_day_ics(day), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="action-day-{day.year}.ics"'
    return response


@login_required
def registration_cancel_own(request, year):
    """A logged-in person cancels their own registration: a GET asks, the button cancels."""
    day = selectors.action_day_get(year=year, user=request.user)
    registration = selectors.registration_of(action_day=day, user=request.user)
    if registration is None:
        raise Http404
    if request.method == "POST":
        try:
            services.registration_cancel_own(action_day=day, acting_user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your registration was cancelled."))
        return redirect("action_day", year=year)
    return render(request, "actionday/registration_cancel_own.html", {"registration": registration, "action_day": day})


@require_safe
def registration_done(request, year):
    registration = services.registration_get_by_token(token=request.session.get("registration_token", ""))
    if registration is None or registration.action_day.year != year:
        return redirect("action_day", year=year)
    context = {"registration": registration, "confirmation_hours": settings.DIGITUTOR_ACTION_DAY_CONFIRMATION_HOURS}
    return render(request, "actionday/registration_done.html", context)


@never_cache
def registration_cancel(request, token):
    """The personal cancel link from the confirmation email."""
    return _personal_link(
        request, token, services.registration_cancel, _("Your registration was cancelled."), "registration_cancel"
    )


@never_cache
def registration_confirm(request, token):
    """The confirmation link from the registration email: a GET asks (mail scanners open links), the button confirms."""
    return _personal_link(
        request,
        token,
        services.registration_confirm,
        _("Thank you: your registration is confirmed."),
        "registration_confirm",
    )


def _personal_link(request, token, service, done, template):
    """A registration's personal link: a GET shows the registration and a button, the button runs the service once."""
    registration = services.registration_get_by_token(token=token)
    if registration is None:
        raise Http404
    if request.method == "POST":
        try:
            service(token=token)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, done)
        return redirect("registration_cancel", token=token)
    return render(request, f"actionday/{template}.html", {"registration": registration})
