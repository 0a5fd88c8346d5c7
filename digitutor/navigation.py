"""The main menu: each entry names its page and the permission it needs; capabilities add theirs here.

Every page belongs to at most one entry, the one whose addresses start its path most closely (the longest match),
so /claims/queue/ is "To decide" and not also "My claims": exactly one entry is the current page (aria-current).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from digitutor.backends import user_has_perm


# eq=False: an entry is itself and nothing else, and hashing it does not translate its label (the shell keeps the
# labels' words by entry).
@dataclass(frozen=True, eq=False)
class NavigationEntry:
    url_name: str
    label: Promise
    permission: str | None = None
    anonymous_only: bool = False
    icon: str = ""
    # Other paths that belong to this entry's part of the portal (the plan and the good practices are the goals').
    also: tuple[str, ...] = ()
    children: tuple["NavigationEntry", ...] = field(default=())


NAVIGATION = [
    NavigationEntry("meeting_list", _("Meetings"), icon="calendar3"),
    NavigationEntry("action_day_latest", _("Action day"), icon="people"),
    NavigationEntry("goals_latest", _("Goals"), icon="flag", also=("/plan/", "/report/", "/practices/", "/trainings/")),
    NavigationEntry(
        "claim_list",
        _("Claims"),
        "digitutor.view_member_pages",
        icon="receipt",
        children=(
            NavigationEntry("claim_list", _("My claims"), "digitutor.view_member_pages"),
            NavigationEntry("claim_queue", _("To decide"), "digitutor.approve_claims"),
            NavigationEntry("claim_payments", _("Payment batches"), "digitutor.pay_claims"),
        ),
    ),
    NavigationEntry("member_list", _("Members"), "digitutor.view_member_pages", icon="person-lines-fill"),
    NavigationEntry("join", _("Join the group"), anonymous_only=True, icon="person-plus"),
]

# The account menu's own pages; a logged-in person's account pages (allauth's) belong to the profile, a visitor's
# (log in, password reset, an invitation) to the login link.
PROFILE_PATHS = ("/accounts/",)
LOGIN_PATHS = ("/accounts/", "/invitation/")
# The footer's links, each the current page on its own page.
FOOTER_PAGES = ["accessibility", "privacy"]

# The other pages the shell links to (digitutor/templatetags/shell.py).
SHELL_PAGES = ["home", "profile", "account_login", "account_logout", "set_language", "admin:index", *FOOTER_PAGES]

_addresses = {}


def all_entries():
    """Every entry of the menu, and each one's children after it."""
    for entry in NAVIGATION:
        yield entry
        yield from entry.children


def addresses():
    """The address of each menu entry and shell link by URL name.

    reverse() gives the same answer for the same URLconf and script prefix, so each is asked once per pair
    instead of fifteen times a page.
    """
    key = (get_urlconf(settings.ROOT_URLCONF), get_script_prefix())
    found = _addresses.get(key)
    if found is None:
        names = [entry.url_name for entry in all_entries()] + SHELL_PAGES
        found = _addresses[key] = {name: reverse(name) for name in names}
    return found


def person(user):
    """The account (or AnonymousUser) behind request.user's lazy object, or None.

    The menu and the header ask the person some twenty things a page, and each question put to the lazy object costs
    four calls more than one put to the account; a bound method of it knows the account it belongs to.
    """
    return None if user is None else user.get_username.__self__


def _may(user, permission):
    """user.has_perm(permission). A visitor's question is put to the backends made once per process
    (digitutor.backends), as an account's is: Django's AnonymousUser imports and makes every backend again for each
    question, which cost a visitor's menu twice what the rest of it did."""
    if user.is_authenticated:
        return user.has_perm(permission)
    return user_has_perm(user, permission)


def _visible(entry, user):
    if entry.permission and not (user and _may(user, entry.permission)):
        return False
    return not (entry.anonymous_only and user and user.is_authenticated)


def _shown(user):
    """The menu entries this person may see, each with the children they may see (none for an entry without)."""
    return [
        (entry, [child for child in entry.children if _visible(child, user)])
        for entry in NAVIGATION
        if _visible(entry, user)
    ]


def current_key(path, user, urls, shown):
    """Which one link of the shell is the current page: a menu entry's URL name, "home", "profile", "account_login",
    a footer page's, or None for a page that belongs to none (the admin's, an error page).

    `shown` is the menu this person sees (_shown), worked out once for both this and the menu itself.
    """
    if path == urls["home"]:
        return "home"
    candidates = []  # (length of the matching prefix, key)
    for entry, children in shown:
        for child in children or [entry]:
            for prefix in (urls[child.url_name], *entry.also):
                if path.startswith(prefix):
                    candidates.append((len(prefix), child.url_name))
    authenticated = bool(user and user.is_authenticated)
    shell = [("profile", (urls["profile"], *PROFILE_PATHS))] if authenticated else [("account_login", LOGIN_PATHS)]
    shell += [(name, (urls[name],)) for name in FOOTER_PAGES]
    for key, prefixes in shell:
        candidates += [(len(prefix), key) for prefix in prefixes if path.startswith(prefix)]
    return max(candidates)[1] if candidates else None


def navigation_for(request):
    """The menu this person may see: each entry with its address, icon, children and whether it is the current page,
    which one link of the shell is current (`current`), and the shell's addresses (`urls`, addresses())."""
    user = person(getattr(request, "user", None))
    urls = addresses()
    shown = _shown(user)
    current = current_key(request.path, user, urls, shown)
    entries = []
    for entry, visible_children in shown:
        children = [
            {"entry": child, "url": urls[child.url_name], "label": child.label, "current": child.url_name == current}
            for child in visible_children
        ]
        if len(children) == 1:
            # A group of one is that one link, named for what it is ("My claims" for a member).
            only = children[0]
            entries.append({**only, "icon": entry.icon, "children": []})
            continue
        entries.append(
            {
                "entry": entry,
                "url": urls[entry.url_name],
                "label": entry.label,
                "icon": entry.icon,
                "children": children,
                "current": any(child["current"] for child in children) if children else entry.url_name == current,
                "id": f"menu-{entry.url_name}",
            }
        )
    # The addresses it was worked out with, for the shell's other links (addresses() asks for the URL configuration and
    # script prefix each time).
    return {"entries": entries, "current": current, "urls": urls}
