"""Browser journeys through the meetings and the action day: answering, registering, cancelling, accessibility."""

import re
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from playwright.sync_api import expect

from meetings.actionday.models import Registration, RegistrationStatus
from meetings.models import Answer, AttendanceAnswer, AttendanceMode, MeetingFormat, MeetingStatus
from tests.e2e.conftest import (
    PHONE,
    assert_focus_ring_is_visible,
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    tab_to,
)
from tests.meetings.factories import (
    ActionDayFactory,
    AttendanceAnswerFactory,
    AttendanceRecordFactory,
    MeetingAttachmentFactory,
    MeetingFactory,
    ProgrammeItemFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.browser

# The words a person looks for; the Finnish ones are what the translators settled on, the English the fallback.
MAIN_MENU = re.compile(r"^\s*(Päävalikko|Main menu)\s*$", re.IGNORECASE)
MEETINGS_LINK = re.compile(r"^\s*(Kokoukset|Meetings)\s*$", re.IGNORECASE)
REMOTELY = re.compile(r"^\s*(Etänä|Remotely)\s*$", re.IGNORECASE)
IN_PERSON = re.compile(r"^\s*(Paikan päällä|In person)\s*$", re.IGNORECASE)
NOT_COMING = re.compile(r"^\s*(En tule|Ei tule|En pääse|Not coming)\s*$", re.IGNORECASE)
CANCEL_LINK = re.compile(r"https?://[^/\s]+(/action-day/cancel/[\w-]+/)")

MAX_TAB_STOPS = 40
THIS_YEAR = timezone.localdate().year
ACTION_DAY_YEAR = THIS_YEAR + 1
MINUTES = """\
**Puheenjohtaja** Anne Heino avasi kokouksen klo 13.05.

1. Todettiin läsnäolijat.
2. Sovittiin toimintapäivän teemasta: *Digituki arjessa*.
3. Seuraava kokous syksyllä.

| Asia | Vastuu |
| --- | --- |
| Toimintapäivän ohjelma | Maija Tapio |
| Tilavaraus | Anne Heino |
| Tallenteen jako | https://turku.example.org/jaot/digitutorit/kevatkokous-2022-tallenne-ja-esitysdiat |

Tallenne: https://turku.example.org/tallenteet/digitutorit/kevatkokous-2022-osa-1-avaus-ja-toimintapaivan-suunnittelu
"""


def shown(message, **values):
    """A message as the portal shows it right now: the Finnish translation once it has landed, else the English."""
    with translation.override("fi"):
        text = gettext(message)
    return text % values if values else text


def shown_count(singular, plural, count):
    with translation.override("fi"):
        return ngettext(singular, plural, count) % {"counter": count}


def exactly(text):
    """Matches the whole accessible name, ignoring case and the asterisk that marks a required field."""
    return re.compile(rf"^\s*{re.escape(capfirst(text))}\s*\*?\s*$", re.IGNORECASE)


def aware(*args):
    return timezone.make_aware(datetime(*args))


def coming_counts(in_person, remote, not_coming):
    """The "who is coming" sentence, e.g. "1 in person, 0 remotely, 0 not coming."."""
    return (
        f"{shown_count('%(counter)s in person', '%(counter)s in person', in_person)}, "
        f"{shown_count('%(counter)s remotely', '%(counter)s remotely', remote)}, "
        f"{shown_count('%(counter)s not coming', '%(counter)s not coming', not_coming)}."
    )


# --- data ---------------------------------------------------------------------------------------------


@pytest.fixture
def meetings(member, other_member, chair):
    """An upcoming hybrid meeting Vesa comes to in person, a remote one, a cancelled one, and 2022's held meeting."""
    maija, vesa, anne = member.member, other_member.member, chair.member
    starts = (timezone.now() + timedelta(days=7)).replace(minute=0, second=0, microsecond=0)
    upcoming = MeetingFactory(title="Syyskokous", starts_at=starts, ends_at=starts + timedelta(hours=2))
    AttendanceAnswerFactory(meeting=upcoming, member=vesa, answer=Answer.IN_PERSON)
    remote = MeetingFactory(
        title="Etäpalaveri",
        format=MeetingFormat.REMOTE,
        venue_name="",
        venue_address="",
        venue_municipality="",
        starts_at=starts + timedelta(days=14),
        ends_at=starts + timedelta(days=14, hours=1),
    )
    cancelled = MeetingFactory(
        title="Peruttu kokous",
        status=MeetingStatus.CANCELLED,
        starts_at=starts + timedelta(days=21),
        ends_at=starts + timedelta(days=21, hours=2),
    )
    held = MeetingFactory(
        title="Kevätkokous 2022",
        starts_at=aware(2022, 3, 15, 13),
        ends_at=aware(2022, 3, 15, 15),
        status=MeetingStatus.HELD,
        minutes=MINUTES,
    )
    AttendanceAnswerFactory(meeting=held, member=maija, answer=Answer.REMOTE, note="Junat myöhässä")
    AttendanceAnswerFactory(meeting=held, member=anne, answer=Answer.IN_PERSON)
    AttendanceAnswerFactory(meeting=held, member=vesa, answer=Answer.NOT_COMING)
    AttendanceRecordFactory(meeting=held, member=maija, mode=AttendanceMode.REMOTE)
    AttendanceRecordFactory(meeting=held, member=anne, mode=AttendanceMode.IN_PERSON)
    MeetingAttachmentFactory(meeting=held, title="Esitysdiat")
    MeetingAttachmentFactory(meeting=held, title="Toimintasuunnitelma 2022")
    autumn_2022 = MeetingFactory(
        title="Syyskokous 2022",
        format=MeetingFormat.REMOTE,
        starts_at=aware(2022, 10, 4, 14),
        ends_at=aware(2022, 10, 4, 15, 30),
        status=MeetingStatus.HELD,
    )
    return {"upcoming": upcoming, "remote": remote, "cancelled": cancelled, "held": held, "autumn_2022": autumn_2022}


@pytest.fixture
def action_day(member, other_member):
    """Next year's action day with a programme in which two members have their part; one place of three is taken."""
    day = ActionDayFactory(year=ACTION_DAY_YEAR, theme="Digituki arjessa", capacity=3)
    ProgrammeItemFactory(
        action_day=day,
        title="Tervetuloa",
        description="Päivän avaus.",
        presenters=[member.member],
    )
    ProgrammeItemFactory(
        action_day=day,
        starts_at=datetime(2000, 1, 1, 11).time(),
        ends_at=datetime(2000, 1, 1, 12).time(),
        title="Pankkitunnukset ja mobiilivarmenne",
        presenters=[other_member.member],
        outside_presenters="Liisa Lukija (Digi- ja väestötietovirasto)",
    )
    RegistrationFactory(action_day=day, name="Kaisa Kirjastolainen", email="kaisa@example.org")
    return day


@pytest.fixture
def full_action_day():
    """Next year's action day with one place, already taken."""
    day = ActionDayFactory(year=ACTION_DAY_YEAR, theme="Digituki arjessa", capacity=1)
    RegistrationFactory(action_day=day, name="Kaisa Kirjastolainen", email="kaisa@example.org")
    return day


def register(page, *, name, library, email, dietary_needs="", consent=True):
    """Fills in the action day's registration form as a person would, and sends it."""
    page.get_by_label(exactly(shown("name"))).fill(name)
    page.get_by_label(exactly(shown("library"))).fill(library)
    page.get_by_label(exactly(shown("email address"))).fill(email)
    if dietary_needs:
        page.get_by_label(exactly(shown("dietary needs"))).fill(dietary_needs)
    if consent:
        page.get_by_label(
            shown("I agree that my name, library, email address and dietary needs are stored to organise the day.")
        ).check()
    page.get_by_role("button", name=exactly(shown("Register"))).click()


def mail_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def cancel_path_in(message):
    match = CANCEL_LINK.search(message.body)
    assert match, f"no cancel link in the email:\n{message.body}"
    return match.group(1)


# --- journeys -----------------------------------------------------------------------------------------


def test_member_answers_remotely_and_changes_to_in_person(
    page, live_server, log_in, member, meetings, transactional_db
):
    log_in(page, member)
    page.get_by_role("navigation", name=MAIN_MENU).get_by_role("link", name=MEETINGS_LINK).click()
    expect(page).to_have_url(f"{live_server.url}/meetings/")
    expect(page.get_by_role("heading", level=1)).to_have_text(MEETINGS_LINK)
    upcoming = page.get_by_role("region", name=shown("Upcoming meetings"))
    upcoming.get_by_role("link", name="Syyskokous").click()

    expect(page).to_have_url(f"{live_server.url}{meetings['upcoming'].get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Syyskokous")
    expect(page.get_by_role("main")).to_contain_text(shown("You have not answered yet."))
    for choice in (IN_PERSON, REMOTELY, NOT_COMING):
        expect(page.get_by_role("button", name=choice)).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_role("main")).to_contain_text(coming_counts(1, 0, 0))

    page.get_by_role("button", name=REMOTELY).click()

    expect(page.get_by_role("status")).to_have_text(
        shown("Your answer was saved: %(answer)s.", answer=shown("Remotely"))
    )
    answer = page.get_by_role("region", name=shown("Will you come?"))
    expect(answer.locator("strong")).to_have_text(REMOTELY)
    expect(page.get_by_role("button", name=REMOTELY)).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("button", name=IN_PERSON)).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_role("main")).to_contain_text(coming_counts(1, 1, 0))
    coming = page.get_by_role("region", name=shown("Who is coming"))
    expect(coming.get_by_role("listitem").filter(has_text="Maija Tapio")).to_have_count(1)

    page.get_by_role("button", name=IN_PERSON).click()

    expect(answer.locator("strong")).to_have_text(IN_PERSON)
    expect(page.get_by_role("button", name=IN_PERSON)).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("button", name=REMOTELY)).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_role("main")).to_contain_text(coming_counts(2, 0, 0))
    saved = AttendanceAnswer.objects.get(meeting=meetings["upcoming"], member__user=member)
    assert saved.answer == Answer.IN_PERSON


