"""The good practices list as it was drawn and read before: goals_tags.practice_items and tag_cloud against the
template loops they replaced, the whole page against its old template (tests/goals/practices_before/) in fi, sv and
en, and the practices, their count and the popular tags read in SQL against the ORM queries they replaced."""

from pathlib import Path

import pytest
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.template import Context, Template, engines
from django.utils import translation

from goals.models import GoodPractice, Tag
from goals.selectors import popular_tags, practices
from tests.factories import MemberFactory
from tests.goals.factories import GoodPracticeFactory, TagFactory, meeting_in
from tests.old_templates import without_csrf_tokens

# templates/goals/practice_list.html's loop as it was.
LOOP = """{% for practice in page.object_list %}
  <li class="mb-3">
    <h2 class="h5 mb-1"><a href="{{ practice.get_absolute_url }}">{{ practice.title }}</a></h2>
    <p class="mb-0 text-body-secondary">{{ practice.shared_by.full_name }}{% if practice.meeting %} · {{ practice.meeting.title }}{% endif %}{% for item in practice.tags.all %} · #{{ item.name }}{% endfor %}</p>
  </li>
  {% endfor %}"""  # noqa: E501


def old_practices(*, query="", tag=""):
    """goals.selectors.practices as it was, with model instances: what the list's rows are compared with."""
    found = (
        GoodPractice.objects.select_related("shared_by", "meeting")
        .only("pk", "title", "shared_by__first_name", "shared_by__last_name", "meeting__title")
        .prefetch_related("tags")
    )
    if query:
        found = found.filter(
            Q(title__icontains=query) | Q(description__icontains=query) | Q(tags__name__icontains=query)
        ).distinct()
    if tag:
        found = found.filter(tags__name=tag)
    return found


def old_popular_tags():
    """goals.selectors.popular_tags as it was: Tag instances with their uses."""
    used = Tag.objects.filter(practices__isnull=False)
    return list(used.annotate(uses=Count("*")).order_by("-uses", "name")[:20])


def test_the_practice_rows_are_the_markup_the_template_loop_gave(db):
    odd = MemberFactory(first_name="Åsa <b>", last_name='O\'Brien & "Co"')
    at_meeting = GoodPracticeFactory(
        title="Pankkitunnukset <script>", shared_by=odd, meeting=meeting_in(2022, title="Kokous & <i>ystävät</i>")
    )
    at_meeting.tags.add(TagFactory(name="pankki"), TagFactory(name="<e-id>"))
    GoodPracticeFactory(title="Ilman kokousta")
    shown = practices()[0:20]

    rows = Template("{% load goals_tags %}{% practice_items practices %}").render(Context({"practices": shown}))

    assert rows == Template(LOOP).render(Context({"page": {"object_list": list(old_practices())}}))
    assert "Åsa &lt;b&gt; O&#x27;Brien" in rows
    assert "#&lt;e-id&gt;" in rows


# Before (main at 4a1010e): the tag cloud a template loop, the popular tags Tag instances, the rows' tag as now.
OLD_PAGE = (Path(__file__).resolve().parent / "practices_before" / "practice_list.html").read_text()


def many_practices_with_tags():
    """Twenty-three practices (two pages), one with text to escape, their tags used unevenly (one unused)."""
    odd = MemberFactory(first_name="Åsa <b>", last_name='O\'Brien & "Co"')
    tags = [TagFactory(name=name) for name in ("puhelin", "pankki & <e-id>", "ä/ö tunnus", "ei käytössä")]
    for number in range(23):
        practice = GoodPracticeFactory(
            title=f"Käytäntö {number} <i>",
            shared_by=odd if number % 5 == 0 else MemberFactory(),
            meeting=meeting_in(2022, title="Kokous & <b>") if number % 4 == 0 else None,
        )
        practice.tags.add(*tags[: number % 4])


