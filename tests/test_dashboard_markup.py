"""The dashboard's lists, written in Python (digitutor/home/cards.py), show what the template parts they replaced
showed (the markup differs only in the blank space between tags)."""

from decimal import Decimal

import pytest
from django.contrib.auth.context_processors import PermWrapper
from django.template import Context, Template
from django.utils import timezone, translation

from digitutor.home.cards import welcome_header
from digitutor.home.dashboard import dashboard_for
from digitutor.home.words import page_words
from goals.models import Measure, Plan, TargetStatus
from meetings.claims.models import Budget, ClaimStatus, FundingSource
from meetings.models import Answer, AttendanceMode, MeetingFormat
from members.models import User
from tests.claims.factories import TravelClaimFactory, at
from tests.factories import JoinRequestFactory, MemberFactory, UserFactory
from tests.goals.factories import GoalFactory, PlanFactory, TargetFactory, meeting_in
from tests.meetings.factories import AttendanceAnswerFactory, AttendanceRecordFactory, MeetingFactory
from tests.meetings.test_list_markup import squeezed

pytestmark = pytest.mark.django_db

# templates/pages/dashboard.html's parts until digitutor/home/cards.py.
WAITING_TEMPLATE = """{% load i18n %}<ul class="dt-card-list">
        {% if perms.digitutor.approve_claims %}
        {% blocktranslate count counter=claims_waiting.submitted asvar to_decide %}{{ counter }} claim to approve or return{% plural %}{{ counter }} claims to approve or return{% endblocktranslate %}
        <li>{% if claims_waiting.submitted %}<a href="{% url 'claim_queue' %}">{{ to_decide }}</a>{% else %}{{ to_decide }}{% endif %}</li>
        <li>{% blocktranslate count counter=claims_waiting.approved %}{{ counter }} approved claim waiting for payment{% plural %}{{ counter }} approved claims waiting for payment{% endblocktranslate %}</li>
        {% endif %}
        {% if "batches_to_pay" in waiting %}
        {% blocktranslate count counter=waiting.batches_to_pay asvar to_pay %}{{ counter }} payment batch to pay{% plural %}{{ counter }} payment batches to pay{% endblocktranslate %}
        <li>{% if waiting.batches_to_pay %}<a href="{% url 'claim_payments' %}">{{ to_pay }}</a>{% else %}{{ to_pay }}{% endif %}</li>
        {% endif %}
        {% if "join_requests" in waiting %}
        {% blocktranslate count counter=waiting.join_requests asvar join_requests %}{{ counter }} join request to decide{% plural %}{{ counter }} join requests to decide{% endblocktranslate %}
        <li>{% if waiting.join_requests %}<a href="{% url 'admin:members_joinrequest_changelist' %}?status__exact=new">{{ join_requests }}</a>{% else %}{{ join_requests }}{% endif %}</li>
        {% endif %}
      </ul>"""  # noqa: E501

ANSWER_TEMPLATE = """{% load i18n icons %}<p class="mb-2">{% if my_answer %}{% blocktranslate with answer=my_answer.label %}Your answer: <strong>{{ answer }}</strong>.{% endblocktranslate %}{% else %}{% translate "You have not answered yet." %}{% endif %}</p>
        {% for choice in answer_choices %}
        {% if choice.value == "remote" and not next_meeting.is_remote_possible %}{% elif choice.value == "in_person" and not next_meeting.has_venue %}{% else %}
        <button type="submit" name="answer" value="{{ choice.value }}" class="btn {% if my_answer == choice.value %}btn-primary{% else %}btn-outline-primary{% endif %}" aria-pressed="{% if my_answer == choice.value %}true{% else %}false{% endif %}">{% if my_answer == choice.value %}{% icon "check-lg" %}{% endif %}{{ choice.label }}</button>
        {% endif %}
        {% endfor %}"""  # noqa: E501

# The "My open claims" and goals cards, with their lists' template loops.
CLAIMS_CARD_TEMPLATE = """{% load i18n icons formatting claim_status %}
    <section class="dt-card" aria-labelledby="my-claims-heading">
      <h2 id="my-claims-heading" class="dt-card-title">{% icon "receipt" %}{% translate "My open claims" %}</h2>
      {% if open_claims %}
      <ul class="dt-card-list">{% for claim in open_claims %}<li><span><a href="{{ claim.get_absolute_url }}">{{ claim|claim_number }}</a> <span class="dt-card-meta">{{ claim.total|euros }}</span></span>{% claim_status claim %}</li>{% endfor %}</ul>
      {% else %}<p>{% translate "No open claims." %}</p>{% endif %}
      <p class="dt-card-footer d-flex flex-wrap gap-3"><a href="{% url 'claim_create' %}">{% translate "New travel claim" %}</a><a href="{% url 'claim_list' %}">{% translate "My claims" %}</a></p>
    </section>"""  # noqa: E501

