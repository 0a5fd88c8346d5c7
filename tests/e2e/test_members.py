"""Browser journeys through the members pages: the roster, member pages, my profile, joining and invitations."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from members import services
from members.models import JoinRequest, Member, Region, RosterRole, TravelDetails
from tests.e2e.conftest import (
    EMAIL_LABEL,
    LOGIN_BUTTON,
    MENU_BUTTON,
    PASSWORD_LABEL,
    PHONE,
    assert_focus_ring_is_visible,
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    tab_to,
)
from tests.factories import TEST_PASSWORD, LibraryFactory, MemberFactory, RosterEntryFactory, RosterFactory

pytestmark = pytest.mark.browser

THIS_YEAR = timezone.localdate().year
IBAN = "FI21 1234 5600 0007 85"
MAX_TAB_STOPS = 40
# Labels of required fields end in an asterisk; these match with or without it.
IBAN_LABEL = re.compile(r"^\s*Pankkitili \(IBAN\)")
NEW_PASSWORD_LABEL = re.compile(r"^\s*Salasana\*?\s*$")


@pytest.fixture
def rosters(member, other_member, chair):
    """2022's roster with Anne Heino as chair, and this year's with Vesa Taimi as chair."""
    ake = LibraryFactory(name="Turun kaupunginkirjasto – AKE", municipality="turku", region=Region.VARSINAIS_SUOMI)
    pori = LibraryFactory(name="Porin kaupunginkirjasto", municipality="pori", region=Region.SATAKUNTA)
    naantali = LibraryFactory(name="Naantalin kaupunginkirjasto", municipality="naantali")
    anne, maija, vesa = (Member.objects.get(user=user) for user in [chair, member, other_member])
    for person, library in [(anne, ake), (maija, pori), (vesa, naantali)]:
        person.library = library
        person.save()
    liisa = MemberFactory(first_name="Liisa", last_name="Lukija", library=pori)

    old = RosterFactory(year=2022)
    RosterEntryFactory(roster=old, member=anne, role=RosterRole.CHAIR)
    for person in [maija, vesa, liisa]:
        RosterEntryFactory(roster=old, member=person)
    current = RosterFactory(year=THIS_YEAR)
    RosterEntryFactory(roster=current, member=vesa, role=RosterRole.CHAIR)
    RosterEntryFactory(roster=current, member=maija)
    RosterEntryFactory(roster=current, member=liisa)
    return {2022: old, THIS_YEAR: current}


@pytest.fixture
def fresh_rate_limits():
    """The join form allows a few requests an hour from one address; each test starts with none used."""
    cache.clear()
    yield
    cache.clear()


def type_into(field, text):
    """Empties a field and types into it key by key, as a person does."""
    field.clear()
    field.press_sequentially(text)


def roster_row(page, name):
    return page.get_by_role("table").get_by_role("row").filter(has=page.get_by_role("rowheader", name=name))


def reauthenticate(page, password=TEST_PASSWORD):
    """allauth's 'confirm access' page: type the password again and confirm."""
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Vahvista pääsy|Confirm Access"))
    page.get_by_label(PASSWORD_LABEL).press_sequentially(password)
    page.get_by_role("main").get_by_role("button", name=re.compile("^(Vahvista|Confirm)$")).click()


def invitation_link(chair):
    """Invites a new member the way the chair does and returns the path of the link in the email."""
    invitee = MemberFactory(first_name="Outi", last_name="Uusi", email="outi.uusi@example.org")
    services.member_invite(member=invitee, acting_user=chair)
    (email,) = [message for message in mail.outbox if invitee.email in message.to]
    return re.search(r"https?://[^/\s]+(/invitation/[^/\s]+/)", email.body).group(1)


# --- journeys ---------------------------------------------------------------------------------------