def draw_as_before(page, search, number, language):
    """The page the old template draws from the old selectors' values, with the view's other context."""
    old_template = (
        OLD_PAGE.replace("{% load i18n goals_tags %}", "{% load i18n %}")
        .replace("{% if rows %}", "{% if page.object_list %}")
        .replace("{% practice_items rows %}\n", LOOP + "\n")
    )
    context = page.context[0].flatten()
    context["page"] = Paginator(old_practices(**search), 20).get_page(number)
    context["tags"] = old_popular_tags()
    with translation.override(language):
        return engines["django"].from_string(old_template).render(context, request=page.wsgi_request)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize(
    ("address", "search", "number"),
    [
        ("/practices/", {}, None),
        ("/practices/?page=2", {}, "2"),
        ("/practices/?tag=pankki+%26+%3Ce-id%3E", {"tag": "pankki & <e-id>"}, None),
        ("/practices/?q=k%C3%A4yt", {"query": "käyt"}, None),
        ("/practices/?q=k%C3%A4yt&tag=puhelin&page=2", {"query": "käyt", "tag": "puhelin"}, "2"),
        ("/practices/?q=nothing", {"query": "nothing"}, None),
    ],
)
def test_the_practices_page_is_drawn_as_with_its_old_template(client_as, member, language, address, search, number):
    many_practices_with_tags()
    client = client_as(member)
    client.cookies["django_language"] = language

    page = client.get(address)

    assert "{% for item in tags %}" in OLD_PAGE
    assert without_csrf_tokens(page.text) == without_csrf_tokens(draw_as_before(page, search, number, language))
    assert 'href="?tag=pankki%20%26%20%3Ce-id%3E"' in page.text


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_empty_practices_page_is_drawn_as_with_its_old_template(client_as, member, language):
    client = client_as(member)
    client.cookies["django_language"] = language

    page = client.get("/practices/")

    assert without_csrf_tokens(page.text) == without_csrf_tokens(draw_as_before(page, {}, None, language))
    assert 'class="tag-cloud"' not in page.text


def test_the_popular_tags_are_those_the_orm_counted(db):
    """The twenty most used, ties by name, unused tags left out (on SQLite and PostgreSQL alike)."""
    tags = [TagFactory(name=f"aihe {number:02}") for number in range(25)]
    TagFactory(name="käyttämätön")
    for number in range(60):
        GoodPracticeFactory().tags.add(*tags[number % 22 : number % 22 + number % 4 + 1])

    assert popular_tags() == [tag.name for tag in old_popular_tags()]
    assert len(popular_tags()) == 20


@pytest.mark.parametrize(
    "search",
    [
        {},
        {"query": "pankki"},
        {"query": "KOKOUS"},
        {"tag": "pankki"},
        {"query": "ei"},
        {"query": "Ö-TUNNISTE"},
        {"query": "100%"},
        {"query": "_"},
        {"query": "\\"},
        {"query": "tunniste", "tag": "pankki"},
        {"tag": "ei ole"},
    ],
)
def test_the_practices_read_as_columns_are_those_the_model_instances_gave(db, search):
    """The rows, their order and their tags against the queryset they replaced, searched or not (on SQLite and
    PostgreSQL alike)."""
    one, two = MemberFactory(first_name="", last_name="Yksinimi"), MemberFactory()
    tags = [TagFactory(name="pankki"), TagFactory(name="ö-tunniste"), TagFactory(name="a-tunniste")]
    for number in range(25):
        practice = GoodPracticeFactory(
            title=f"Käytäntö {number}" + (" 100% _valmis_ \\" if number % 5 == 0 else ""),
            description="Pankki ja kokous" if number % 3 else "Muuta",
            shared_by=one if number % 2 else two,
            meeting=meeting_in(2022, title="Kokous") if number % 4 == 0 else None,
        )
        practice.tags.add(*tags[: number % 4])

    rows = practices(**search)[0:20] + practices(**search)[20:40]

    assert [
        (row.pk, row.title, row.shared_by, row.meeting_title, row.tags, row.get_absolute_url()) for row in rows
    ] == [
        (
            practice.pk,
            practice.title,
            practice.shared_by.full_name,
            practice.meeting.title if practice.meeting else None,
            [tag.name for tag in practice.tags.all()],
            practice.get_absolute_url(),
        )
        for practice in list(old_practices(**search)[:20]) + list(old_practices(**search)[20:40])
    ]
    assert practices(**search).count() == old_practices(**search).count()
