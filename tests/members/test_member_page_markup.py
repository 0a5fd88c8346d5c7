"""A member page's years in the group, written in Python (roster_tags.member_years), show what the template loop it
replaced showed: the whole page is drawn again with the old loop and compared."""

import re
from pathlib import Path

import pytest
from django.template import engines

from tests.factories import LibraryFactory, MemberFactory, RosterEntryFactory, RosterFactory

# templates/members/member_detail.html's loop as it was.
LOOP = """{% for entry in member.roster_entries.all %}
  <li><a href="{{ entry.roster.get_absolute_url }}">{{ entry.roster.year }}</a>: {{ entry.get_role_display|lower }}{% if entry.library %}, {{ entry.library.name }}{% endif %}</li>
  {% endfor %}"""  # noqa: E501


def comparable(html):
    """Without the forms' tokens (each drawing masks its own) and the blank space between tags."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r">\s+<", "><", html)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_member_page_lists_the_years_as_its_old_template_loop_did(client_as, member, language):
    shown = MemberFactory(first_name="Åsa", last_name="O'Brien", library=None)  # a year without a library
    RosterEntryFactory(member=shown, roster=RosterFactory(year=2022), role="chair")
    RosterEntryFactory(member=shown, roster=RosterFactory(year=2023), library=LibraryFactory(name="Kirjasto & <Co>"))
    RosterEntryFactory(member=shown, roster=RosterFactory(year=2024))
    client = client_as(member)
    client.cookies["django_language"] = language

    page = client.get(f"/members/{shown.pk}/")
    detail = (Path(__file__).resolve().parents[2] / "templates" / "members" / "member_detail.html").read_text()
    old_template = detail.replace("{% load i18n roster_tags %}", "{% load i18n %}").replace(
        "{{ member.roster_entries.all|member_years }}", LOOP.strip()
    )
    as_before = engines["django"].from_string(old_template).render(page.context[0].flatten(), request=page.wsgi_request)

    assert "{% for entry in member.roster_entries.all %}" in old_template
    assert '<a href="/members/?year=2023">2023</a>' in page.text
    assert "Kirjasto &amp; &lt;Co&gt;" in page.text
    assert comparable(page.text) == comparable(as_before)
