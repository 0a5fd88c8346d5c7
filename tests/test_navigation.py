"""The menu: every page of tests/pages.py marks exactly one link of the shell as the current page, for the person
who sees it; the claims dropdown holds what each role may do; icons and every other asset come from this server."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from tests.factories import reauthenticate
from tests.pages import PAGES, Kind, page

# Every page that draws HTML for someone, and the person it is drawn for (its owner if it has one).
DRAWN = {
    each.id: each.viewer()
    for each in PAGES
    if each.kind in (Kind.DETAIL, Kind.LIST, Kind.FORM) and each.viewer() is not None
}


class Shell(HTMLParser):
    """Collects the header's and the footer's links marked aria-current="page", by their text, and every address
    the page loads something from (scripts, stylesheets, images, icons)."""

    def __init__(self):
        super().__init__()
        self.depth = {"header": 0, "footer": 0}
        self.current = []  # [text] of each current link
        self.in_current = 0
        self.assets = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.depth:
            self.depth[tag] += 1
        if any(self.depth.values()) and attrs.get("aria-current") == "page":
            self.current.append("")
            self.in_current += 1
        elif self.in_current and tag == "a":
            self.in_current += 1
        if tag == "script" and attrs.get("src"):
            self.assets.append(attrs["src"])
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon", "apple-touch-icon"):
            self.assets.append(attrs["href"])
        if tag == "img":
            self.assets.append(attrs["src"])
        if tag == "use":
            self.assets.append(attrs.get("href") or attrs.get("xlink:href"))

    def handle_endtag(self, tag):
        if tag in self.depth:
            self.depth[tag] -= 1
        if self.in_current and tag == "a":
            self.in_current -= 1

    def handle_data(self, data):
        if self.in_current:
            self.current[-1] += data.strip()


def shell_of(html):
    parser = Shell()
    parser.feed(html)
    return parser


def fetch(people, who, path):
    client = Client()
    if who is not None and people[who] is not None:
        client.force_login(people[who], backend="allauth.account.auth_backends.AuthenticationBackend")
        reauthenticate(client)
    return client.get(path)


@pytest.mark.parametrize("page_id", sorted(DRAWN))
def test_every_page_marks_exactly_one_link_of_the_menu_as_current_and_loads_nothing_from_elsewhere(
    people, world, travel_rates, page_id
):
    viewer = DRAWN[page_id]
    response = fetch(people, viewer, page(page_id).url(world))
    assert response.status_code == 200, f"{page_id} as {viewer}"

    shell = shell_of(response.content.decode())
    assert len(shell.current) == 1, f"{page_id} as {viewer} marks {shell.current} as the current page"
    assert shell.assets, page_id
    for asset in shell.assets:
        assert asset.startswith("/static/"), f"{page_id} loads {asset} from elsewhere"


CURRENT = [
    # (who, path, the text of the one current link)
    ("treasurer", "/claims/queue/", "Käsiteltävät"),
    ("treasurer", "/claims/", "Omat matkalaskut"),
    ("treasurer", "/claims/payments/", "Maksuerät"),
    ("member", "/claims/", "Omat matkalaskut"),
    ("member", "/plan/2022/", "Tavoitteet"),
    ("member", "/practices/", "Tavoitteet"),
    ("member", "/meetings/calendar/", "Kokoukset"),
    ("member", "/accounts/email/", "Oma profiili"),
    ("member", "/", "Digitutorit"),
    (None, "/accounts/password/reset/", "Kirjaudu sisään"),
    (None, "/join/thanks/", "Liity ryhmään"),
    (None, "/privacy/", "Tietosuojaseloste"),
]


@pytest.mark.parametrize(("who", "path", "link"), CURRENT)
def test_the_current_link_is_the_part_of_the_portal_the_page_belongs_to(people, who, path, link):
    response = fetch(people, who, path)

    assert shell_of(response.content.decode()).current == [link]


def claims_menu(html):
    found = re.search(r'id="menu-claim_list".*?<ul class="dropdown-menu"[^>]*>(.*?)</ul>', html, re.DOTALL)
    return re.findall(r'<a class="dropdown-item[^"]*" href="([^"]+)"', found.group(1)) if found else None


def test_the_claims_dropdown_holds_what_each_role_may_do(people):
    assert claims_menu(fetch(people, "treasurer", "/").content.decode()) == [
        "/claims/",
        "/claims/queue/",
        "/claims/payments/",
    ]
    assert claims_menu(fetch(people, "chair", "/").content.decode()) == ["/claims/", "/claims/queue/"]
    member_page = fetch(people, "member", "/").content.decode()
    assert claims_menu(member_page) is None  # one link is no dropdown
    assert '<a class="nav-link" href="/claims/">' in member_page
    assert 'href="/claims/' not in fetch(people, None, "/").content.decode()


def test_the_account_menu_holds_the_profile_the_languages_and_the_logout(people):
    html = fetch(people, "chair", "/").content.decode()
    account = html[html.index('id="menu-account"') : html.index("</header>")]

    assert 'href="/profile/"' in account
    assert 'href="/admin/"' in account
    assert re.findall(r'name="language" value="(\w+)"', account) == ["fi", "sv", "en"]
    assert 'action="/accounts/logout/"' in account
    assert "Anne Heino" in account


def test_the_icon_sprite_and_favicons_are_served_from_this_server(client, db):
    for path in (
        "/static/vendor/bootstrap-icons/bootstrap-icons.svg",
        "/static/img/favicon.svg",
        "/static/img/favicon.ico",
        "/static/img/apple-touch-icon.png",
        "/static/css/admin.css",
        "/static/js/menu.js",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
    sprite = b"".join(client.get("/static/vendor/bootstrap-icons/bootstrap-icons.svg").streaming_content)
    for name in ("calendar3", "receipt", "flag", "person-circle", "arrow-right", "check2-all"):
        assert f'id="{name}"'.encode() in sprite, name


def test_the_back_office_wears_the_portals_colours_logo_and_favicon_and_leads_back_to_the_portal(client_as, chair):
    html = client_as(chair).get("/admin/").content.decode()

    assert re.search(r'<link rel="stylesheet" href="/static/css/admin\.css"', html)
    brand = r'<a class="portal-brand" href="/"><img src="/static/img/logo\.svg" alt="" [^>]*>Digitutorit</a>'
    assert re.search(brand, html)
    assert 'rel="icon" href="/static/img/favicon.svg"' in html
    assert 'rel="icon" href="/static/img/favicon.ico"' in html
