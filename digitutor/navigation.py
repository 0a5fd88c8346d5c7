"""The main menu: each entry names its page and the permission it needs; capabilities add theirs here."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavigationEntry:
    url_name: str
    label: Promise
    permission: str | None = None
    anonymous_only: bool = False


NAVIGATION = [
    NavigationEntry("home", _("Front page")),
    NavigationEntry("meeting_list", _("Meetings")),
    NavigationEntry("action_day_latest", _("Action day")),
    NavigationEntry("goals_latest", _("Goals")),
    NavigationEntry("claim_list", _("My claims"), "digitutor.view_member_pages"),
    NavigationEntry("claim_queue", _("Claims to handle"), "digitutor.approve_claims"),
    NavigationEntry("member_list", _("Members"), "digitutor.view_member_pages"),
    NavigationEntry("join", _("Join the group"), anonymous_only=True),
    NavigationEntry("admin:index", _("Admin"), "digitutor.use_admin"),
]


def navigation_for(request):
    """The entries this person may see, each with its address and whether it is the current page."""
    user = getattr(request, "user", None)
    entries = []
    for entry in NAVIGATION:
        if entry.permission and not (user and user.has_perm(entry.permission)):
            continue
        if entry.anonymous_only and user and user.is_authenticated:
            continue
        url = reverse(entry.url_name)
        current = request.path == url if entry.url_name == "home" else request.path.startswith(url)
        entries.append({"url": url, "label": entry.label, "current": current})
    return entries
