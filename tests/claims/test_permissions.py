"""Who may open which claims URL, with GET and POST: someone else's claim and receipt are 404, the queue is for the
chair and the treasurer, payments for the treasurer only, and state changes only by POST."""

import pytest

from meetings.claims import services
from meetings.claims.models import ClaimStatus
from tests.claims.factories import claim_in

LOGIN = "/accounts/login/?next="
PEOPLE = ["anonymous", "member", "other_member", "chair", "treasurer", "deactivated"]
MEMBERS = ["member", "other_member", "chair", "treasurer"]
OUT = {"anonymous": (302, LOGIN), "deactivated": (302, LOGIN)}


def expect(default=None, **people):
    """Anonymous and deactivated people go to the login; everyone else gets `default` unless named."""
    expected = dict.fromkeys(MEMBERS, default)
    expected.update(OUT)
    for person, outcome in people.items():
        expected[person] = outcome
    return expected


def owner_only(outcome):
    """The claim's owner (member) gets the outcome; anyone else's view of it is a 404."""
    return expect((404, None), member=outcome)


def readers(outcome):
    """The owner, the chair and the treasurer get the outcome; another member a 404."""
    return expect(outcome, other_member=(404, None))


DECIDERS_ONLY_FORBIDDEN = (403, None)
NOT_ALLOWED = (405, None)
DRAFT = "/claims/<draft>/"
QUEUE = "/claims/queue/"
PAYMENTS = "/claims/payments/"

