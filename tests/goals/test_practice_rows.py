"""goals_tags.practice_items draws the good practices list's rows as the template loop it replaced drew them."""

import re
from pathlib import Path

import pytest
from django.core.paginator import Paginator
from django.db.models import Q
from django.template import Context, Template, engines

from goals.models import GoodPractice
from goals.selectors import practice_rows, practices
from tests.factories import MemberFactory
from tests.goals.factories import GoodPracticeFactory, TagFactory, meeting_in


def without_csrf_tokens(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


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


def test_the_practice_rows_are_the_markup_the_template_loop_gave(db):
    odd = MemberFactory(first_name="Åsa <b>", last_name='O\'Brien & "Co"')
    at_meeting = GoodPracticeFactory(
        title="Pankkitunnukset <script>", shared_by=odd, meeting=meeting_in(2022, title="Kokous & <i>ystävät</i>")
    )
    at_meeting.tags.add(TagFactory(name="pankki"), TagFactory(name="<e-id>"))
    GoodPracticeFactory(title="Ilman kokousta")
    shown = practice_rows(practices())

    rows = Template("{% load goals_tags %}{% practice_items practices %}").render(Context({"practices": shown}))

    assert rows == Template(LOOP).render(Context({"page": {"object_list": list(old_practices())}}))
    assert "Åsa &lt;b&gt; O&#x27;Brien" in rows
    assert "#&lt;e-id&gt;" in rows


def test_the_practices_page_is_drawn_as_with_its_old_template(client_as, member):
    GoodPracticeFactory(title="Jaettu käytäntö", meeting=meeting_in(2022)).tags.add(TagFactory(name="puhelin"))
    GoodPracticeFactory(title="Toinen")

    page = client_as(member).get("/practices/")
    list_page = (Path(__file__).resolve().parents[2] / "templates" / "goals" / "practice_list.html").read_text()
    old_template = (
        list_page.replace("{% load i18n goals_tags %}", "{% load i18n %}")
        .replace("{% if rows %}", "{% if page.object_list %}")
        .replace("{% practice_items rows %}\n", LOOP + "\n")
    )
    context = page.context[0].flatten()
    context["page"] = Paginator(old_practices(), 20).get_page(None)
    as_before = engines["django"].from_string(old_template).render(context, request=page.wsgi_request)

    assert "{% for practice in page.object_list %}" in old_template
    assert without_csrf_tokens(page.text) == without_csrf_tokens(as_before)
    assert "Jaettu käytäntö</a></h2>" in page.text


@pytest.mark.parametrize("search", [{}, {"query": "pankki"}, {"query": "KOKOUS"}, {"tag": "pankki"}, {"query": "ei"}])
def test_the_practices_read_as_columns_are_those_the_model_instances_gave(db, search):
    """The rows, their order and their tags against the queryset they replaced, searched or not (on SQLite and
    PostgreSQL alike)."""
    one, two = MemberFactory(first_name="", last_name="Yksinimi"), MemberFactory()
    tags = [TagFactory(name="pankki"), TagFactory(name="ö-tunniste"), TagFactory(name="a-tunniste")]
    for number in range(25):
        practice = GoodPracticeFactory(
            title=f"Käytäntö {number}",
            description="Pankki ja kokous" if number % 3 else "Muuta",
            shared_by=one if number % 2 else two,
            meeting=meeting_in(2022, title="Kokous") if number % 4 == 0 else None,
        )
        practice.tags.add(*tags[: number % 4])

    rows = practice_rows(practices(**search)[:20])

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
        for practice in old_practices(**search)[:20]
    ]
    assert practices(**search).count() == old_practices(**search).count()