def test_member_answers_without_javascript(new_page, live_server, log_in, member, meetings, transactional_db):
    page = new_page(java_script_enabled=False)
    log_in(page, member)
    page.goto(f"{live_server.url}/meetings/")
    page.get_by_role("link", name="Syyskokous", exact=True).click()
    page.get_by_label(exactly(shown("Note (optional)"))).fill("Tulen Teamsissa")

    page.get_by_role("button", name=REMOTELY).click()

    expect(page).to_have_url(f"{live_server.url}{meetings['upcoming'].get_absolute_url()}")
    expect(page.get_by_role("button", name=REMOTELY)).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("region", name=shown("Will you come?")).locator("strong")).to_have_text(REMOTELY)
    expect(page.get_by_role("main")).to_contain_text(coming_counts(1, 1, 0))
    expect(page.get_by_label(exactly(shown("Note (optional)")))).to_have_value("Tulen Teamsissa")
    saved = AttendanceAnswer.objects.get(meeting=meetings["upcoming"], member__user=member)
    assert (saved.answer, saved.note) == (Answer.REMOTE, "Tulen Teamsissa")


def test_keyboard_user_answers_and_sees_where_focus_is(page, live_server, log_in, member, meetings, transactional_db):
    log_in(page, member)
    page.goto(f"{live_server.url}{meetings['upcoming'].get_absolute_url()}")
    remotely = page.get_by_role("button", name=REMOTELY)

    tab_to(page, remotely, max_tab_stops=MAX_TAB_STOPS)
    assert_focus_ring_is_visible(remotely)
    page.keyboard.press("Enter")

    expect(page.get_by_role("button", name=REMOTELY)).to_have_attribute("aria-pressed", "true")
    in_person = page.get_by_role("button", name=IN_PERSON)
    tab_to(page, in_person, max_tab_stops=MAX_TAB_STOPS)
    assert_focus_ring_is_visible(in_person)
    page.keyboard.press("Space")

    expect(page.get_by_role("button", name=IN_PERSON)).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("button", name=REMOTELY)).to_have_attribute("aria-pressed", "false")


