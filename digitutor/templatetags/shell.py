"""The shell of every page -- the header with the menu, the account menu and the language buttons, and the footer --
written in one pass in Python.

As template markup (base.html and its language switcher) the shell cost a simple page as much as the page's own work:
about a hundred variable lookups, twenty translation tags and ten icon tags a drawing (docs/performance.md). This is
the same markup; tests/test_shell_markup.py compares it with the old templates for every role in fi, sv and en.
base.html itself is its blocks and four tags between them ({% page_start %}, {% page_head %}, {% page_body %},
{% page_end %}) that write the rest of the page's frame (tests/test_base_template_markup.py).
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.core.files.storage import storages
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from digitutor.navigation import NAVIGATION, addresses, all_entries, person
from digitutor.templatetags.form_errors import form_has_errors
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
    """The shell's own words and the menu's labels in the active language, escaped for HTML, and the language's code."""
    return {
        "language": translation.get_language(),
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
        "Error: ": escape_text(_("Error: ")),
        "labels": {entry: escape_text(entry.label) for entry in all_entries()},
    }


# The shell says some twenty things on every page, each a catalogue lookup and an escape: once per language.
_words = per_language(_translated_words)


class _WordNode(template.Node):
    """One of the shell's words, drawn from _words()."""

    def __init__(self, word):
        self.word = word

    def render(self, context):
        return _words()[self.word]


@register.tag
def shell_word(parser, token):
    """{% shell_word "Skip to main content" %}: one of the shell's words in the active language, escaped, as
    {% translate %} draws it.

    base.html says two things of its own on every page; a {% translate %} tag resolves its text as a template
    variable and renders it through the localisation and escaping of any value (some forty calls), while the shell's
    words are already translated and escaped once per language.
    """
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][:1] not in "\"'" or bits[1][-1:] != bits[1][:1]:
        raise template.TemplateSyntaxError('{% shell_word "..." %} takes one quoted word of the shell')
    word = bits[1][1:-1]
    if word not in _words():
        raise template.TemplateSyntaxError(f"{word!r} is not one of the shell's words (shell._translated_words)")
    return _WordNode(word)


@lru_cache(maxsize=32)
def _language_name(code):
    """The language's own name for itself, capitalised and escaped: "Suomi", "Svenska", "English"."""
    return escape_text(capfirst(translation.get_language_info(code)["name_local"]))


_escaped_by_answer = {}


def _escaped_addresses(navigation):
    """addresses() escaped for an attribute, worked out once for each of its answers (one per URL configuration and
    script prefix): the shell writes a dozen of them on every page, and they are the same every time.

    The page's navigation carries the answer it was worked out with; pages drawn without one ask addresses().
    """
    urls = navigation["urls"] if navigation is not None else addresses()
    found = _escaped_by_answer.get(id(urls))
    if found is None or found[0] is not urls:
        found = _escaped_by_answer[id(urls)] = (urls, {name: escape_text(url) for name, url in urls.items()})
    return found[1]


def _navigation(context):
    """The page's navigation (digitutor.context_processors), worked out now, or None on a page drawn without one.

    The dict itself rather than the context processor's lazy object, each question of which costs three calls more:
    the header and the footer ask it some ten things. A bound method of the dict knows the dict.
    """
    navigation = context.get("navigation")
    return None if navigation is None else navigation.get.__self__


def _marks(is_current):
    """The class and the attribute of a link to the page being shown: highlighted, and said to be the current page."""
    return (" active", ' aria-current="page"') if is_current else ("", "")


def csrf_input(context):
    """What {% csrf_token %} draws: the form's token, or nothing on a page drawn without a request."""
    token = context.get("csrf_token")
    if token is None:
        return ""
    token = str(token)  # the context processor's lazy object, asked once rather than at each question below
    if not token or token == "NOTPROVIDED":
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape_text(token)}">'


