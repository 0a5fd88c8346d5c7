from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from digitutor.errors import DomainError
from members import services
from members.forms import InvitationAcceptForm


@never_cache
@sensitive_post_parameters("password1", "password2")
def invitation_accept(request, token):
    """The page an invitation link opens: choose a password, then land logged in."""
    invitation = services.invitation_get_usable(token=token)
    if invitation is None:
        return render(request, "members/invitation_invalid.html", status=404)
    form = InvitationAcceptForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(token=token, password=form.cleaned_data["password1"])
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("home")
        login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
        messages.success(request, _("Welcome! Your account is ready and you are logged in."))
        return redirect("home")
    return render(request, "members/invitation_accept.html", {"form": form, "invitation": invitation})
