"""The shell of every page -- the header with the menu, the account menu and the language buttons, and the footer --
written in one pass in Python.

As template markup (base.html and its language switcher) the shell cost a simple page as much as the page's own work:
about a hundred variable lookups, twenty translation tags and ten icon tags a drawing (docs/performance.md). This is
the same markup; tests/test_shell_markup.py compares it with the old templates for every role in fi, sv and en.
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.core.files.storage import storages
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from digitutor.navigation import addresses, all_entries
from digitutor.templatetags.formatting import escape_text
from digitutor.templatetags.icons import icon_html
from digitutor.words import per_language

register = template.Library()

LOGO = "img/logo.svg"
# The icons the shell draws, for the icon sprite (manage.py build_icon_sprite); the menu's own are in NAVIGATION.
MENU_ICON = "list"
ACCOUNT_ICON = "person-circle"
PROFILE_ICON = "person"
ADMIN_ICON = "gear"
LOG_OUT_ICON = "box-arrow-right"
LOG_IN_ICON = "box-arrow-in-right"
CONTACT_ICON = "envelope"
ICONS = {MENU_ICON, ACCOUNT_ICON, PROFILE_ICON, ADMIN_ICON, LOG_OUT_ICON, LOG_IN_ICON, CONTACT_ICON}


def _translated_words():
    """The shell's own words and the menu's labels in the active language, escaped for HTML."""
    return {
        "Language": escape_text(_("Language")),
        "Log in": escape_text(_("Log in")),
        "Admin": escape_text(_("Admin")),
        "My profile": escape_text(_("My profile")),
        "Log out": escape_text(_("Log out")),
        "Menu": escape_text(_("Menu")),
        "Main menu": escape_text(_("Main menu")),
        "Digital Tutors": escape_text(_("Digital Tutors")),
        "Skip to main content": escape_text(_("Skip to main content")),
        "Accessibility statement": escape_text(_("Accessibility statement")),
        "Privacy notice": escape_text(_("Privacy notice")),
        "About the portal": escape_text(_("About the portal")),
        "Digital Tutors working group": escape_text(_("Digital Tutors working group")),
        "Public libraries of Varsinais-Suomi and Satakunta": escape_text(
            _("Public libraries of Varsinais-Suomi and Satakunta")
        ),
        "Contact": escape_text(_("Contact")),
        "labels": {entry: escape_text(entry.label) for entry in all_entries()},
    }


# The shell says some twenty things on every page, each a catalogue lookup and an escape: once per language.
_words = per_language(_translated_words)


@lru_cache(maxsize=32)
def _language_name(code):
    """The language's own name for itself, capitalised and escaped: "Suomi", "Svenska", "English"."""
    return escape_text(capfirst(translation.get_language_info(code)["name_local"]))


def _marks(is_current):
    """The class and the attribute of a link to the page being shown: highlighted, and said to be the current page."""
    return (" active", ' aria-current="page"') if is_current else ("", "")


def _logo():
    return escape_text(storages["staticfiles"].url(LOGO))


def csrf_input(context):
    """What {% csrf_token %} draws: the form's token, or nothing on a page drawn without a request."""
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape_text(token)}">'


def language_switcher(context, in_menu):
    """A button for each language, the current one pressed: in the account menu under a heading, or on the dark
    strip above a visitor's menu."""
    request = context.get("request")
    current = translation.get_language()
    pressed, not_pressed = ("btn-primary", "btn-outline-primary") if in_menu else ("btn-light", "btn-outline-light")
    buttons = []
    for code, _name in settings.LANGUAGES:
        name = _language_name(code)
        look, state = (pressed, "true") if code == current else (not_pressed, "false")
        buttons.append(
            f'<button type="submit" name="language" value="{code}" lang="{code}" class="btn btn-sm {look}" '
            f'aria-pressed="{state}">{name}</button>'
        )
    label = _words()["Language"]
    # The 500 and 503 pages are drawn without a request, and so without the address to send the choice to or to come
    # back to, as the template drew them.
    action = escape_text(addresses()["set_language"]) if request is not None else ""
    back = escape_text(request.get_full_path()) if request is not None else ""
    heading = f'\n<p class="dropdown-header" aria-hidden="true">{label}</p>' if in_menu else ""
    form_class, buttons_class = (" language-switcher-menu", " px-3") if in_menu else ("", "")
    return (
        f'<form class="language-switcher{form_class}" method="post" action="{action}" aria-label="{label}">\n'
        f"{csrf_input(context)}\n"
        f'<input type="hidden" name="next" value="{back}">{heading}\n'
        f'<div class="d-flex gap-1{buttons_class}">\n' + "\n".join(buttons) + "\n</div>\n</form>"
    )