def language_switcher(context, in_menu, urls, words, csrf):
    """A button for each language, the current one pressed: in the account menu under a heading, or on the dark
    strip above a visitor's menu (`urls`: _escaped_addresses(), `words`: _words(), `csrf`: csrf_input())."""
    request = context.get("request")
    current = words["language"]
    pressed, not_pressed = ("btn-primary", "btn-outline-primary") if in_menu else ("btn-light", "btn-outline-light")
    buttons = []
    for code, _name in settings.LANGUAGES:
        name = _language_name(code)
        look, state = (pressed, "true") if code == current else (not_pressed, "false")
        buttons.append(
            f'<button type="submit" name="language" value="{code}" lang="{code}" class="btn btn-sm {look}" '
            f'aria-pressed="{state}">{name}</button>'
        )
    label = words["Language"]
    # The 500 and 503 pages are drawn without a request, and so without the address to send the choice to or to come
    # back to, as the template drew them.
    action = urls["set_language"] if request is not None else ""
    back = escape_text(request.get_full_path()) if request is not None else ""
    heading = f'\n<p class="dropdown-header" aria-hidden="true">{label}</p>' if in_menu else ""
    form_class, buttons_class = (" language-switcher-menu", " px-3") if in_menu else ("", "")
    return (
        f'<form class="language-switcher{form_class}" method="post" action="{action}" aria-label="{label}">\n'
        f"{csrf}\n"
        f'<input type="hidden" name="next" value="{back}">{heading}\n'
        f'<div class="d-flex gap-1{buttons_class}">\n' + "\n".join(buttons) + "\n</div>\n</form>"
    )


def _menu_entry(entry, labels, urls, icons):
    """A link of the menu, or a dropdown of several (Claims for the chair and the treasurer); `urls` are the escaped
    addresses by URL name, which give each entry's address, and `icons` the icons by name (_static())."""
    active, current = _marks(entry["current"])
    label = f"{icons[entry['icon']]}{labels[entry['entry']]}"
    if not entry["children"]:
        url = urls[entry["entry"].url_name]
        return f'<li class="nav-item">\n<a class="nav-link{active}" href="{url}"{current}>{label}</a>\n</li>'
    children = []
    for child in entry["children"]:
        child_active, child_current = _marks(child["current"])
        url = urls[child["entry"].url_name]
        children.append(
            f'<li><a class="dropdown-item{child_active}" href="{url}"{child_current}>{labels[child["entry"]]}</a></li>'
        )
    return (
        f'<li class="nav-item dropdown">\n<button class="nav-link dropdown-toggle{active}" type="button" '
        f'id="{escape_text(entry["id"])}" data-bs-toggle="dropdown" aria-expanded="false">{label}</button>\n'
        '<ul class="dropdown-menu" data-bs-theme="light">\n' + "\n".join(children) + "\n</ul>\n</li>"
    )


def _account_menu(context, user, current, urls, words, csrf, icons):
    """A member's name opens the profile, the back office (for those who may use it), the languages and logging out;
    a visitor gets the login link."""
    if not user.is_authenticated:
        active, current_mark = _marks(current == "account_login")
        url = urls["account_login"]
        return (
            f'<li class="nav-item"><a class="nav-link{active}" href="{url}"{current_mark}>'
            f"{icons[LOG_IN_ICON]}{words['Log in']}</a></li>"
        )
    active, current_mark = _marks(current == "profile")
    name = escape_text(user.get_full_name() or user.email)
    admin = ""
    if user.has_perm("digitutor.use_admin"):
        url = urls["admin:index"]
        admin = f'<a class="dropdown-item" href="{url}">{icons[ADMIN_ICON]}{words["Admin"]}</a>\n'
    profile_url, logout_url = urls["profile"], urls["account_logout"]
    return (
        f'<li class="nav-item dropdown">\n<button class="nav-link dropdown-toggle{active}" type="button" '
        f'id="menu-account" data-bs-toggle="dropdown" aria-expanded="false">{icons[ACCOUNT_ICON]}'
        f'<span class="account-name">{name}</span></button>\n'
        '<div class="dropdown-menu dropdown-menu-lg-end account-menu" data-bs-theme="light">\n'
        f'<a class="dropdown-item{active}" href="{profile_url}"{current_mark}>'
        f"{icons[PROFILE_ICON]}{words['My profile']}</a>\n"
        f"{admin}"
        f'<div class="dropdown-divider"></div>\n{language_switcher(context, True, urls, words, csrf)}\n'
        f'<div class="dropdown-divider"></div>\n<form method="post" action="{logout_url}">\n'
        f"{csrf}\n"
        f'<button type="submit" class="dropdown-item">{icons[LOG_OUT_ICON]}{words["Log out"]}</button>\n'
        "</form>\n</div>\n</li>"
    )


