"""The staff's cards of the dashboard, written in Python (digitutor/home/staff_cards.py), show what
templates/pages/dashboard.html's parts showed (kept below verbatim), for each kind of person and in each state, in fi,
sv and en; the markup differs only in the blank space between tags."""

from decimal import Decimal

import pytest
from django.contrib.auth.context_processors import PermWrapper
from django.contrib.auth.models import Permission
from django.template import Context, Template
from django.utils import timezone, translation

from digitutor.home.dashboard import dashboard_for
from meetings.claims.models import Budget, ClaimStatus, FundingSource
from meetings.models import Answer, AttendanceMode, Meeting
from members.models import Member, User
from tests.claims.factories import TravelClaimFactory, at
from tests.factories import JoinRequestFactory, MemberFactory, UserFactory
from tests.goals.factories import meeting_in
from tests.meetings.factories import AttendanceAnswerFactory, AttendanceRecordFactory, MeetingFactory
from tests.meetings.test_list_markup import squeezed

pytestmark = pytest.mark.django_db

# templates/pages/dashboard.html's cards until digitutor/home/staff_cards.py.
WAITING_TEMPLATE = """{% load i18n icons %}
  {% if perms.digitutor.approve_claims or waiting %}
  <div class="col">
    <section class="dt-card dt-card-attention" aria-labelledby="waiting-heading">
      <h2 id="waiting-heading" class="dt-card-title">{% icon "inbox" %}{% translate "Waiting for you" %}</h2>
      <ul class="dt-card-list">{{ waiting_items }}</ul>
      {% if next_meeting and perms.digitutor.approve_claims %}
      <h3 class="h5">{% translate "Answers still missing for the next meeting" %}</h3>
      {% if missing_answers %}<p>{{ missing_text }}</p>{% else %}<p>{% translate "Everyone has answered." %}</p>{% endif %}
      {% endif %}
    </section>
  </div>
  {% endif %}"""  # noqa: E501

CHARTS_TEMPLATE = """{% load i18n icons %}
  {% if perms.digitutor.approve_claims %}
  <div class="col">
    <section class="dt-card" aria-labelledby="budget-chart-heading">
      <h2 id="budget-chart-heading" class="dt-card-title">{% icon "piggy-bank" %}{% blocktranslate with year=budget_year %}Budget use {{ year }}{% endblocktranslate %}</h2>
      {% if budget_year != year %}<p>{% blocktranslate with this_year=year year=budget_year %}No budget or claims for {{ this_year }} yet: showing {{ year }}, the latest year with figures.{% endblocktranslate %}</p>{% endif %}
      {{ budget_chart }}
      <p class="dt-card-footer"><a href="{% url 'claim_queue' %}?year={{ budget_year|stringformat:"d" }}">{% translate "Budgets of every year" %}</a></p>
    </section>
  </div>
  <div class="col">
    <section class="dt-card" aria-labelledby="attendance-heading">
      <h2 id="attendance-heading" class="dt-card-title">{% icon "bar-chart" %}{% blocktranslate with year=attendance_year %}Attendance {{ year }}{% endblocktranslate %}</h2>
      {% if attendance_year != year %}<p>{% blocktranslate with this_year=year year=attendance_year %}No meetings held yet in {{ this_year }}: showing {{ year }}.{% endblocktranslate %}</p>{% endif %}
      {% if attendance_bars %}{{ attendance_chart }}{% else %}<p>{% translate "No meetings held yet this year." %}</p>{% endif %}
    </section>
  </div>
  {% endif %}"""  # noqa: E501


def this_year():
    return timezone.localdate().year


def busy_year(people):
    """This year's budget, claims, meetings held with registers, and a next meeting some have not answered."""
    year = this_year()
    held = meeting_in(year, month=1, day=1, title="Tammikuun <kokous> & muut")
    for mode in (AttendanceMode.IN_PERSON, AttendanceMode.REMOTE, AttendanceMode.IN_PERSON):
        AttendanceRecordFactory(meeting=held, member=MemberFactory(), mode=mode)
    meeting_in(year, month=1, day=2, title="Toinen")
    TravelClaimFactory(
        member=people["member"].member, meeting=held, departure_at=at(year, 1, 1, 7), return_at=at(year, 1, 1, 18),
        status=ClaimStatus.APPROVED, total=Decimal("1234.50"),
    )  # fmt: skip
    Budget.objects.create(year=year, source=FundingSource.AKE_GRANT, granted=Decimal("1500.00"))
    upcoming = MeetingFactory(title="Seuraava kokous")
    AttendanceAnswerFactory(meeting=upcoming, member=people["member"].member, answer=Answer.REMOTE)
    MemberFactory(first_name="Åsa <b>", last_name="O'Hara & Co", user=UserFactory())
    JoinRequestFactory()


