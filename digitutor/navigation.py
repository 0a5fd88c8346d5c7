"""The main menu: each entry names its page and the permission it needs; capabilities add theirs here."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
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

# The other pages the menu bar links to (base.html's navigation block, which the 500 and 503 pages, drawn
# without a request and so without this, leave out).
SHELL_PAGES = ["profile", "account_login", "account_logout", "set_language"]

_addresses = {}


def addresses():
    """The address of each menu entry and shell link by URL name.

    reverse() gives the same answer for the same URLconf and script prefix, so each is asked once per pair
    instead of fifteen times a page.
    """
    key = (get_urlconf(settings.ROOT_URLCONF), get_script_prefix())
    found = _addresses.get(key)
    if found is None:
        names = [entry.url_name for entry in NAVIGATION] + SHELL_PAGES
        found = _addresses[key] = {name: reverse(name) for name in names}
    return found


def navigation_for(request):
    """The entries this person may see, each with its address and whether it is the current page."""
    user = getattr(request, "user", None)
    urls = addresses()
    entries = []
    for entry in NAVIGATION:
        if entry.permission and not (user and user.has_perm(entry.permission)):
            continue
        if entry.anonymous_only and user and user.is_authenticated:
            continue
        url = urls[entry.url_name]
        current = request.path == url if entry.url_name == "home" else request.path.startswith(url)
        entries.append({"url": url, "label": entry.label, "current": current})
    return entries
