"""Markdown is made into clean HTML when it is saved, and pages print that HTML (digitutor/markdown.py)."""

from digitutor.markdown import fill_rendered_markdown
from goals import services as goal_services
from goals.models import GoodPractice, Plan
from meetings.models import Meeting
from tests.goals.factories import GoodPracticeFactory, PlanFactory
from tests.meetings.factories import ActionDayFactory, MeetingFactory
from tests.meetings.test_formatting import HOSTILE, assert_harmless
from tests.meetings.test_permissions import change_form_data


def test_a_new_meeting_keeps_its_agenda_and_minutes_as_clean_html(db):
    meeting = MeetingFactory(agenda=HOSTILE, minutes="- yksi\n- kaksi")

    meeting.refresh_from_db()
    assert_harmless(meeting.agenda_html)
    assert "<strong>Päätökset</strong>" in meeting.agenda_html
    assert '<a href="https://example.org" rel="noopener noreferrer">sivu</a>' in meeting.agenda_html
    assert meeting.minutes_html == "<ul>\n<li>yksi</li>\n<li>kaksi</li>\n</ul>"


def test_changed_minutes_change_the_stored_html_also_when_only_the_minutes_are_saved(db):
    meeting = MeetingFactory(agenda="Vanha", minutes="")

    meeting.minutes = "**Uusi** pöytäkirja <script>alert(1)</script>"
    meeting.save(update_fields=["minutes"])
    meeting.agenda = "ei tallennettu"  # not in update_fields: neither the text nor its HTML is written

    stored = Meeting.objects.get(pk=meeting.pk)
    assert "<strong>Uusi</strong>" in stored.minutes_html
    assert_harmless(stored.minutes_html)
    assert stored.agenda_html == "<p>Vanha</p>"


def test_the_chair_editing_the_minutes_in_the_back_office_changes_what_the_meeting_page_shows(client_as, chair, member):
    meeting = MeetingFactory(minutes="Alustava")
    data = {**change_form_data(meeting), "minutes": "**Hyväksytty** <img src=x onerror=alert(2)>"}

    response = client_as(chair).post(f"/admin/meetings/meeting/{meeting.pk}/change/", data)

    assert response.status_code == 302, response.content[:2000]
    meeting.refresh_from_db()
    assert "<strong>Hyväksytty</strong>" in meeting.minutes_html
    assert_harmless(meeting.minutes_html)
    page = client_as(member).get(f"/meetings/{meeting.pk}/").text
    assert "<strong>Hyväksytty</strong>" in page
    assert "Alustava" not in page


def test_a_plans_sections_are_stored_as_clean_html_and_follow_a_change(db, client_as, member):
    plan = PlanFactory(year=2022, introduction=HOSTILE, activity_description="*toiminta*")
    assert_harmless(plan.introduction_html)
    assert plan.activity_description_html == "<p><em>toiminta</em></p>"

    plan.activity_description = "**muuttui**"
    plan.save()

    page = client_as(member).get("/plan/2022/").text
    assert "<strong>muuttui</strong>" in page
    assert "<em>toiminta</em>" not in page
    assert_harmless(page.split("<main", 1)[1].split("</main>", 1)[0])


def test_a_copied_plan_has_the_html_of_its_own_text(db, chair):
    plan = PlanFactory(year=2022, how_the_group_works="Ryhmä kokoontuu **2** kertaa.")

    copy = goal_services.plan_copy(plan=plan, year=2023, acting_user=chair)

    assert Plan.objects.get(pk=copy.pk).how_the_group_works_html == "<p>Ryhmä kokoontuu <strong>2</strong> kertaa.</p>"


def test_a_shared_practice_is_stored_as_clean_html(db, member):
    practice = goal_services.practice_create(
        member=member.member, acting_user=member, title="Vinkki", description=HOSTILE
    )

    stored = GoodPractice.objects.get(pk=practice.pk)
    assert_harmless(stored.description_html)
    assert "<li>kaksi</li>" in stored.description_html


def test_the_migration_fills_the_html_of_rows_written_without_save(db):
    meeting = MeetingFactory(agenda="alku")
    practice = GoodPracticeFactory(description="alku")
    Meeting.objects.filter(pk=meeting.pk).update(agenda="**loppu** <script>x</script>", agenda_html="")
    GoodPractice.objects.filter(pk=practice.pk).update(description="- loppu", description_html="")

    fill_rendered_markdown(Meeting, ["agenda", "minutes"])
    fill_rendered_markdown(GoodPractice, ["description"])

    meeting.refresh_from_db()
    practice.refresh_from_db()
    assert "<strong>loppu</strong>" in meeting.agenda_html
    assert_harmless(meeting.agenda_html)
    assert practice.description_html == "<ul>\n<li>loppu</li>\n</ul>"


def test_the_action_day_page_shows_its_description_as_the_clean_html_kept_at_save(db, client):
    day = ActionDayFactory(description=HOSTILE, published=True)

    day.refresh_from_db()
    assert_harmless(day.description_html)
    assert "<strong>Päätökset</strong>" in day.description_html
    page = client.get(f"/action-day/{day.year}/").text
    assert "<strong>Päätökset</strong>" in page
    assert_harmless(page.split('<div class="lead-intro formatted-text mb-4">', 1)[1].split("</div>", 1)[0])