def test_member_cannot_answer_a_remote_meeting_in_person(page, live_server, log_in, member, meetings, transactional_db):
    log_in(page, member)
    page.goto(f"{live_server.url}{meetings['remote'].get_absolute_url()}")

    expect(page.get_by_role("button", name=REMOTELY)).to_be_visible()
    expect(page.get_by_role("button", name=IN_PERSON)).to_have_count(0)


def test_outside_person_registers_for_the_action_day_and_cancels(page, live_server, action_day, transactional_db):
    page.goto(f"{live_server.url}/action-day/{ACTION_DAY_YEAR}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Digituki arjessa")
    expect(page.get_by_role("main")).to_contain_text("Tervetuloa")
    expect(page.get_by_role("main")).to_contain_text("Maija Tapio")

    register(
        page,
        name="Pirjo Peltonen",
        library="Rauman kaupunginkirjasto",
        email="pirjo.peltonen@example.org",
        dietary_needs="gluteeniton",
    )

    expect(page).to_have_url(f"{live_server.url}/action-day/{ACTION_DAY_YEAR}/registered/")
    expect(page.get_by_role("heading", level=1)).to_have_text(shown("Registration received"))
    expect(page.get_by_role("main")).to_contain_text(
        shown('You have a place at the action day "%(theme)s".', theme="Digituki arjessa")
    )
    registration = Registration.objects.get(email="pirjo.peltonen@example.org")
    assert (registration.name, registration.library, registration.dietary_needs, registration.status) == (
        "Pirjo Peltonen",
        "Rauman kaupunginkirjasto",
        "gluteeniton",
        RegistrationStatus.CONFIRMED,
    )
    [confirmation] = mail_to("pirjo.peltonen@example.org")
    assert shown("Your place at the action day is confirmed") in confirmation.subject
    cancel_path = cancel_path_in(confirmation)
    assert cancel_path == registration.get_cancel_url()

    page.goto(f"{live_server.url}{cancel_path}")
    expect(page.get_by_role("heading", level=1)).to_have_text(shown("Your registration"))
    expect(page.get_by_role("main")).to_contain_text(shown("Confirmed"))
    page.get_by_role("button", name=shown("Cancel my registration")).click()

    expect(page.get_by_role("status")).to_have_text(shown("Your registration was cancelled."))
    expect(page.get_by_role("main").locator("strong")).to_have_text(shown("Cancelled"))
    expect(page.get_by_role("button", name=shown("Cancel my registration"))).to_have_count(0)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert len(mail.outbox) == 1, "nobody was waiting, so nobody else is told anything"


