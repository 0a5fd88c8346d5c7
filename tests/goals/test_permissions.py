"""The goals pages' permissions beyond the matrix: a user without a role, whose name a practice or a training is
stored in, what the treasurer sees. Who may open which plan, goals, report, practice and training URL, with GET and
POST, is in tests/pages.py, checked by tests/security/test_permission_matrix.py."""

import pytest

from goals.models import GoodPractice, Plan, Training
from tests.factories import UserFactory
from tests.goals.factories import TrainingFactory
from tests.pages import page


def counts():
    return {model: model.objects.count() for model in (GoodPractice, Training, Plan)}


@pytest.mark.parametrize("name", ["report_detail", "practice_list", "practice_create", "training_list"])
def test_a_user_without_a_role_cannot_use_the_member_pages(client_as, world, name):
    nobody = UserFactory(roles=[])
    path = page(name).url(world)
    world.practice  # noqa: B018
    TrainingFactory()
    before = counts()

    response = client_as(nobody).post(path, page(name).data(world))

    assert response.status_code == 403
    assert counts() == before


def test_a_practice_posted_by_a_member_is_shared_by_that_member(client_as, member, world):
    client_as(member).post("/practices/new/", page("practice_create").data(world))

    assert GoodPractice.objects.get(title="Etäopastus puhelimella").shared_by == member.member


def test_a_training_posted_by_a_member_is_that_members_and_made_by_them(client_as, member, world):
    client_as(member).post("/trainings/", page("training_list").data(world))

    training = Training.objects.get(title="Tekoäly kirjastotyössä")
    assert (training.member, training.created_by) == (member.member, member)


def test_a_member_cannot_post_a_practice_in_someone_elses_name(client_as, member, other_member, world):
    client_as(member).post(
        "/practices/new/", {**page("practice_create").data(world), "shared_by": other_member.member.pk}
    )

    assert GoodPractice.objects.get(title="Etäopastus puhelimella").shared_by == member.member


def test_the_treasurer_sees_the_trainings_without_the_form_to_add_one(client_as, treasurer, world):
    response = client_as(treasurer).get("/trainings/")

    assert response.context["can_add"] is False
    assert 'id="training-button"' not in response.text


@pytest.mark.parametrize("path", ["/plan/1999/", "/goals/2030/", "/plan/2030/pdf/"])
def test_a_year_without_a_plan_is_not_found(client, world, path):
    world.plan  # noqa: B018  (2022's)

    assert client.get(path).status_code == 404


def test_an_unknown_practice_is_not_found(client_as, member, world):
    assert client_as(member).get("/practices/999999/").status_code == 404
