"""The trainings list, written in Python (goals_tags.trainings_page), against its old template
(tests/goals/trainings_before/): empty and full, on its first and last page, with the form blank and refused, for a
member who may add a training and for a drawing without the form, in fi, sv and en."""

from datetime import date
from pathlib import Path

import pytest
from django.core.paginator import Paginator
from django.template import engines
from django.utils import translation

from goals.models import Training
from goals.selectors import trainings
from tests.factories import MemberFactory
from tests.goals.factories import TrainingFactory
from tests.old_templates import without_csrf_tokens

OLD_PAGE = (Path(__file__).resolve().parent / "trainings_before" / "goals" / "training_list.html").read_text()


def old_trainings():
    """goals.selectors.trainings as it was: Training instances with their member."""
    shown = ("pk", "title", "date", "shared_afterwards", "member__first_name", "member__last_name")
    return Training.objects.select_related("member").only(*shown)


def draw_as_before(page, language, **changes):
    """The page the old template draws from the old selector's trainings and the view's context (with `changes`)."""
    context = {**page.context[0].flatten(), **changes}
    context["page"] = Paginator(old_trainings(), 20).get_page(page.wsgi_request.GET.get("page"))
    with translation.override(language):
        return engines["django"].from_string(OLD_PAGE).render(context, request=page.wsgi_request)


def draw_as_now(page, language, **changes):
    """The page the current template draws from the view's context (with `changes`)."""
    context = {**page.context[0].flatten(), **changes}
    with translation.override(language):
        return engines["django"].get_template("goals/training_list.html").render(context, request=page.wsgi_request)


def trainings_to_escape(count):
    """`count` trainings on different days, some with text to escape, some with nothing shared afterwards."""
    odd = MemberFactory(first_name="Åsa <b>", last_name='O\'Brien & "Co"')
    for number in range(count):
        TrainingFactory(
            title=f"Koulutus {number} <i>&",
            date=date(2020 + number % 5, 1 + number % 12, 1 + number % 28),
            member=odd if number % 3 == 0 else MemberFactory(),
            shared_afterwards="" if number % 4 == 0 else f"Kerroin <tiimille> & {number}",
        )


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize(("count", "address"), [(0, "/trainings/"), (23, "/trainings/"), (23, "/trainings/?page=2")])
def test_the_trainings_page_is_drawn_as_with_its_old_template(client_as, member, language, count, address):
    trainings_to_escape(count)
    client = client_as(member)
    client.cookies["django_language"] = language

    page = client.get(address)

    assert without_csrf_tokens(page.text) == without_csrf_tokens(draw_as_before(page, language))
    assert without_csrf_tokens(draw_as_now(page, language, can_add=False)) == without_csrf_tokens(
        draw_as_before(page, language, can_add=False)
    )
    if count:
        assert "Åsa &lt;b&gt; O&#x27;Brien &amp; &quot;Co&quot;" in page.text
        assert "Kerroin &lt;tiimille&gt; &amp;" in page.text


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_refused_training_form_is_drawn_as_with_its_old_template(client_as, member, language):
    trainings_to_escape(3)
    client = client_as(member)
    client.cookies["django_language"] = language

    page = client.post("/trainings/", {"title": "", "date": "31.2.2022", "shared_afterwards": "<b>x</b>"})

    assert page.status_code == 200
    assert 'class="invalid-feedback"' in page.text
    assert without_csrf_tokens(page.text) == without_csrf_tokens(draw_as_before(page, language))


def test_the_trainings_read_in_sql_are_those_the_orm_read(db):
    """Every page's rows and their order (trainings of the same day too), and the count, against the queryset they
    replaced (on SQLite and PostgreSQL alike)."""
    trainings_to_escape(23)
    TrainingFactory(member=MemberFactory(first_name="", last_name="Yksinimi"), date=date(2021, 2, 2))

    rows = trainings()[0:20] + trainings()[20:40]

    assert [(row.title, row.date, row.attended_by, row.shared_afterwards) for row in rows] == [
        (training.title, training.date, training.member.full_name, training.shared_afterwards)
        for training in list(old_trainings()[:20]) + list(old_trainings()[20:40])
    ]
    assert trainings().count() == old_trainings().count() == 24
    assert len({row.date for row in rows}) < len(rows)