GOALS_CARD_TEMPLATE = """{% load i18n icons goals_tags %}
    <section class="dt-card" aria-labelledby="progress-heading">
      <h2 id="progress-heading" class="dt-card-title">{% icon "flag" %}{% if plan %}{% blocktranslate with year=plan.year %}Goals {{ year }}{% endblocktranslate %}{% else %}{% translate "Goals" %}{% endif %}</h2>
      {% if plan %}
      <ul class="list-unstyled">{% for goal, targets in progress %}{% for row in targets %}<li class="mb-3"><span>{{ goal.title }}: {{ row.target.text }}</span>{% progress_bar row %}</li>{% endfor %}{% endfor %}</ul>
      <p class="dt-card-footer"><a href="{% url 'goals_detail' plan.year %}">{% translate "All goals" %}</a></p>
      {% else %}<p>{% translate "No action plan has been published yet." %}</p>{% endif %}
    </section>"""  # noqa: E501

# templates/pages/bar_chart.html, included once per chart.
CHART_TEMPLATE = """{% load i18n l10n %}
<figure class="bar-chart">
  <figcaption class="visually-hidden">{{ caption }}</figcaption>
  <ul class="list-unstyled mb-0">
    {% for bar in chart %}
    <li class="mb-2">
      <span class="small">{{ bar.label }}: {{ bar.text }}</span>
      <svg class="chart-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect width="100" height="10" fill="#dee2e6"></rect><rect width="{{ bar.width|unlocalize }}" height="10" fill="#1b3a5c"></rect></svg>
    </li>
    {% endfor %}
  </ul>
</figure>"""  # noqa: E501


@pytest.fixture
def year_of_work(member, other_member, chair, treasurer):
    """A plan with measured and followed targets, a meeting to answer, claims in every state, money and attendance."""
    year = timezone.localdate().year
    plan = PlanFactory(year=year, published=True)
    goal = GoalFactory(plan=plan, title="Osaamisen <jakaminen> & tuki")
    TargetFactory(goal=goal, text="Kaksi kokousta", measure=Measure.MEETINGS_HELD, target_number=2)
    TargetFactory(goal=goal, text="Hyviä käytäntöjä", measure=Measure.PRACTICES_SHARED, target_number=None)
    TargetFactory(goal=GoalFactory(plan=plan), text="Tiedote", status=TargetStatus.ACHIEVED, note="Valmis & jaettu")
    TargetFactory(goal=goal, text="Koulutus", status=TargetStatus.IN_PROGRESS)
    held = meeting_in(year, month=1, day=1, title="Tammikuun <kokous>")
    for mode in (AttendanceMode.IN_PERSON, AttendanceMode.REMOTE):
        AttendanceRecordFactory(meeting=held, member=MemberFactory(), mode=mode)
    upcoming = MeetingFactory(title="Seuraava kokous", format=MeetingFormat.HYBRID)
    AttendanceAnswerFactory(meeting=upcoming, member=member.member, answer=Answer.REMOTE)
    claimed = ((ClaimStatus.DRAFT, "12.00"), (ClaimStatus.SUBMITTED, "1234.50"), (ClaimStatus.APPROVED, "80.5"))
    for day, (status, total) in enumerate(claimed, start=2):  # each for a meeting held in January
        TravelClaimFactory(
            member=member.member, meeting=meeting_in(year, month=1, day=day), departure_at=at(year, 1, day, 7),
            return_at=at(year, 1, day, 18), status=status, total=Decimal(total),
        )  # fmt: skip
    Budget.objects.create(year=year, source=FundingSource.AKE_GRANT, granted=Decimal("1500.00"))
    JoinRequestFactory()
    MemberFactory(first_name="Åsa <b>", last_name="O'Hara & Co", user=UserFactory())  # has not answered
    return upcoming