def test_registration_for_a_full_day_waits_and_moves_up_when_someone_cancels(
    page, new_page, live_server, full_action_day, transactional_db
):
    page.goto(f"{live_server.url}/action-day/{ACTION_DAY_YEAR}/")
    expect(page.get_by_role("main")).to_contain_text(
        shown(
            "The day is full: new registrations go to the waiting list, "
            "which moves up automatically when someone cancels."
        )
    )
    register(page, name="Pirjo Peltonen", library="Rauman kaupunginkirjasto", email="pirjo.peltonen@example.org")

    expect(page).to_have_url(f"{live_server.url}/action-day/{ACTION_DAY_YEAR}/registered/")
    expect(page.get_by_role("main")).to_contain_text(
        shown(
            "The day is full, so you are on the waiting list. "
            "If someone cancels, you move up automatically and get an email."
        )
    )
    waiting = Registration.objects.get(email="pirjo.peltonen@example.org")
    assert waiting.status == RegistrationStatus.WAITING
    [waiting_mail] = mail_to("pirjo.peltonen@example.org")
    assert shown("You are on the waiting list for the action day") in waiting_mail.subject
    assert cancel_path_in(waiting_mail) == waiting.get_cancel_url()

    # Kaisa, who had the place, cancels with the link from her own confirmation.
    kaisa = new_page()
    kaisa.goto(f"{live_server.url}{Registration.objects.get(email='kaisa@example.org').get_cancel_url()}")
    kaisa.get_by_role("button", name=shown("Cancel my registration")).click()
    expect(kaisa.get_by_role("status")).to_have_text(shown("Your registration was cancelled."))

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    waiting_mail, promoted_mail = mail_to("pirjo.peltonen@example.org")
    assert shown("A place at the action day has opened for you") in promoted_mail.subject
    assert cancel_path_in(promoted_mail) == waiting.get_cancel_url()
    page.goto(f"{live_server.url}{cancel_path_in(promoted_mail)}")
    expect(page.get_by_role("main").locator("strong")).to_have_text(shown("Confirmed"))
    page.goto(f"{live_server.url}/action-day/{ACTION_DAY_YEAR}/")
    expect(page.get_by_role("main")).to_contain_text(shown("%(left)s of %(capacity)s places left", left=0, capacity=1))