def test_member_browses_the_roster_and_edits_their_profile_and_bank_account(
    page, live_server, member, rosters, transactional_db
):
    page.goto(live_server.url)
    page.get_by_role("navigation").get_by_role("link", name=LOGIN_BUTTON).click()
    page.get_by_label(EMAIL_LABEL).press_sequentially(member.email)
    page.get_by_label(PASSWORD_LABEL).press_sequentially(TEST_PASSWORD)
    page.get_by_role("main").get_by_role("button", name=LOGIN_BUTTON).click()
    menu = page.get_by_role("navigation", name="Päävalikko")
    expect(menu.get_by_role("button", name=re.compile("Maija Tapio"))).to_be_visible()
    expect(menu.get_by_role("link", name="Liity ryhmään")).to_have_count(0)

    # The roster of this year, from the menu.
    menu.get_by_role("link", name="Jäsenet", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/members/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Jäsenet {THIS_YEAR}")
    expect(menu.get_by_role("link", name="Jäsenet", exact=True)).to_have_attribute("aria-current", "page")
    expect(roster_row(page, re.compile("Vesa Taimi"))).to_contain_text("puheenjohtaja")
    expect(roster_row(page, re.compile("Anne Heino"))).to_have_count(0)

    # 2022 with the year switcher: Anne Heino was the chair then.
    years = page.get_by_role("navigation", name="Jäsenluettelon vuosi")
    expect(years.get_by_role("link", name=str(THIS_YEAR))).to_have_attribute("aria-current", "page")
    years.get_by_role("link", name="2022").click()
    expect(page).to_have_url(f"{live_server.url}/members/?year=2022")
    expect(page.get_by_role("heading", level=1)).to_have_text("Jäsenet 2022")
    expect(years.get_by_role("link", name="2022")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("table").get_by_role("row")).to_have_count(1 + 4)
    chair_row = roster_row(page, re.compile("Anne Heino"))
    expect(chair_row).to_contain_text("puheenjohtaja")
    expect(chair_row).to_contain_text("Turun kaupunginkirjasto – AKE")
    expect(chair_row).to_contain_text("Turku")
    expect(roster_row(page, re.compile("Vesa Taimi"))).not_to_contain_text("puheenjohtaja")
    expect(roster_row(page, re.compile("Liisa Lukija"))).to_contain_text("Pori")

    # A member page.
    chair_row.get_by_role("link", name="Anne Heino").click()
    expect(page).to_have_url(re.compile(r"/members/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Anne Heino")
    expect(page.get_by_role("main")).to_contain_text("Turun kaupunginkirjasto – AKE")
    expect(page.get_by_role("main").get_by_role("link", name="2022")).to_be_visible()

    # My profile, from the account menu: the phone number, then the home municipality (Parainen, which the list of
    # 2010 did not have).
    menu.get_by_role("button", name="Maija Tapio").click()
    menu.get_by_role("link", name="Oma profiili").click()
    expect(page).to_have_url(f"{live_server.url}/profile/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Oma profiili")
    contact = page.get_by_role("region", name="Yhteystiedot")
    type_into(contact.get_by_label("Puhelin"), "040 123 4567")
    contact.get_by_role("button", name="Tallenna yhteystiedot").click()
    expect(page.get_by_role("status")).to_have_text("Yhteystietosi on tallennettu.")
    expect(page.get_by_role("region", name="Yhteystiedot").get_by_label("Puhelin")).to_have_value("040 123 4567")

    travel = page.get_by_role("region", name="Matkatiedot")
    type_into(travel.get_by_label("Kotiosoite"), "Kotikatu 1 A 2")
    travel.get_by_label("Kotikunta").select_option(label="Parainen")
    travel.get_by_role("button", name="Tallenna matkatiedot").click()
    expect(page.get_by_role("status")).to_have_text("Matkatietosi on tallennettu.")
    travel = page.get_by_role("region", name="Matkatiedot")
    expect(travel.get_by_label("Kotikunta")).to_have_value("parainen")
    expect(travel.get_by_label("Kotikunta").locator("option:checked")).to_have_text("Parainen")
    expect(travel.get_by_label("Kotiosoite")).to_have_value("Kotikatu 1 A 2")
    expect(page.get_by_role("region", name="Yhteystiedot").get_by_label("Puhelin")).to_have_value("040 123 4567")

    # The bank account: the password again first.
    travel.get_by_role("link", name="Lisää pankkitili").click()
    reauthenticate(page)
    expect(page).to_have_url(f"{live_server.url}/profile/bank-account/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pankkitili")
    page.get_by_label(IBAN_LABEL).press_sequentially(IBAN)
    page.get_by_role("button", name="Tallenna pankkitili").click()

    expect(page).to_have_url(f"{live_server.url}/profile/")
    expect(page.get_by_role("status")).to_have_text("Pankkitilisi on tallennettu.")
    travel = page.get_by_role("region", name="Matkatiedot")
    expect(travel).to_contain_text("FI•• •••• •••• ••07 85")
    expect(travel.get_by_role("link", name="Vaihda pankkitili")).to_be_visible()
    for clear_text in ["FI21", "1234 5600", "12345600", "0007"]:
        expect(page.locator("body")).not_to_contain_text(clear_text)

    saved = Member.objects.get(user=member)
    assert saved.phone == "040 123 4567"
    details = TravelDetails.objects.get(member=saved)
    assert (details.home_municipality, details.iban) == ("parainen", "FI2112345600000785")


def test_the_bank_account_page_refuses_an_iban_with_a_wrong_checksum(
    page, live_server, log_in, member, transactional_db
):
    log_in(page, member)
    page.goto(f"{live_server.url}/profile/bank-account/")
    reauthenticate(page)
    field = page.get_by_label(IBAN_LABEL)
    field.press_sequentially("FI21 1234 5600 0007 86")
    page.get_by_role("button", name="Tallenna pankkitili").click()

    expect(page).to_have_url(f"{live_server.url}/profile/bank-account/")
    expect(field).to_have_attribute("aria-invalid", "true")
    assert not TravelDetails.objects.filter(member__user=member).exclude(iban="").exists()


def test_member_changes_their_password_from_the_profile(page, live_server, log_in, member, transactional_db):
    log_in(page, member)
    page.goto(f"{live_server.url}/profile/")
    page.get_by_role("region", name="Kirjautuminen ja tietoturva").get_by_role("link", name="Vaihda salasana").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vaihda salasana")

    page.get_by_label("Nykyinen salasana").press_sequentially(TEST_PASSWORD)
    page.get_by_label(re.compile(r"^\s*Uusi salasana\*?\s*$")).press_sequentially("vaihdettu-salasana-2026")
    page.get_by_label("Uusi salasana (uudestaan)").press_sequentially("vaihdettu-salasana-2026")
    page.get_by_role("main").get_by_role("button", name="Vaihda salasana").click()

    expect(page.get_by_role("status")).to_contain_text("Salasana vaihto onnistui.")
    member.refresh_from_db()
    assert member.check_password("vaihdettu-salasana-2026")


def test_visitor_asks_to_join_the_group_from_the_menu(page, live_server, chair, fresh_rate_limits, transactional_db):
    page.goto(live_server.url)
    page.get_by_role("navigation").get_by_role("link", name="Liity ryhmään").click()
    expect(page).to_have_url(f"{live_server.url}/join/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Liity työryhmään")

    page.get_by_label("Etunimi").press_sequentially("Liisa")
    page.get_by_label("Sukunimi").press_sequentially("Lukija")
    page.get_by_label("Kirjasto").press_sequentially("Porin kaupunginkirjasto")
    page.get_by_label("Sähköpostiosoite").press_sequentially("liisa.lukija@example.org")
    page.get_by_label("Viesti").press_sequentially("Olen kiinnostunut digiopastuksesta.")
    page.get_by_role("button", name="Lähetä pyyntö").click()

    expect(page).to_have_url(f"{live_server.url}/join/thanks/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kiitos")
    request = JoinRequest.objects.get()
    assert (request.first_name, request.library, request.email) == (
        "Liisa",
        "Porin kaupunginkirjasto",
        "liisa.lukija@example.org",
    )
    assert [message.to for message in mail.outbox] == [[chair.email]]


def test_keyboard_user_switches_the_roster_year_and_sees_where_focus_is(
    page, live_server, log_in, member, rosters, transactional_db
):
    log_in(page, member)
    page.goto(f"{live_server.url}/members/")
    year_2022 = page.get_by_role("navigation", name="Jäsenluettelon vuosi").get_by_role("link", name="2022")

    tab_to(page, year_2022, max_tab_stops=MAX_TAB_STOPS)
    assert_focus_ring_is_visible(year_2022)
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{live_server.url}/members/?year=2022")
    expect(page.get_by_role("heading", level=1)).to_have_text("Jäsenet 2022")
    member_link = page.get_by_role("table").get_by_role("link", name="Anne Heino")
    tab_to(page, member_link, max_tab_stops=MAX_TAB_STOPS)
    assert_focus_ring_is_visible(member_link)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Anne Heino")


def test_keyboard_user_never_tabs_into_the_join_forms_trap_for_bots(page, live_server, transactional_db):
    page.goto(f"{live_server.url}/join/")
    trap = page.locator("input[name=website]")
    submit = page.get_by_role("button", name="Lähetä pyyntö")
    expect(trap).to_be_attached()
    expect(trap).not_to_be_in_viewport()
    expect(page.get_by_role("textbox", name="Jätä tämä kenttä tyhjäksi")).to_have_count(0)

    page.get_by_label("Etunimi").focus()
    visited = []
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        visited.append(page.evaluate("document.activeElement.name || document.activeElement.textContent.trim()"))
        if submit.evaluate("element => element === document.activeElement"):
            break
    else:
        raise AssertionError(f"Tab never reached the submit button; focus went through {visited}")
    assert "website" not in visited, f"Tab stopped in the hidden field: {visited}"
    assert visited[:-1] == ["last_name", "library", "email", "message"]


def test_invited_person_sets_a_password_and_is_logged_in(page, live_server, chair, transactional_db):
    path = invitation_link(chair)
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hyväksy kutsu")

    page.get_by_label(NEW_PASSWORD_LABEL).press_sequentially("uusi-salasana-2026")
    page.get_by_label("Salasana (uudelleen)").press_sequentially("uusi-salasana-2026")
    page.get_by_role("button", name="Tallenna salasana ja kirjaudu sisään").click()

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("navigation").get_by_role("button", name=re.compile("Outi Uusi"))).to_be_visible()
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kutsulinkki ei toimi")


# --- accessibility ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/members/", "/members/?year=2022", "member page", "/profile/"])
def test_members_page_has_no_wcag_21_a_or_aa_violations(
    page, live_server, log_in, member, rosters, transactional_db, path
):
    if path == "member page":
        path = rosters[2022].entries.get(role=RosterRole.CHAIR).member.get_absolute_url()
    log_in(page, member)
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    assert_no_axe_violations(page)


def test_profile_with_an_invalid_phone_number_has_no_wcag_21_a_or_aa_violations(
    page, live_server, log_in, member, transactional_db
):
    log_in(page, member)
    page.goto(f"{live_server.url}/profile/")
    phone = page.get_by_label("Puhelin")
    type_into(phone, "soita minulle")
    page.get_by_role("button", name="Tallenna yhteystiedot").click()
    expect(phone).to_have_attribute("aria-invalid", "true")
    # In the error summary at the top and beside the field.
    expect(page.get_by_text("Anna puhelinnumero")).to_have_count(2)

    assert_no_axe_violations(page)


def test_profile_of_a_treasurer_without_a_member_record_has_no_wcag_21_a_or_aa_violations(
    page, live_server, log_in, treasurer, transactional_db
):
    log_in(page, treasurer)
    page.goto(f"{live_server.url}/profile/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Oma profiili")

    assert_no_axe_violations(page)


def test_reauthentication_and_bank_account_pages_have_no_wcag_21_a_or_aa_violations(
    page, live_server, log_in, member, transactional_db
):
    log_in(page, member)
    page.goto(f"{live_server.url}/profile/bank-account/")
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    assert_no_axe_violations(page)

    reauthenticate(page, password="not-the-password")
    expect(page.get_by_label(PASSWORD_LABEL)).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)

    page.get_by_label(PASSWORD_LABEL).clear()
    reauthenticate(page)
    expect(page).to_have_url(f"{live_server.url}/profile/bank-account/")
    assert_no_axe_violations(page)

    page.get_by_label(IBAN_LABEL).press_sequentially("FI00 1234")
    page.get_by_role("button", name="Tallenna pankkitili").click()
    expect(page.get_by_label(IBAN_LABEL)).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)


