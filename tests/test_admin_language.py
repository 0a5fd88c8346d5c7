"""The back office reads as correct Finnish and Swedish: headings, counts after a number, labels and filters.

Django builds these from model names ("Muokkaa toimintasuunnitelma", "2 toimintasuunnitelmat"); the templates under
templates/admin/ and digitutor/templatetags/admin_grammar.py put them into sentences each language can carry.
"""

import re
from html import unescape

import pytest
from django.conf import settings
from django.contrib import admin
from django.urls import reverse

from digitutor.templatetags.admin_grammar import _counts
from tests.factories import InvitationFactory, LibraryFactory, MemberFactory
from tests.goals.factories import GoalFactory, PlanFactory
from tests.meetings.factories import MeetingFactory

PORTAL_APPS = {"members", "meetings", "actionday", "claims", "goals", "audit"}


def page(client, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def text(html):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def heading(html):
    return text(re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)[1])


def title(html):
    return text(re.search(r"<title>(.*?)</title>", html, re.S)[1])


def count(html):
    return text(re.search(r'<p class="paginator">(.*?)</p>', html, re.S)[1])


@pytest.fixture
def year_of_the_group(db):
    plans = [PlanFactory(year=2022), PlanFactory(year=2023)]
    for order in range(6):
        GoalFactory(plan=plans[0], order=order)
    MeetingFactory.create_batch(2)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fi",
            {
                "goals/plan": ("Toimintasuunnitelmat", "2 toimintasuunnitelmaa"),
                "goals/goal": ("Tavoitteet", "6 tavoitetta"),
                "members/invitation": ("Kutsut", "0 kutsua"),
                "meetings/meeting": ("Kokoukset", "2 kokousta"),
            },
        ),
        (
            "sv",
            {
                "goals/plan": ("Verksamhetsplaner", "2 verksamhetsplaner"),
                "goals/goal": ("Mål", "6 mål"),
                "members/invitation": ("Inbjudningar", "0 inbjudningar"),
                "meetings/meeting": ("Möten", "2 möten"),
            },
        ),
    ],
)
def test_list_headings_and_counts_read_correctly(client_as, chair, year_of_the_group, language, expected):
    client = client_as(chair)
    for path, (list_heading, list_count) in expected.items():
        html = page(client, f"/admin/{path}/", language)
        assert heading(html) == list_heading
        assert title(html).startswith(f"{list_heading} | ")
        assert count(html) == list_count


def test_one_of_a_kind_is_counted_in_the_singular(client_as, chair):
    InvitationFactory()
    assert count(page(client_as(chair), "/admin/members/invitation/", "fi")) == "1 kutsu"
    assert count(page(client_as(chair), "/admin/members/invitation/", "sv")) == "1 inbjudan"


def subheading(html):
    return text(re.search(r"<h2[^>]*>(.*?)</h2>", html, re.S)[1])


@pytest.mark.parametrize(
    ("language", "change", "add", "delete", "history"),
    [
        (
            "fi",
            "Muokkaa: Toimintasuunnitelma",
            "Lisää tavoite",
            "Poista: Toimintasuunnitelma",
            "Muokkaushistoria: Toimintasuunnitelma",
        ),
        (
            "sv",
            "Ändra: Verksamhetsplan",
            "Lägg till mål",
            "Ta bort: Verksamhetsplan",
            "Ändringshistorik: Verksamhetsplan",
        ),
    ],
)
def test_object_pages_are_headed_with_what_is_done_to_which_kind_of_object(
    client_as, chair, language, change, add, delete, history
):
    plan = PlanFactory(year=2022)
    client = client_as(chair)
    for url, expected in [
        (reverse("admin:goals_plan_change", args=[plan.pk]), change),
        (reverse("admin:goals_plan_delete", args=[plan.pk]), delete),
        (reverse("admin:goals_plan_history", args=[plan.pk]), history),
    ]:
        html = page(client, url, language)
        assert heading(html) == expected
        assert subheading(html) == str(plan)  # the object itself, under the heading
        assert title(html).startswith(f"{plan} | {expected} | ")
    assert heading(page(client, reverse("admin:goals_goal_add"), language)) == add


def test_a_read_only_page_is_headed_with_the_kind_of_object(client_as, treasurer):
    meeting = MeetingFactory(title="Syyskokous")
    html = page(client_as(treasurer), reverse("admin:meetings_meeting_change", args=[meeting.pk]), "fi")
    assert (heading(html), subheading(html)) == ("Kokous", str(meeting))


def test_a_page_that_cannot_delete_says_so_with_the_kind_of_object(client_as, chair):
    library = LibraryFactory(name="Paraisten kirjasto", municipality="parainen")
    MemberFactory(library=library)
    html = page(client_as(chair), reverse("admin:members_library_delete", args=[library.pk]), "fi")
    assert (heading(html), subheading(html)) == ("Ei voi poistaa: Kirjasto", "Paraisten kirjasto")


def test_every_portal_model_in_the_back_office_has_its_own_count():
    labels = {model._meta.label_lower for model in admin.site._registry if model._meta.app_label in PORTAL_APPS}
    assert labels - set(_counts()) == set()


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_labels_columns_and_filters_start_with_a_capital_on_every_page(client_as, superuser, world, language):
    """Every model's list, add and change page: no heading or label in lower case, no English left."""
    for made in ("approved", "batch", "attachment", "registration", "plan", "practice", "invitation"):
        getattr(world, made)  # one of each kind, so that every change page is drawn too
    GoalFactory(plan=world.plan)
    client = client_as(superuser)
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in PORTAL_APPS:
            continue
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls = [reverse(f"{name}_changelist")]
        if model_admin.has_add_permission(_request(superuser)):
            urls.append(reverse(f"{name}_add"))
        if (obj := model._default_manager.first()) is not None:
            urls.append(reverse(f"{name}_change", args=[obj.pk]))
        for url in urls:
            html = page(client, url, language)
            labels = [text(label) for label in re.findall(r"<label[^>]*>(.*?)</label>", html, re.S)]
            columns = [text(column) for column in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', html, re.S)]
            filters = [text(summary) for summary in re.findall(r"<summary>(.*?)</summary>", html, re.S)]
            for name in [*labels, *columns, *filters]:
                name = re.sub(r"^\d+ ", "", name)  # the sort priority Django puts before a column's name
                assert not name or not name[0].islower(), f"{url}: {name!r}"
                assert name not in {"Created by", "Number", "Iban masked", "Model name", "Add link"}, f"{url}: {name!r}"
    index = page(client, "/admin/", language)
    assert "Travel claims" not in index


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    return request