def _menu(context, navigation, user, urls, words, csrf, icons):
    """The phone's menu button and the menu it opens: the entries this person may use, then the account menu."""
    entries = "\n".join([_menu_entry(entry, words["labels"], urls, icons) for entry in navigation["entries"]])
    account = _account_menu(context, user, navigation["current"], urls, words, csrf, icons)
    return (
        '<button class="navbar-toggler" type="button" data-bs-toggle="collapse" data-bs-target="#main-menu" '
        f'aria-controls="main-menu" aria-expanded="false">\n{icons[MENU_ICON]}'
        f'<span class="navbar-toggler-text">{words["Menu"]}</span>\n</button>\n'
        f'<div class="collapse navbar-collapse" id="main-menu">\n<ul class="navbar-nav me-auto">\n{entries}\n</ul>\n'
        f'<ul class="navbar-nav">\n{account}\n</ul>\n</div>'
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


_static_by_storage = {}


def _static():
    """(files, icons): the shell's static files' addresses (HEAD_LINKS, SCRIPTS, the logo) by file, escaped for an
    attribute, and the <svg> of its icons and the menu's by name (the menu button's the large one).

    Worked out once per storage (tests change it) and DEBUG (the manifest storage gives unhashed names then): the
    storage already remembers each address for the process (digitutor/storage.py), but asking it and escaping the
    answer cost every page some hundred calls for the same eleven strings, and each icon some seven more.
    """
    storage = storages["staticfiles"]
    key = (storage, settings.DEBUG)
    found = _static_by_storage.get(key)
    if found is None:
        paths = [path for _rel, path, _attributes in HEAD_LINKS] + SCRIPTS + [LOGO]
        # As plain strings (str.__str__ of the SafeString): an f-string asks a SafeString for its __str__ each time.
        icons = {name: str.__str__(icon_html(name)) for name in ICONS | {entry.icon for entry in NAVIGATION}}
        icons[MENU_ICON] = str.__str__(icon_html(MENU_ICON, "icon-lg"))
        found = _static_by_storage[key] = ({path: escape_text(storage.url(path)) for path in paths}, icons)
    return found


def _head_links():
    """The <head>'s stylesheets and icons (HEAD_LINKS), one a line as base.html indents them."""
    files, _icons = _static()
    return "\n  ".join([f'<link rel="{rel}" href="{files[path]}"{attributes}>' for rel, path, attributes in HEAD_LINKS])


def _scripts():
    """The scripts every page runs (SCRIPTS), one a line as base.html indents them."""
    files, _icons = _static()
    return "\n  ".join([f'<script src="{files[path]}"></script>' for path in SCRIPTS])


def _header(context, words):
    """The header: a visitor's language buttons, the brand and the menu.

    The 500 and 503 pages are drawn without a request (the database may be away, and the menu asks it who may see
    what): they have no navigation (digitutor.context_processors), so their header shows the brand without the menu.
    """
    navigation = _navigation(context)
    user = person(context.get("user"))
    urls = _escaped_addresses(navigation)
    csrf = csrf_input(context)  # one token for the language buttons and the logout button
    files, icons = _static()
    utility_bar = ""
    if user is None or not user.is_authenticated:
        # A visitor's language buttons sit above the menu, so the menu keeps to one row; a member's are in the account
        # menu.
        utility_bar = (
            '\n<div class="utility-bar">\n<div class="container d-flex justify-content-end">'
            f"{language_switcher(context, False, urls, words, csrf)}</div>\n</div>"
        )
    menu = f"\n{_menu(context, navigation, user, urls, words, csrf, icons)}" if navigation is not None else ""
    _active, current_mark = _marks(navigation is not None and navigation["current"] == "home")
    return (
        f'<header class="site-header">{utility_bar}\n'
        f'<nav class="navbar navbar-expand-lg" data-bs-theme="dark" aria-label="{words["Main menu"]}">\n'
        f'<div class="container">\n<a class="navbar-brand" href="{urls["home"]}"{current_mark}>\n'
        f'<img src="{files[LOGO]}" alt="" width="36" height="36">'
        f'<span class="brand-name">{words["Digital Tutors"]}</span>\n</a>{menu}\n</div>\n</nav>\n</header>'
    )


def _footer(context, words):
    """The footer: the group, its contact address and the statements about the portal."""
    navigation = _navigation(context)
    current = navigation["current"] if navigation is not None else None
    urls = _escaped_addresses(navigation)
    files, icons = _static()
    email = context.get("group_contact_email")
    contact = ""
    if email:
        email = escape_text(email)
        contact = f'\n<p class="mb-0">{icons[CONTACT_ICON]}<a href="mailto:{email}">{email}</a></p>'
    statements = []
    for name, title in (("accessibility", "Accessibility statement"), ("privacy", "Privacy notice")):
        _active, current_mark = _marks(current == name)
        statements.append(f'<li><a href="{urls[name]}"{current_mark}>{words[title]}</a></li>')
    about = words["About the portal"]
    return (
        '<footer class="site-footer">\n<div class="container">\n<div class="row g-4">\n<div class="col-md-6">\n'
        f'<p class="site-footer-title"><img src="{files[LOGO]}" alt="" width="28" height="28">'
        f"{words['Digital Tutors working group']}</p>\n"
        f'<p class="mb-0">{words["Public libraries of Varsinais-Suomi and Satakunta"]}</p>\n</div>\n'
        f'<div class="col-md-3">\n<h2 class="site-footer-heading">{words["Contact"]}</h2>{contact}\n</div>\n'
        f'<nav class="col-md-3" aria-label="{about}">\n<h2 class="site-footer-heading">{about}</h2>\n'
        '<ul class="list-unstyled mb-0">\n' + "\n".join(statements) + "\n</ul>\n</nav>\n</div>\n</div>\n</footer>"
    )


# The header, the footer and the <head>'s files as tags of their own, as base.html drew them before its frame
# (below) wrote them (the copies of the old base.html under tests/ still draw them).


@register.simple_tag
def site_head_links():
    return mark_safe(_head_links())


@register.simple_tag
def site_scripts():
    return mark_safe(_scripts())


@register.simple_tag(takes_context=True)
def site_header(context):
    return mark_safe(_header(context, _words()))


@register.simple_tag(takes_context=True)
def site_footer(context):
    return mark_safe(_footer(context, _words()))


class _FrameNode(template.Node):
    """A stretch of base.html between two of its blocks, written by one function of the context."""

    def __init__(self, write):
        self.write = write

    def render(self, context):
        return self.write(context)


def _frame(write):
    """Registers {% <write's name> %}: a stretch of base.html's frame, between two of its blocks.

    base.html was some thirty nodes -- its markup between tags, a tag for each part of the shell, and the language
    and error checks -- which the template engine rendered one by one and, for every page that extends it, walked
    again to find the blocks. Its frame between blocks is four nodes now, each written in one call, and a page's
    blocks are where they were.
    """
    register.tag(write.__name__, lambda parser, token: _FrameNode(write))
    return write


# The shell's words, asked once a drawing, by page_start, for the rest of the frame (the language, asked for them,
# takes some ten calls).
_FRAME_WORDS = "shell words"


def _frame_words(context):
    return context.render_context.get(_FRAME_WORDS) or _words()


@_frame
def page_start(context):
    """From <!DOCTYPE html> to the <title>'s first words: the page's language, and "Error: " when a form on the page
    did not go through (digitutor/templatetags/form_errors.py)."""
    words = context.render_context[_FRAME_WORDS] = _words()
    prefix = words["Error: "] if form_has_errors(context) else ""
    return (
        f'<!DOCTYPE html>\n\n<html lang="{escape_text(words["language"])}">\n<head>\n'
        '  <meta charset="utf-8">\n  <meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"  <title>{prefix}"
    )


@_frame
def page_head(context):
    """From the end of the page's title to its own <head> additions: the portal's name and the <head>'s files."""
    return f" – {_frame_words(context)['Digital Tutors']}</title>\n  {_head_links()}\n  "


@_frame
def page_body(context):
    """From the end of the <head> to the messages: the skip link, the header and the start of <main>."""
    words = _frame_words(context)
    return (
        '\n</head>\n<body class="d-flex flex-column min-vh-100">\n'
        f'  <a class="skip-link" href="#main">{words["Skip to main content"]}</a>\n'
        f"  {_header(context, words)}\n"
        '  <main id="main" class="container flex-grow-1 py-4" tabindex="-1">\n    '
    )


@_frame
def page_end(context):
    """From the end of the page's content to its own scripts: the end of <main>, the footer and the scripts."""
    return f"\n  </main>\n  {_footer(context, _frame_words(context))}\n  {_scripts()}\n  "


class _MessagesNode(template.Node):
    """The messages of the messages framework, as base.html's {% block messages %} drew them."""

    def render(self, context):
        messages = context.get("messages")
        if not messages:
            return "\n    \n    "
        alerts = []
        for message in messages:  # iterating marks them shown, as the template's loop did
            tags = message.tags
            look = "alert-danger" if tags == "error" else f"alert-{escape_text(tags or 'info')}"
            alerts.append(f'\n      <div class="alert {look}">{escape_text(str(message))}</div>\n      ')
        return '\n    \n    <div class="messages" role="status">\n      ' + "".join(alerts) + "\n    </div>\n    \n    "


@register.tag
def site_messages(parser, token):
    """{% site_messages %}: the page's messages ("Saved.") in their alerts, or nothing.

    As a template, the block's condition, loop and their nodes were resolved on every page, and walked again by every
    page that extends base.html to find its blocks, though most pages have no message. The same markup
    (tests/test_shell_markup.py).
    """
    return _MessagesNode()