# --- accessibility ------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "member"])
@pytest.mark.parametrize("path", ["/meetings/", "/meetings/?year=2022"])
def test_meeting_list_has_no_wcag_21_a_or_aa_violations(
    page, live_server, log_in, member, meetings, path, who, transactional_db
):
    if who == "member":
        log_in(page, member)
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("navigation", name=shown("Meeting year"))).to_be_visible()
    expect(page.get_by_role("link", name="Kevätkokous 2022")).to_be_visible()

    assert_no_axe_violations(page)


@pytest.mark.parametrize("who", ["anonymous", "member"])
@pytest.mark.parametrize("meeting", ["upcoming", "remote", "cancelled", "held"])
def test_meeting_page_has_no_wcag_21_a_or_aa_violations(
    page, live_server, log_in, member, meetings, meeting, who, transactional_db
):
    if who == "member":
        log_in(page, member)
    page.goto(f"{live_server.url}{meetings[meeting].get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text(meetings[meeting].title)
    if who == "member" and meeting == "held":
        expect(page.get_by_role("region", name=shown("Minutes")).get_by_role("table")).to_be_visible()
        expect(page.get_by_role("link", name="Esitysdiat")).to_be_visible()

    assert_no_axe_violations(page)


def test_meeting_page_after_answering_has_no_wcag_21_a_or_aa_violations(
    page, live_server, log_in, member, meetings, transactional_db
):
    log_in(page, member)
    page.goto(f"{live_server.url}{meetings['upcoming'].get_absolute_url()}")
    page.get_by_role("button", name=NOT_COMING).click()
    expect(page.get_by_role("button", name=NOT_COMING)).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("status")).to_be_visible()

    assert_no_axe_violations(page)


def test_calendar_subscription_page_has_no_wcag_21_a_or_aa_violations(
    page, live_server, log_in, member, meetings, transactional_db
):
    log_in(page, member)
    page.goto(f"{live_server.url}/meetings/")
    page.get_by_role("link", name=shown("Subscribe to the meetings in your own calendar")).click()
    expect(page).to_have_url(f"{live_server.url}/meetings/calendar/")
    expect(page.get_by_label(shown("Your personal calendar address"))).to_have_value(re.compile(r"/meetings/calendar/"))
    assert_no_axe_violations(page)

    page.get_by_role("button", name=shown("Make a new address")).click()
    expect(page.get_by_role("status")).to_be_visible()
    assert_no_axe_violations(page)


