"""The meetings list's cards and the members list's rows, written in Python, show what the template loops they
replaced showed (the markup differs only in the blank space between tags)."""

import re
from datetime import timedelta

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from meetings import selectors
from meetings.models import Answer, AttendanceMode, MeetingFormat, MeetingStatus
from members.models import RosterEntry
from members.selectors import roster_entries_for_year
from tests.factories import LibraryFactory, MemberFactory, RosterEntryFactory, RosterFactory
from tests.meetings.factories import AttendanceAnswerFactory, AttendanceRecordFactory, MeetingFactory
from tests.members.test_member_list_markup import old_roster_entries

pytestmark = pytest.mark.django_db

# templates/meetings/includes/meeting_card.html until the meeting_cards filter.
CARD_TEMPLATE = """{% load i18n meeting_tags %}{% for meeting in meetings %}<li class="list-group-item">
  <h3 class="h5 mb-1"><a href="{{ meeting.get_absolute_url }}">{{ meeting.title }}</a>
    {% if meeting.status == "cancelled" %}<span class="badge text-bg-danger ms-1">{% translate "Cancelled" %}</span>{% elif meeting.status == "held" %}<span class="badge text-bg-secondary ms-1">{% translate "Held" %}</span>{% elif meeting.status == "draft" %}<span class="badge text-bg-warning ms-1">{% translate "Draft" %}</span>{% endif %}
  </h3>
  <p class="mb-1">{{ meeting|meeting_when }} · {{ meeting.get_format_display }}{% if meeting.has_venue and meeting.venue_name %} · {{ meeting.venue_name }}{% endif %}</p>
  {% if meeting.status == "published" and meeting.answers_open %}
  <p class="mb-0 text-body-secondary">{% blocktranslate with in_person=meeting.in_person_count remote=meeting.remote_count %}Coming: {{ in_person }} in person, {{ remote }} remotely{% endblocktranslate %}</p>
  {% elif meeting.status == "held" and meeting.attended_in_person|add:meeting.attended_remotely %}
  <p class="mb-0 text-body-secondary">{% blocktranslate with in_person=meeting.attended_in_person remote=meeting.attended_remotely %}Attended: {{ in_person }} in person, {{ remote }} remotely.{% endblocktranslate %}</p>
  {% endif %}
</li>{% endfor %}"""  # noqa: E501

ROW_TEMPLATE = """{% load i18n %}{% for entry in entries %}<tr role="row">
        <th scope="row" role="rowheader">
          {% if entry.member.anonymised_at %}{{ entry.member.full_name }}{% else %}<a href="{{ entry.member.get_absolute_url }}">{{ entry.member.full_name }}</a>{% endif %}
          {% if entry.role == "chair" %}<span class="badge text-bg-dark ms-1">{% translate "chair" %}</span>{% endif %}
        </th>
        <td role="cell" data-label="{% translate "Library" %}">{{ entry.library.name|default:"–" }}</td>
        <td role="cell" data-label="{% translate "Municipality" %}">{{ entry.library.get_municipality_display|default:"–" }}</td>
      </tr>{% endfor %}"""  # noqa: E501


def squeezed(html):
    """Blank space around tags left out, except before a badge (<span>), where a browser shows it as a space."""
    html = re.sub(r"\s+", " ", html.strip())
    return re.sub(r" ?(<(?!span)[^>]*>) ?", r"\1", html)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_meeting_cards_show_what_the_card_template_showed(language):
    now = timezone.now()
    planned = MeetingFactory(title="Tom & Jerry <3", starts_at=now + timedelta(days=3), venue_name="Sali & kahvio")
    remote = MeetingFactory(format=MeetingFormat.REMOTE, starts_at=now + timedelta(days=9), venue_name="Ei näy")
    held = MeetingFactory(status=MeetingStatus.HELD, starts_at=now - timedelta(days=9))
    empty_held = MeetingFactory(status=MeetingStatus.HELD, starts_at=now - timedelta(days=20))
    MeetingFactory(status=MeetingStatus.CANCELLED, starts_at=now - timedelta(days=30))
    MeetingFactory(status=MeetingStatus.DRAFT, starts_at=now + timedelta(days=40))
    AttendanceAnswerFactory(meeting=planned, answer=Answer.IN_PERSON)
    AttendanceAnswerFactory(meeting=planned, answer=Answer.REMOTE)
    AttendanceAnswerFactory(meeting=planned, answer=Answer.NOT_COMING)
    AttendanceRecordFactory(meeting=held, mode=AttendanceMode.IN_PERSON)
    AttendanceRecordFactory(meeting=held, mode=AttendanceMode.REMOTE)
    upcoming, past = selectors.meetings_for_list()
    meetings = [*upcoming, *past]
    assert {remote, empty_held} <= set(meetings)

    with translation.override(language):
        old = Template(CARD_TEMPLATE).render(Context({"meetings": meetings}))
        new = Template("{% load meeting_tags %}{{ meetings|meeting_cards }}").render(Context({"meetings": meetings}))

    assert "Tom &amp; Jerry &lt;3" in new
    assert squeezed(new) == squeezed(old)


@pytest.mark.parametrize("language", ["fi", "en"])
def test_the_roster_rows_show_what_the_row_template_showed(language):
    roster = RosterFactory()
    RosterEntryFactory(roster=roster, role="chair", member=MemberFactory(first_name="Ä & <b>"))
    RosterEntryFactory(roster=roster, library=LibraryFactory(municipality="Pori"))
    RosterEntryFactory(roster=roster, member=MemberFactory(anonymised_at=timezone.now()))
    entries = old_roster_entries(roster.year)
    RosterEntry.objects.filter(pk__in=[entry.pk for entry in entries[2:]]).update(library=None)  # shows dashes
    entries = old_roster_entries(roster.year)
    rows = roster_entries_for_year(roster.year)

    with translation.override(language):
        old = Template(ROW_TEMPLATE).render(Context({"entries": entries}))
        new = Template("{% load roster_tags %}{{ entries|roster_rows }}").render(Context({"entries": rows}))

    assert "Ä &amp; &lt;b&gt;" in new
    assert "–" in new
    assert squeezed(new) == squeezed(old)