def _menu_entry(entry, labels):
    """A link of the menu, or a dropdown of several (Claims for the chair and the treasurer)."""
    active, current = _marks(entry["current"])
    label = f"{icon_html(entry['icon'])}{labels[entry['entry']]}"
    if not entry["children"]:
        url = escape_text(entry["url"])
        return f'<li class="nav-item">\n<a class="nav-link{active}" href="{url}"{current}>{label}</a>\n</li>'
    children = []
    for child in entry["children"]:
        child_active, child_current = _marks(child["current"])
        url = escape_text(child["url"])
        children.append(
            f'<li><a class="dropdown-item{child_active}" href="{url}"{child_current}>{labels[child["entry"]]}</a></li>'
        )
    return (
        f'<li class="nav-item dropdown">\n<button class="nav-link dropdown-toggle{active}" type="button" '
        f'id="{escape_text(entry["id"])}" data-bs-toggle="dropdown" aria-expanded="false">{label}</button>\n'
        '<ul class="dropdown-menu" data-bs-theme="light">\n' + "\n".join(children) + "\n</ul>\n</li>"
    )


def _account_menu(context, user, current, urls, words):
    """A member's name opens the profile, the back office (for those who may use it), the languages and logging out;
    a visitor gets the login link."""
    if not user.is_authenticated:
        active, current_mark = _marks(current == "account_login")
        url = escape_text(urls["account_login"])
        return (
            f'<li class="nav-item"><a class="nav-link{active}" href="{url}"{current_mark}>'
            f"{icon_html(LOG_IN_ICON)}{words['Log in']}</a></li>"
        )
    active, current_mark = _marks(current == "profile")
    name = escape_text(user.get_full_name() or user.email)
    admin = ""
    if user.has_perm("digitutor.use_admin"):
        url = escape_text(urls["admin:index"])
        admin = f'<a class="dropdown-item" href="{url}">{icon_html(ADMIN_ICON)}{words["Admin"]}</a>\n'
    profile_url, logout_url = escape_text(urls["profile"]), escape_text(urls["account_logout"])
    return (
        f'<li class="nav-item dropdown">\n<button class="nav-link dropdown-toggle{active}" type="button" '
        f'id="menu-account" data-bs-toggle="dropdown" aria-expanded="false">{icon_html(ACCOUNT_ICON)}'
        f'<span class="account-name">{name}</span></button>\n'
        '<div class="dropdown-menu dropdown-menu-lg-end account-menu" data-bs-theme="light">\n'
        f'<a class="dropdown-item{active}" href="{profile_url}"{current_mark}>'
        f"{icon_html(PROFILE_ICON)}{words['My profile']}</a>\n"
        f"{admin}"
        f'<div class="dropdown-divider"></div>\n{language_switcher(context, in_menu=True)}\n'
        f'<div class="dropdown-divider"></div>\n<form method="post" action="{logout_url}">\n'
        f"{csrf_input(context)}\n"
        f'<button type="submit" class="dropdown-item">{icon_html(LOG_OUT_ICON)}{words["Log out"]}</button>\n'
        "</form>\n</div>\n</li>"
    )


def _menu(context, navigation, user, urls, words):
    """The phone's menu button and the menu it opens: the entries this person may use, then the account menu."""
    entries = "\n".join(_menu_entry(entry, words["labels"]) for entry in navigation["entries"])
    return (
        '<button class="navbar-toggler" type="button" data-bs-toggle="collapse" data-bs-target="#main-menu" '
        f'aria-controls="main-menu" aria-expanded="false">\n{icon_html(MENU_ICON, "icon-lg")}'
        f'<span class="navbar-toggler-text">{words["Menu"]}</span>\n</button>\n'
        f'<div class="collapse navbar-collapse" id="main-menu">\n<ul class="navbar-nav me-auto">\n{entries}\n</ul>\n'
        f'<ul class="navbar-nav">\n{_account_menu(context, user, navigation["current"], urls, words)}\n</ul>\n</div>'
    )


@register.simple_tag
def asset(path):
    """{% asset "css/digitutor.css" %}: the static file's address, as {% static %} gives it.

    base.html names a dozen files on every page; {% static %} asks the app registry each time whether staticfiles is
    installed, and reaches the storage through a lazy object, which cost more than the address itself (the storage
    looks it up once per process: digitutor/storage.py).
    """
    return storages["staticfiles"].url(path)