def test_action_day_page_has_no_wcag_21_a_or_aa_violations(page, live_server, action_day, transactional_db):
    page.goto(f"{live_server.url}/action-day/")
    expect(page).to_have_url(f"{live_server.url}/action-day/{ACTION_DAY_YEAR}/")
    expect(page.get_by_role("region", name=shown("Programme"))).to_contain_text("Pankkitunnukset ja mobiilivarmenne")
    assert_no_axe_violations(page)

    # Only spaces for a name: the browser lets it through, the server finds it missing.
    register(page, name="   ", library="Rauman kaupunginkirjasto", email="pirjo.peltonen@example.org")
    expect(page.get_by_label(exactly(shown("name")))).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)

    # The same email twice: the whole form is refused with a message.
    register(page, name="Kaisa Kirjastolainen", library="Rauman kaupunginkirjasto", email="kaisa@example.org")
    expect(page.get_by_role("main")).to_contain_text(
        shown("This email address is already registered for the action day.")
    )
    assert_no_axe_violations(page)


def test_full_action_day_and_waiting_list_pages_have_no_wcag_21_a_or_aa_violations(
    page, live_server, full_action_day, transactional_db
):
    page.goto(f"{live_server.url}/action-day/{ACTION_DAY_YEAR}/")
    expect(page.get_by_role("region", name=shown("Registration")).locator("strong")).to_be_visible()
    assert_no_axe_violations(page)

    register(page, name="Pirjo Peltonen", library="Rauman kaupunginkirjasto", email="pirjo.peltonen@example.org")
    expect(page).to_have_url(f"{live_server.url}/action-day/{ACTION_DAY_YEAR}/registered/")
    assert_no_axe_violations(page)


def test_registration_done_and_cancel_pages_have_no_wcag_21_a_or_aa_violations(
    page, live_server, action_day, transactional_db
):
    page.goto(f"{live_server.url}/action-day/{ACTION_DAY_YEAR}/")
    register(page, name="Pirjo Peltonen", library="Rauman kaupunginkirjasto", email="pirjo.peltonen@example.org")
    expect(page).to_have_url(f"{live_server.url}/action-day/{ACTION_DAY_YEAR}/registered/")
    assert_no_axe_violations(page)

    page.goto(f"{live_server.url}{Registration.objects.get(email='pirjo.peltonen@example.org').get_cancel_url()}")
    expect(page.get_by_role("button", name=shown("Cancel my registration"))).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("button", name=shown("Cancel my registration")).click()
    expect(page.get_by_role("status")).to_be_visible()
    assert_no_axe_violations(page)


def test_no_action_day_page_has_no_wcag_21_a_or_aa_violations(page, live_server, transactional_db):
    ActionDayFactory(year=ACTION_DAY_YEAR, published=False)
    page.goto(f"{live_server.url}/action-day/")
    expect(page.get_by_role("heading", level=1)).to_have_text(shown("Action day"))
    expect(page.get_by_role("main")).to_contain_text(
        shown("The working group plans an action day held once a year. The next one has not been published yet.")
    )

    assert_no_axe_violations(page)


@pytest.mark.parametrize("path", ["/meetings/", "held meeting", "upcoming meeting", "action day"])
def test_meetings_page_has_no_horizontal_scroll_on_a_phone(
    new_page, live_server, log_in, member, meetings, action_day, path, transactional_db
):
    paths = {
        "held meeting": meetings["held"].get_absolute_url(),
        "upcoming meeting": meetings["upcoming"].get_absolute_url(),
        "action day": action_day.get_absolute_url(),
    }
    page = new_page(PHONE)
    log_in(page, member)
    page.goto(f"{live_server.url}{paths.get(path, path)}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    assert_no_horizontal_scroll(page)
