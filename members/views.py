import json
from urllib.parse import urlencode

from allauth.account.decorators import reauthentication_required
from allauth.account.utils import perform_login
from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_safe

from digitutor.decorators import member_pages
from digitutor.errors import DomainError
from members import selectors, services
from members.forms import IbanForm, InvitationAcceptForm, JoinRequestForm, ProfileForm, TravelAddressForm
from members.models import TravelDetails


@never_cache
@sensitive_post_parameters("password1", "password2")
def invitation_accept(request, token):
    """The page an invitation link opens: choose a password for a new account, or log in to an existing one."""
    invitation = services.invitation_get_usable(token=token)
    if invitation is None:
        return render(request, "members/invitation_invalid.html", status=404)
    account = services.invitation_existing_account(invitation)
    if account is not None:
        return _invitation_for_existing_account(request, token, invitation, account)
    form = InvitationAcceptForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(token=token, password=form.cleaned_data["password1"])
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("home")
        messages.success(request, _("Welcome! Your account is ready and you are logged in."))
        # allauth's login flow, so that every login stage (the second factor among them) applies here too.
        return perform_login(request, user, redirect_url=reverse("home"))
    return render(request, "members/invitation_accept.html", {"form": form, "invitation": invitation})


def _invitation_for_existing_account(request, token, invitation, account):
    """The address has an account: its owner logs in as usual, then links the member to it; no password is set."""
    context = {"invitation": invitation, "account": account, "login_url": _login_url_back_to(request.path)}
    if request.user.is_authenticated and request.user.pk != account.pk:
        return render(request, "members/invitation_link_account.html", {**context, "wrong_account": True}, status=403)
    if request.user.is_authenticated and request.method == "POST":
        try:
            services.invitation_link_account(token=token, acting_user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("home")
        messages.success(request, _("The invitation was accepted: your account is now linked to the working group."))
        return redirect("home")
    return render(request, "members/invitation_link_account.html", context)


def _login_url_back_to(path):
    return f"{reverse('account_login')}?{urlencode({'next': path}, safe='/')}"


@login_required
@member_pages
@require_safe
def member_list(request):
    """The roster of a year, the current one unless ?year= says otherwise."""
    years = selectors.roster_years()
    requested = request.GET.get("year")
    if requested is None:
        year = selectors.roster_default_year(years)
    elif requested.isascii() and requested.isdigit() and len(requested) == 4:  # "²⁰²²" is digits but no int
        year = int(requested)
    else:
        raise Http404(_("There is no roster for that year."))
    entries = selectors.roster_entries_for_year(year)
    return render(request, "members/member_list.html", {"year": year, "years": years, "entries": entries})


@login_required
@member_pages
@require_safe
def member_detail(request, pk):
    member = selectors.member_get_visible(pk=pk)
    return render(request, "members/member_detail.html", {"member": member})


@login_required
def profile(request):
    """My profile: contact details, private travel details, account security and my data."""
    member, details = selectors.member_with_travel_details(request.user)
    if member is None:
        # Someone with an account but no place in the group (e.g. the treasurer): account settings only.
        return render(request, "members/profile.html", {"member": None})
    details = details or TravelDetails(member=member)
    profile_form = ProfileForm(instance=member, prefix="profile")
    travel_form = TravelAddressForm(instance=details, prefix="travel")
    if request.method == "POST":
        if "profile-first_name" in request.POST:
            profile_form = ProfileForm(request.POST, instance=member, prefix="profile")
            if profile_form.is_valid():
                services.member_update_profile(member=member, acting_user=request.user, data=profile_form.cleaned_data)
                messages.success(request, _("Your contact details were saved."))
                return redirect("profile")
        else:
            travel_form = TravelAddressForm(request.POST, instance=details, prefix="travel")
            if travel_form.is_valid():
                services.travel_details_update(member=member, acting_user=request.user, data=travel_form.cleaned_data)
                messages.success(request, _("Your travel details were saved."))
                return redirect("profile")
    context = {"member": member, "details": details, "profile_form": profile_form, "travel_form": travel_form}
    return render(request, "members/profile.html", context)


@login_required
@member_pages
@reauthentication_required(allow_get=False)
@sensitive_post_parameters("iban")
def profile_iban(request):
    """Changing the bank account needs the password again: claims are paid to it."""
    member = selectors.member_for_user_or_404(request.user)
    details = TravelDetails.objects.filter(member=member).first() or TravelDetails(member=member)
    form = IbanForm(request.POST or None, instance=details)
    if request.method == "POST" and form.is_valid():
        data = {"iban": form.cleaned_data["iban"]}
        services.travel_details_update(member=member, acting_user=request.user, data=data)
        messages.success(request, _("Your bank account was saved."))
        return redirect("profile")
    return render(request, "members/profile_iban.html", {"form": form, "details": details})


@login_required
@require_safe
@reauthentication_required(allow_get=False)
def personal_data_download(request):
    """Everything the portal holds about me, as a JSON file; it holds the full IBAN, so the password is asked again."""
    data = services.personal_data_export(acting_user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2), content_type="application/json"
    )
    filename = f"digitutor-my-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def join(request):
    """The public form for asking to join the group."""
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST":
        if not ratelimit.consume(request, action="join_request"):
            messages.error(request, _("Too many requests from your address. Try again in an hour."))
            return render(request, "members/join.html", {"form": form}, status=429)
        if form.is_valid():
            if not form.is_spam:
                data = {field: form.cleaned_data[field] for field in JoinRequestForm.Meta.fields}
                services.join_request_submit(**data)
            return redirect("join_thanks")
    return render(request, "members/join.html", {"form": form})


@require_safe
def join_thanks(request):
    return render(request, "members/join_thanks.html")