# The files every page's <head> links to, in order: (rel, the static file, the link's other attributes).
HEAD_LINKS = [
    ("stylesheet", "vendor/bootstrap/bootstrap.min.css", ""),
    ("stylesheet", "css/digitutor.css", ""),
    ("stylesheet", "css/tables.css", ""),
    ("stylesheet", "css/forms.css", ""),
    ("stylesheet", "css/print.css", ' media="print"'),
    ("icon", "img/favicon.ico", ' sizes="32x32"'),
    ("icon", "img/favicon.svg", ' type="image/svg+xml"'),
    ("apple-touch-icon", "img/apple-touch-icon.png", ""),
]
# The scripts every page runs, at the end of its <body>.
SCRIPTS = ["vendor/bootstrap/bootstrap.bundle.min.js", "js/menu.js"]


@register.simple_tag
def site_name():
    """The portal's name for the <title>, in the page's language (a {% translate %} tag cost some seventy calls)."""
    return mark_safe(_words()["Digital Tutors"])


@register.simple_tag
def skip_link():
    """The link past the header to the page's main content, first in the <body>."""
    return mark_safe(f'<a class="skip-link" href="#main">{_words()["Skip to main content"]}</a>')


@register.simple_tag
def site_head_links():
    """The <head>'s stylesheets and icons (HEAD_LINKS), one a line as base.html indents them.

    One tag instead of a {% asset %} tag a file: each tag is a node the template engine resolves, escapes and, for
    every page that extends base.html, walks again to find the blocks.
    """
    storage = storages["staticfiles"]
    return mark_safe(
        "\n  ".join(
            f'<link rel="{rel}" href="{escape_text(storage.url(path))}"{attributes}>'
            for rel, path, attributes in HEAD_LINKS
        )
    )


@register.simple_tag
def site_scripts():
    """The scripts every page runs (SCRIPTS), one a line as base.html indents them."""
    storage = storages["staticfiles"]
    return mark_safe("\n  ".join(f'<script src="{escape_text(storage.url(path))}"></script>' for path in SCRIPTS))


@register.simple_tag(takes_context=True)
def site_header(context):
    """The header: a visitor's language buttons, the brand and the menu.

    The 500 and 503 pages are drawn without a request (the database may be away, and the menu asks it who may see
    what): they have no navigation (digitutor.context_processors), so their header shows the brand without the menu.
    """
    navigation = context.get("navigation")
    user = context.get("user")
    urls = addresses()
    words = _words()
    utility_bar = ""
    if user is None or not user.is_authenticated:
        # A visitor's language buttons sit above the menu, so the menu keeps to one row; a member's are in the account
        # menu.
        utility_bar = (
            '\n<div class="utility-bar">\n<div class="container d-flex justify-content-end">'
            f"{language_switcher(context, in_menu=False)}</div>\n</div>"
        )
    menu = f"\n{_menu(context, navigation, user, urls, words)}" if navigation is not None else ""
    _active, current_mark = _marks(navigation is not None and navigation["current"] == "home")
    return mark_safe(
        f'<header class="site-header">{utility_bar}\n'
        f'<nav class="navbar navbar-expand-lg" data-bs-theme="dark" aria-label="{words["Main menu"]}">\n'
        f'<div class="container">\n<a class="navbar-brand" href="{escape_text(urls["home"])}"{current_mark}>\n'
        f'<img src="{_logo()}" alt="" width="36" height="36">'
        f'<span class="brand-name">{words["Digital Tutors"]}</span>\n</a>{menu}\n</div>\n</nav>\n</header>'
    )


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The footer: the group, its contact address and the statements about the portal."""
    navigation = context.get("navigation")
    current = navigation["current"] if navigation is not None else None
    urls = addresses()
    words = _words()
    email = context.get("group_contact_email")
    contact = ""
    if email:
        email = escape_text(email)
        contact = f'\n<p class="mb-0">{icon_html(CONTACT_ICON)}<a href="mailto:{email}">{email}</a></p>'
    statements = []
    for name, title in (("accessibility", "Accessibility statement"), ("privacy", "Privacy notice")):
        _active, current_mark = _marks(current == name)
        statements.append(f'<li><a href="{escape_text(urls[name])}"{current_mark}>{words[title]}</a></li>')
    about = words["About the portal"]
    return mark_safe(
        '<footer class="site-footer">\n<div class="container">\n<div class="row g-4">\n<div class="col-md-6">\n'
        f'<p class="site-footer-title"><img src="{_logo()}" alt="" width="28" height="28">'
        f"{words['Digital Tutors working group']}</p>\n"
        f'<p class="mb-0">{words["Public libraries of Varsinais-Suomi and Satakunta"]}</p>\n</div>\n'
        f'<div class="col-md-3">\n<h2 class="site-footer-heading">{words["Contact"]}</h2>{contact}\n</div>\n'
        f'<nav class="col-md-3" aria-label="{about}">\n<h2 class="site-footer-heading">{about}</h2>\n'
        '<ul class="list-unstyled mb-0">\n' + "\n".join(statements) + "\n</ul>\n</nav>\n</div>\n</div>\n</footer>"
    )
