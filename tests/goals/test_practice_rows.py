"""goals_tags.practice_items draws the good practices list's rows as the template loop it replaced drew them."""

import re
from pathlib import Path

from django.template import Context, Template, engines

from goals.selectors import practices
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


def test_the_practice_rows_are_the_markup_the_template_loop_gave(db):
    odd = MemberFactory(first_name="Åsa <b>", last_name='O\'Brien & "Co"')
    at_meeting = GoodPracticeFactory(
        title="Pankkitunnukset <script>", shared_by=odd, meeting=meeting_in(2022, title="Kokous & <i>ystävät</i>")
    )
    at_meeting.tags.add(TagFactory(name="pankki"), TagFactory(name="<e-id>"))
    GoodPracticeFactory(title="Ilman kokousta")
    shown = list(practices())

    rows = Template("{% load goals_tags %}{% practice_items practices %}").render(Context({"practices": shown}))

    assert rows == Template(LOOP).render(Context({"page": {"object_list": shown}}))
    assert "Åsa &lt;b&gt; O&#x27;Brien" in rows
    assert "#&lt;e-id&gt;" in rows


def test_the_practices_page_is_drawn_as_with_its_old_template(client_as, member):
    GoodPracticeFactory(title="Jaettu käytäntö", meeting=meeting_in(2022)).tags.add(TagFactory(name="puhelin"))
    GoodPracticeFactory(title="Toinen")

    page = client_as(member).get("/practices/")
    list_page = (Path(__file__).resolve().parents[2] / "templates" / "goals" / "practice_list.html").read_text()
    old_template = list_page.replace("{% load i18n goals_tags %}", "{% load i18n %}").replace(
        "{% practice_items page.object_list %}\n", LOOP + "\n"
    )
    as_before = engines["django"].from_string(old_template).render(page.context[0].flatten(), request=page.wsgi_request)

    assert "{% for practice in page.object_list %}" in old_template
    assert without_csrf_tokens(page.text) == without_csrf_tokens(as_before)
    assert "Jaettu käytäntö</a></h2>" in page.text