# (url, method) -> person -> (status, the start of where a redirect goes)
EXPECTED = {
    ("/claims/", "GET"): expect((200, None), treasurer=(404, None)),  # the treasurer has no claims of their own
    ("/claims/", "POST"): expect(NOT_ALLOWED),
    ("/claims/new/", "GET"): expect((200, None), treasurer=(404, None)),
    ("/claims/new/", "POST"): expect((200, None), treasurer=(404, None)),  # an empty form comes back with errors
    (DRAFT, "GET"): owner_only((200, None)),
    (DRAFT, "POST"): owner_only((200, None)),  # an empty trip form comes back with errors
    ("/claims/<draft>/lines/", "GET"): expect(NOT_ALLOWED),
    ("/claims/<draft>/lines/", "POST"): owner_only((400, None)),
    ("/claims/<draft>/lines/<line>/delete/", "GET"): expect(NOT_ALLOWED),
    ("/claims/<draft>/lines/<line>/delete/", "POST"): owner_only((302, DRAFT)),
    ("/claims/<draft>/lines/<line>/receipt/", "GET"): expect(NOT_ALLOWED),
    ("/claims/<draft>/lines/<line>/receipt/", "POST"): owner_only((302, DRAFT)),
    ("/claims/<draft>/submit/", "GET"): expect(NOT_ALLOWED),
    ("/claims/<draft>/submit/", "POST"): owner_only((302, DRAFT)),
    ("/claims/<draft>/delete/", "GET"): expect(NOT_ALLOWED),
    ("/claims/<draft>/delete/", "POST"): owner_only((302, "/claims/")),
    ("/claims/<draft>/pdf/", "GET"): readers((200, None)),
    ("/claims/<draft>/pdf/", "POST"): expect(NOT_ALLOWED),
    ("/claims/receipts/<receipt>/", "GET"): readers((200, None)),
    ("/claims/receipts/<receipt>/", "POST"): expect(NOT_ALLOWED),
    (QUEUE, "GET"): expect(DECIDERS_ONLY_FORBIDDEN, chair=(200, None), treasurer=(200, None)),
    (QUEUE, "POST"): expect(DECIDERS_ONLY_FORBIDDEN, chair=NOT_ALLOWED, treasurer=NOT_ALLOWED),
    ("/claims/queue/<submitted>/", "GET"): expect(DECIDERS_ONLY_FORBIDDEN, chair=(200, None), treasurer=(200, None)),
    ("/claims/queue/<submitted>/", "POST"): expect(DECIDERS_ONLY_FORBIDDEN, chair=NOT_ALLOWED, treasurer=NOT_ALLOWED),
    ("/claims/queue/<submitted>/approve/", "GET"): expect(
        DECIDERS_ONLY_FORBIDDEN, chair=NOT_ALLOWED, treasurer=NOT_ALLOWED
    ),
    ("/claims/queue/<submitted>/approve/", "POST"): expect(
        DECIDERS_ONLY_FORBIDDEN, chair=(302, QUEUE), treasurer=(302, QUEUE)
    ),
    ("/claims/queue/<submitted>/return/", "GET"): expect(
        DECIDERS_ONLY_FORBIDDEN, chair=NOT_ALLOWED, treasurer=NOT_ALLOWED
    ),
    ("/claims/queue/<submitted>/return/", "POST"): expect(
        DECIDERS_ONLY_FORBIDDEN, chair=(302, QUEUE), treasurer=(302, QUEUE)
    ),
    ("/claims/queue/<approved>/pay/", "GET"): expect(DECIDERS_ONLY_FORBIDDEN, treasurer=NOT_ALLOWED),
    ("/claims/queue/<approved>/pay/", "POST"): expect(DECIDERS_ONLY_FORBIDDEN, treasurer=(302, QUEUE)),
    (PAYMENTS, "GET"): expect(DECIDERS_ONLY_FORBIDDEN, treasurer=(200, None)),
    (PAYMENTS, "POST"): expect(DECIDERS_ONLY_FORBIDDEN, treasurer=(302, PAYMENTS)),
    ("/claims/payments/<batch>.csv", "GET"): expect(DECIDERS_ONLY_FORBIDDEN, treasurer=(200, None)),
    ("/claims/payments/<batch>.csv", "POST"): expect(DECIDERS_ONLY_FORBIDDEN, treasurer=NOT_ALLOWED),
    ("/claims/payments/<batch>.xlsx", "GET"): expect(DECIDERS_ONLY_FORBIDDEN, treasurer=(200, None)),
    ("/claims/payments/<batch>.xlsx", "POST"): expect(DECIDERS_ONLY_FORBIDDEN, treasurer=NOT_ALLOWED),
    ("/claims/payments/<batch>/paid/", "GET"): expect(DECIDERS_ONLY_FORBIDDEN, treasurer=NOT_ALLOWED),
    ("/claims/payments/<batch>/paid/", "POST"): expect(DECIDERS_ONLY_FORBIDDEN, treasurer=(302, PAYMENTS)),
}
MATRIX = [(url, method, person, *EXPECTED[url, method][person]) for url, method in EXPECTED for person in PEOPLE]
POST_DATA = {
    "/claims/queue/<submitted>/return/": {"reason": "Kuitti puuttuu."},
    "/claims/queue/<approved>/pay/": {"paid_on": "2022-06-20"},
    "/claims/payments/<batch>/paid/": {"paid_on": "2022-06-30"},
}
# What each state-changing POST does when it goes through; a GET, or anyone else's POST, must not do it.
EFFECTS = {
    "/claims/<draft>/lines/<line>/delete/": lambda world: not world["draft"].lines.exists(),
    "/claims/<draft>/submit/": lambda world: status(world["draft"]) == ClaimStatus.SUBMITTED,
    "/claims/<draft>/delete/": lambda world: not type(world["draft"]).objects.filter(pk=world["draft"].pk).exists(),
    "/claims/queue/<submitted>/approve/": lambda world: status(world["submitted"]) == ClaimStatus.APPROVED,
    "/claims/queue/<submitted>/return/": lambda world: status(world["submitted"]) == ClaimStatus.RETURNED,
    "/claims/queue/<approved>/pay/": lambda world: status(world["approved"]) == ClaimStatus.PAID,
    "/claims/payments/<batch>/paid/": lambda world: status(world["in_batch"]) == ClaimStatus.PAID,
}


def status(claim):
    return type(claim).objects.get(pk=claim.pk).status


@pytest.fixture
def world(member, other_member, chair, treasurer):
    """The member's claims in the states the URLs need, and a payment batch with another member's claim."""
    draft = claim_in(ClaimStatus.DRAFT, member, approver=chair, lines=("ticket",))
    submitted = claim_in(ClaimStatus.SUBMITTED, member, approver=chair)
    in_batch = claim_in(ClaimStatus.APPROVED, other_member, approver=chair)
    batch = services.payment_batch_create(acting_user=treasurer)
    approved = claim_in(ClaimStatus.APPROVED, member, approver=chair)
    line = draft.lines.get()
    return {
        "draft": draft,
        "submitted": submitted,
        "approved": approved,
        "in_batch": in_batch,
        "placeholders": {
            "<draft>": str(draft.pk),
            "<line>": str(line.pk),
            "<receipt>": str(line.receipt.pk),
            "<submitted>": str(submitted.pk),
            "<approved>": str(approved.pk),
            "<batch>": str(batch.pk),
        },
    }