def everyone_answered(people):
    """A busy year, and everyone with an account has answered the next meeting."""
    busy_year(people)
    meeting = Meeting.objects.get(title="Seuraava kokous")
    for member in Member.objects.exclude(attendance_answers__meeting=meeting):
        AttendanceAnswerFactory(meeting=meeting, member=member)


def last_years_figures(people):
    """Nothing this year yet: last year's budget and claims, and last year's meetings held; no next meeting."""
    year = this_year() - 1
    held = meeting_in(year, month=5, day=4, title="Viime vuoden kokous")
    AttendanceRecordFactory(meeting=held, member=people["member"].member, mode=AttendanceMode.REMOTE)
    Budget.objects.create(year=year, source=FundingSource.TURKU_AKE, granted=Decimal("300.00"))


def nothing_yet(people):
    """A new portal: no meetings, budgets or claims."""


SCENARIOS = {
    "a busy year": busy_year,
    "everyone answered": everyone_answered,
    "last year's figures": last_years_figures,
    "nothing yet": nothing_yet,
}


@pytest.fixture
def people(member, other_member, chair, treasurer):
    """The member, the chair, the treasurer, and a member given the join requests' permission of her own."""
    deciding = UserFactory(roles=["member"])
    deciding.user_permissions.add(Permission.objects.get(codename="change_joinrequest"))
    return {
        "member": member,
        "other_member": other_member,
        "chair": chair,
        "treasurer": treasurer,
        "deciding": deciding,
    }


def old_and_new(user, language):
    """The old template parts and the new cards, drawn from the same context of the dashboard."""
    user = User.objects.get(pk=user.pk)  # a fresh user object, as a request has
    with translation.override(language):
        context = dashboard_for(user)
        old_context = Context({**context, "perms": PermWrapper(user)})
        old = Template(WAITING_TEMPLATE).render(old_context) + Template(CHARTS_TEMPLATE).render(old_context)
        return old, str(context["waiting_card"]) + str(context["staff_charts"])


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("person", ["member", "deciding", "chair", "treasurer"])
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_staff_cards_show_what_the_template_showed(people, scenario, person, language):
    SCENARIOS[scenario](people)

    old, new = old_and_new(people[person], language)

    assert squeezed(new) == squeezed(old)


def shown_in_english(people):
    """The new cards as the member, the member who decides join requests and the chair see them, in English."""
    return {who: old_and_new(people[who], "en")[1] for who in ("member", "deciding", "chair")}


def test_the_comparison_sees_every_part_of_a_busy_year(people):
    busy_year(people)

    shown = shown_in_english(people)

    assert shown["member"] == ""
    # Whether she is counted the join requests is the dashboard's rule (tests/test_front_pages.py); her card shows
    # the count when she is, and never who has not answered.
    counted = "join_requests" in dashboard_for(User.objects.get(pk=people["deciding"].pk))["waiting"]
    assert ("1 join request to decide" in shown["deciding"]) == counted
    assert "Answers still missing" not in shown["deciding"]
    assert "Åsa &lt;b&gt; O&#x27;Hara &amp; Co" in shown["chair"]
    assert "Tammikuun &lt;kokous&gt; &amp; muut: 2 in person, 1 remotely" in shown["chair"]
    assert f"Budget use {this_year()}" in shown["chair"] and "the latest year with figures" not in shown["chair"]
    assert f'href="/claims/queue/?year={this_year()}"' in shown["chair"]


def test_the_comparison_sees_everyone_answered(people):
    everyone_answered(people)

    assert "Everyone has answered." in shown_in_english(people)["chair"]


def test_the_comparison_sees_last_years_figures(people):
    last_years_figures(people)

    chair = shown_in_english(people)["chair"]

    assert f"showing {this_year() - 1}, the latest year with figures" in chair
    assert f"No meetings held yet in {this_year()}: showing {this_year() - 1}." in chair
    assert "Answers still missing" not in chair  # no next meeting


def test_the_comparison_sees_no_meetings_held(people):
    assert "No meetings held yet this year." in shown_in_english(people)["chair"]