def old_and_new(user, language):
    """The old template parts and the new markup, drawn from the same context of the dashboard."""
    with translation.override(language):
        context = dashboard_for(user)
        old_context = Context({**context, "perms": PermWrapper(user), "answer_choices": list(Answer)})
        old = {
            "waiting_items": Template(WAITING_TEMPLATE).render(old_context),
            "goals_card": Template(GOALS_CARD_TEMPLATE).render(old_context),
        }
        new = {
            "waiting_items": f'<ul class="dt-card-list">{context["waiting_items"]}</ul>',
            "goals_card": context["goals_card"],
        }
        if context["member"]:
            old["claims_card"] = Template(CLAIMS_CARD_TEMPLATE).render(old_context)
            new["claims_card"] = context["claims_card"]
        if "answer_buttons" in context:
            old["answer"] = Template(ANSWER_TEMPLATE).render(old_context)
            new["answer"] = f'<p class="mb-2">{context["my_answer_text"]}</p>{context["answer_buttons"]}'
        if "missing_text" in context:
            old["missing_text"] = Template('{{ missing_answers|join:", " }}').render(old_context)
            new["missing_text"] = context["missing_text"]
        if "budget_chart" in context:
            for name, bars, caption in (
                ("budget_chart", "budget_bars", "Budget use by funding source"),
                ("attendance_chart", "attendance_bars", "Attendance at the meetings held"),
            ):
                chart = Context({"chart": context[bars], "caption": translation.gettext(caption)})
                old[name] = Template(CHART_TEMPLATE).render(chart)
                new[name] = context[name]
    return old, new


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("person", ["member", "other_member", "chair", "treasurer"])
def test_the_dashboard_lists_show_what_the_template_parts_showed(people, year_of_work, person, language):
    old, new = old_and_new(people[person], language)

    assert new.keys() == old.keys()
    for part in old:
        assert squeezed(str(new[part])) == squeezed(old[part]), part


def test_the_comparison_covers_every_list_with_rows(people, year_of_work):
    old, new = old_and_new(people["chair"], "fi")

    lists = ("waiting_items", "claims_card", "goals_card", "answer", "missing_text")
    assert set(new) == {*lists, "budget_chart", "attendance_chart"}
    assert new["waiting_items"].count("<li>") == 3
    assert new["waiting_items"].count("<a href=") == 2  # one claim to decide and one join request; none to pay
    assert "Osaamisen &lt;jakaminen&gt; &amp; tuki" in new["goals_card"]
    assert new["goals_card"].count('role="progressbar"') == 3  # the target without a number has no bar
    assert f'href="/goals/{timezone.localdate().year}/"' in new["goals_card"]
    assert "Tammikuun &lt;kokous&gt;" in new["attendance_chart"]
    assert "Åsa &lt;b&gt; O&#x27;Hara &amp; Co" in new["missing_text"]
    member_old, member_new = old_and_new(people["member"], "fi")
    assert member_new["claims_card"].count("<li>") == 3
    assert "1\xa0234,50\xa0€" in member_new["claims_card"]
    assert 'aria-pressed="true"' in member_new["answer"]
    _other_old, other_new = old_and_new(people["other_member"], "fi")
    assert "<ul" not in other_new["claims_card"]  # no claims: the card says so
    assert "claims_card" not in old_and_new(people["treasurer"], "fi")[1]  # no member record, no card


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_goals_card_without_a_plan_says_what_the_template_said(people, year_of_work, language):
    Plan.objects.update(published=False)

    old, new = old_and_new(people["member"], language)

    assert "<ul" not in new["goals_card"]
    assert squeezed(str(new["goals_card"])) == squeezed(old["goals_card"])


def test_a_remote_meeting_offers_no_answer_in_person(people, year_of_work):
    year_of_work.format = MeetingFormat.REMOTE
    year_of_work.save()

    old, new = old_and_new(people["other_member"], "fi")

    assert 'value="in_person"' not in new["answer"]
    assert 'value="remote"' in new["answer"]
    assert squeezed(str(new["answer"])) == squeezed(old["answer"])


# templates/pages/dashboard.html's heading until digitutor/home/cards.welcome_header.
HEADER_TEMPLATE = """{% load i18n icons %}<div class="d-flex flex-wrap justify-content-between align-items-center gap-3 mb-4">
  <h1 class="mb-0">{% blocktranslate with name=user.first_name|default:user.email %}Welcome, {{ name }}{% endblocktranslate %}</h1>
  {% if perms.digitutor.use_admin %}
  <a class="btn btn-outline-primary d-inline-flex align-items-center gap-2" href="{% url 'admin:index' %}">{% icon "gear" %}{% translate "Open the back office" %}</a>
  {% endif %}
</div>"""  # noqa: E501 (verbatim)

HEADED = {
    "member": lambda people: people["member"],
    "chair": lambda people: people["chair"],
    "treasurer": lambda people: people["treasurer"],
    "without a first name": lambda people: UserFactory(first_name="", email="nimeton@example.org", roles=["member"]),
    "with markup in her name": lambda people: UserFactory(first_name='<b>Åsa</b> & "O\'Hara"', roles=["treasurer"]),
}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("who", HEADED)
def test_the_heading_shows_what_the_template_showed(people, who, language):
    user = User.objects.get(pk=HEADED[who](people).pk)
    with translation.override(language):
        old = Template(HEADER_TEMPLATE).render(Context({"user": user, "perms": PermWrapper(user)}))
        new = welcome_header(user, page_words())

    assert squeezed(str(new)) == squeezed(old)
    assert ("/admin/" in old) == (who not in ("member", "without a first name"))
