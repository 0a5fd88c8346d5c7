"""Who may open which plan, goals, report, practice and training URL, with GET and POST."""

import pytest

from goals.models import GoodPractice, Plan, Training
from tests.factories import UserFactory
from tests.goals.factories import GoalFactory, GoodPracticeFactory, PlanFactory, TargetFactory, TrainingFactory

LOGIN = "/accounts/login/?next="
PEOPLE = ["anonymous", "member", "other_member", "chair", "treasurer", "deactivated"]
LOGGED_IN = ["member", "other_member", "chair", "treasurer"]


def everyone(status, location=None):
    return dict.fromkeys(PEOPLE, (status, location))


def members_only(status, location=None, treasurer=None):
    """Anonymous and deactivated go to the login; the treasurer (no member record) may differ."""
    expected = dict.fromkeys(LOGGED_IN, (status, location))
    expected.update(anonymous=(302, LOGIN), deactivated=(302, LOGIN))
    if treasurer is not None:
        expected["treasurer"] = treasurer
    return expected


NO_MEMBER_RECORD = (404, None)
# (url, method) -> person -> (status, where a redirect goes: the start of its address)
EXPECTED = {
    ("/plan/", "GET"): everyone(302, "/plan/2022/"),
    ("/plan/", "POST"): everyone(405),
    ("/plan/<year>/", "GET"): everyone(200),
    ("/plan/<year>/", "POST"): everyone(405),
    ("/plan/<year>/pdf/", "GET"): everyone(200),
    ("/plan/<year>/pdf/", "POST"): everyone(405),
    ("/goals/", "GET"): everyone(302, "/goals/2022/"),
    ("/goals/", "POST"): everyone(405),
    ("/goals/<year>/", "GET"): everyone(200),
    ("/goals/<year>/", "POST"): everyone(405),
    ("/report/<year>/", "GET"): members_only(200),
    ("/report/<year>/", "POST"): members_only(405),
    ("/report/<year>/pdf/", "GET"): members_only(200),
    ("/report/<year>/pdf/", "POST"): members_only(405),
    ("/practices/", "GET"): members_only(200),
    ("/practices/", "POST"): members_only(405),
    ("/practices/new/", "GET"): members_only(200, treasurer=NO_MEMBER_RECORD),
    ("/practices/new/", "POST"): members_only(302, "/practices/", treasurer=NO_MEMBER_RECORD),
    ("/practices/<practice>/", "GET"): members_only(200),
    ("/practices/<practice>/", "POST"): members_only(405),
    ("/trainings/", "GET"): members_only(200),
    ("/trainings/", "POST"): members_only(302, "/trainings/", treasurer=NO_MEMBER_RECORD),
}
MATRIX = [(url, method, person, *EXPECTED[url, method][person]) for url, method in EXPECTED for person in PEOPLE]
POST_DATA = {
    "/practices/new/": {"title": "Etäopastus puhelimella", "description": "Asiakas soittaa.", "tags": "puhelin"},
    "/trainings/": {"title": "Tekoäly kirjastotyössä", "date": "2022-04-06", "shared_afterwards": "Kerroin tiimille."},
}
# The pages that store something, and what they store, when they are allowed to.
CREATES = {"/practices/new/": GoodPractice, "/trainings/": Training}


@pytest.fixture
def world(db):
    plan = PlanFactory(year=2022, published=True)
    TargetFactory(goal=GoalFactory(plan=plan))
    practice = GoodPracticeFactory()
    TrainingFactory()
    return {"<year>": "2022", "<practice>": str(practice.pk)}


def fill(path, world):
    for placeholder, value in world.items():
        path = path.replace(placeholder, value)
    return path


def counts():
    return {model: model.objects.count() for model in (GoodPractice, Training, Plan)}


def test_every_goals_url_is_in_the_matrix():
    from goals.urls import urlpatterns

    placeholders = {
        "plan/<int:year>/": "plan/<year>/",
        "plan/<int:year>/pdf/": "plan/<year>/pdf/",
        "goals/<int:year>/": "goals/<year>/",
        "report/<int:year>/": "report/<year>/",
        "report/<int:year>/pdf/": "report/<year>/pdf/",
        "practices/<int:pk>/": "practices/<practice>/",
    }
    routes = {"/" + placeholders.get(str(pattern.pattern), str(pattern.pattern)) for pattern in urlpatterns}

    assert {(route, method) for route in routes for method in ("GET", "POST")} == set(EXPECTED)


@pytest.mark.parametrize(("page", "method", "person", "status", "location"), MATRIX)
def test_permission_matrix_of_the_goals_pages(client, client_as, people, world, page, method, person, status, location):
    path = fill(page, world)
    if people[person] is not None:
        client = client_as(people[person])
    before = counts()

    response = (
        client.get(path, POST_DATA.get(page, {})) if method == "GET" else client.post(path, POST_DATA.get(page, {}))
    )

    assert response.status_code == status
    if location:
        assert response["Location"].startswith(fill(location, world))
        if location == LOGIN:
            assert path in response["Location"].replace("%2F", "/")
    stored = method == "POST" and page in CREATES and status == 302 and location != LOGIN
    expected = dict(before)
    if stored:
        expected[CREATES[page]] += 1
    assert counts() == expected


@pytest.mark.parametrize("page", ["/report/2022/", "/practices/", "/practices/new/", "/trainings/"])
def test_a_user_without_a_role_cannot_use_the_member_pages(client_as, world, page):
    nobody = UserFactory(roles=[])

    response = client_as(nobody).post(page, POST_DATA.get(page, {}))

    assert response.status_code == 403
    assert counts()[GoodPractice] == 1
    assert counts()[Training] == 1


def test_a_practice_posted_by_a_member_is_shared_by_that_member(client_as, member, world):
    client_as(member).post("/practices/new/", POST_DATA["/practices/new/"])

    assert GoodPractice.objects.get(title="Etäopastus puhelimella").shared_by == member.member


def test_a_training_posted_by_a_member_is_that_members_and_made_by_them(client_as, member, world):
    client_as(member).post("/trainings/", POST_DATA["/trainings/"])

    training = Training.objects.get(title="Tekoäly kirjastotyössä")
    assert (training.member, training.created_by) == (member.member, member)


def test_a_member_cannot_post_a_practice_in_someone_elses_name(client_as, member, other_member, world):
    client_as(member).post("/practices/new/", {**POST_DATA["/practices/new/"], "shared_by": other_member.member.pk})

    assert GoodPractice.objects.get(title="Etäopastus puhelimella").shared_by == member.member


def test_the_treasurer_sees_the_trainings_without_the_form_to_add_one(client_as, treasurer, world):
    response = client_as(treasurer).get("/trainings/")

    assert response.context["can_add"] is False
    assert 'id="training-button"' not in response.text


@pytest.mark.parametrize("page", ["/plan/1999/", "/goals/2030/", "/plan/2030/pdf/"])
def test_a_year_without_a_plan_is_not_found(client, world, page):
    assert client.get(page).status_code == 404


def test_an_unknown_practice_is_not_found(client_as, member, world):
    assert client_as(member).get("/practices/999999/").status_code == 404
