"""The action day's programme, read as columns and written in Python, shows what the template loop over the parts
and their presenters showed (the blank space between tags aside)."""

from datetime import time

import pytest
from django.template import Context, Template
from django.utils import translation

from meetings.actionday import selectors
from tests.factories import LibraryFactory, MemberFactory
from tests.meetings.factories import ActionDayFactory, ProgrammeItemFactory
from tests.members.test_member_forms_markup import squeezed

pytestmark = pytest.mark.django_db

# templates/actionday/action_day.html's loop until the programme_items filter, over the prefetched parts.
PROGRAMME_TEMPLATE = """{% load i18n %}{% for item in programme %}
    <li class="mb-3">
      <h3 class="h5 mb-1"><span class="programme-time">{{ item.starts_at|time:"TIME_FORMAT" }}{% if item.ends_at %}–{{ item.ends_at|time:"TIME_FORMAT" }}{% endif %}</span> {{ item.title }}</h3>
      {% if item.description %}<p class="mb-1">{{ item.description }}</p>{% endif %}
      {% if item.presenters.all or item.outside_presenters %}
      <p class="mb-0 text-body-secondary">{% translate "Presenters:" %}
        {% for presenter in item.presenters.all %}{{ presenter.full_name }}{% if presenter.library %} ({{ presenter.library.name }}){% endif %}{% if not forloop.last or item.outside_presenters %}, {% endif %}{% endfor %}{{ item.outside_presenters }}
      </p>
      {% endif %}
    </li>
    {% endfor %}"""  # noqa: E501


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_programme_shows_what_the_template_loop_showed(language):
    day = ActionDayFactory()
    library = LibraryFactory(name="Turun & <pääkirjasto>")
    aija = MemberFactory(first_name="Aija", last_name="Ameer", library=library)
    tuomas = MemberFactory(first_name="Tuomas", last_name="Kumpula", library=None)
    anna = MemberFactory(first_name="Anna", last_name="Berg")
    ProgrammeItemFactory(action_day=day, starts_at=time(9), ends_at=None, title="Aamukahvi")
    ProgrammeItemFactory(
        action_day=day,
        starts_at=time(13),
        title="Työpaja <b>",
        description="Tuo 'oma' laite & kysy",
        presenters=[tuomas, aija],
    )
    ProgrammeItemFactory(action_day=day, starts_at=time(10), outside_presenters="Asiantuntija, Turun AMK")
    ProgrammeItemFactory(action_day=day, starts_at=time(10), presenters=[anna], outside_presenters="Vieras & co")
    ProgrammeItemFactory(action_day=ActionDayFactory(), presenters=[anna])  # another day's
    parts = day.programme.prefetch_related("presenters__library")

    with translation.override(language):
        old = Template(PROGRAMME_TEMPLATE).render(Context({"programme": parts}))
        new = Template("{% load actionday_tags %}{{ programme|programme_items }}").render(
            Context({"programme": selectors.programme_of(day)})
        )

    assert new.count("<li") == 4
    assert "Aija Ameer (Turun &amp; &lt;pääkirjasto&gt;), Tuomas Kumpula</p>" in new
    assert "</span> Työpaja &lt;b&gt;</h3>" in new
    assert squeezed(new) == squeezed(old)