def test_join_pages_have_no_wcag_21_a_or_aa_violations(page, live_server, fresh_rate_limits, transactional_db):
    page.goto(f"{live_server.url}/join/")
    assert_no_axe_violations(page)

    # Only spaces: the browser lets it through, the server finds the name missing.
    page.get_by_label("Etunimi").press_sequentially("   ")
    page.get_by_label("Sukunimi").press_sequentially("Lukija")
    page.get_by_label("Kirjasto").press_sequentially("Porin kaupunginkirjasto")
    page.get_by_label("Sähköpostiosoite").press_sequentially("liisa.lukija@example.org")
    page.get_by_role("button", name="Lähetä pyyntö").click()
    expect(page.get_by_label("Etunimi")).to_have_attribute("aria-invalid", "true")
    # In the error summary at the top and beside the field.
    expect(page.get_by_text("Tämä kenttä vaaditaan.")).to_have_count(2)
    assert_no_axe_violations(page)

    page.goto(f"{live_server.url}/join/thanks/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kiitos")
    assert_no_axe_violations(page)


def test_invitation_pages_have_no_wcag_21_a_or_aa_violations(page, live_server, chair, transactional_db):
    path = invitation_link(chair)
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hyväksy kutsu")
    assert_no_axe_violations(page)

    page.get_by_label(NEW_PASSWORD_LABEL).press_sequentially("uusi-salasana-2026")
    page.get_by_label("Salasana (uudelleen)").press_sequentially("toinen-salasana-2026")
    page.get_by_role("button", name="Tallenna salasana ja kirjaudu sisään").click()
    expect(page.get_by_label("Salasana (uudelleen)")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)

    page.goto(f"{live_server.url}/invitation/not-a-real-token/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kutsulinkki ei toimi")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("path", ["/members/", "/members/?year=2022", "/profile/", "/join/"])
def test_members_page_has_no_horizontal_scroll_on_a_phone(
    new_page, live_server, log_in, member, rosters, transactional_db, path, width
):
    page = new_page({"width": width, "height": PHONE["height"]})
    log_in(page, member)
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    assert_no_horizontal_scroll(page)


@pytest.mark.parametrize("path", ["/members/", "/profile/"])
def test_members_page_on_a_phone_with_the_menu_open_has_no_wcag_21_a_or_aa_violations(
    phone_page, live_server, log_in, member, rosters, transactional_db, path
):
    log_in(phone_page, member)
    phone_page.goto(f"{live_server.url}{path}")
    phone_page.get_by_role("button", name=MENU_BUTTON).click()
    menu = phone_page.get_by_role("navigation", name="Päävalikko")
    expect(menu.get_by_role("link", name="Jäsenet", exact=True)).to_be_visible()
    menu.get_by_role("button", name="Maija Tapio").click()
    expect(menu.get_by_role("link", name="Oma profiili")).to_be_visible()

    assert_no_axe_violations(phone_page)