def fill(path, world):
    for placeholder, value in world["placeholders"].items():
        path = path.replace(placeholder, value)
    return path


def test_every_claims_url_is_in_the_matrix():
    from meetings.claims.urls import urlpatterns

    placeholders = {
        "claims/<int:pk>/": "claims/<draft>/",
        "claims/<int:pk>/lines/": "claims/<draft>/lines/",
        "claims/<int:pk>/lines/<int:line_pk>/delete/": "claims/<draft>/lines/<line>/delete/",
        "claims/<int:pk>/lines/<int:line_pk>/receipt/": "claims/<draft>/lines/<line>/receipt/",
        "claims/<int:pk>/submit/": "claims/<draft>/submit/",
        "claims/<int:pk>/delete/": "claims/<draft>/delete/",
        "claims/<int:pk>/pdf/": "claims/<draft>/pdf/",
        "claims/receipts/<int:pk>/": "claims/receipts/<receipt>/",
        "claims/queue/<int:pk>/": "claims/queue/<submitted>/",
        "claims/queue/<int:pk>/approve/": "claims/queue/<submitted>/approve/",
        "claims/queue/<int:pk>/return/": "claims/queue/<submitted>/return/",
        "claims/queue/<int:pk>/pay/": "claims/queue/<approved>/pay/",
        r"^claims/payments/(?P<pk>[0-9]+)\.(?P<fmt>csv|xlsx)$": [
            "claims/payments/<batch>.csv",
            "claims/payments/<batch>.xlsx",
        ],
        "claims/payments/<int:pk>/paid/": "claims/payments/<batch>/paid/",
    }
    routes = set()
    for pattern in urlpatterns:
        route = placeholders.get(str(pattern.pattern), str(pattern.pattern))
        routes.update("/" + path for path in ([route] if isinstance(route, str) else route))

    assert {(route, method) for route in routes for method in ("GET", "POST")} == set(EXPECTED)


@pytest.mark.parametrize(("page", "method", "person", "status_code", "location"), MATRIX)
def test_permission_matrix_of_the_claims_pages(
    client, client_as, people, world, page, method, person, status_code, location
):
    path = fill(page, world)
    if people[person] is not None:
        client = client_as(people[person])

    response = client.get(path) if method == "GET" else client.post(path, POST_DATA.get(page, {}))

    assert response.status_code == status_code
    if location:
        assert response["Location"].startswith(fill(location, world))
        if location == LOGIN:
            assert path in response["Location"].replace("%2F", "/")
    if page in EFFECTS:
        went_through = method == "POST" and status_code == 302 and location != LOGIN
        assert EFFECTS[page](world) == went_through


def test_a_user_without_a_role_cannot_use_the_claims_pages(client_as, world):
    from tests.factories import UserFactory

    nobody = client_as(UserFactory(roles=[]))

    assert nobody.get("/claims/").status_code == 403
    assert nobody.get(fill("/claims/<draft>/", world)).status_code == 403
    assert nobody.get(fill("/claims/receipts/<receipt>/", world)).status_code == 404
    assert nobody.get(fill("/claims/<draft>/pdf/", world)).status_code == 404


def test_the_chair_reads_another_members_claim_in_the_queue_but_cannot_edit_it(client_as, chair, world):
    client = client_as(chair)
    draft = world["draft"]

    assert client.get(f"/claims/queue/{draft.pk}/").status_code == 200
    assert client.post(f"/claims/{draft.pk}/", {"route": "Muutettu"}).status_code == 404
    draft.refresh_from_db()
    assert draft.route != "Muutettu"


def test_a_deactivated_member_keeps_their_claims_but_cannot_reach_them(client_as, deactivated, chair):
    deactivated.is_active = True
    claim = claim_in(ClaimStatus.SUBMITTED, deactivated, approver=chair)
    deactivated.is_active = False
    deactivated.save()

    assert client_as(deactivated).get(f"/claims/{claim.pk}/")["Location"].startswith(LOGIN)
    assert client_as(chair).get(f"/claims/queue/{claim.pk}/").status_code == 200
    services.claim_approve(claim=claim, acting_user=chair)
    assert status(claim) == ClaimStatus.APPROVED
