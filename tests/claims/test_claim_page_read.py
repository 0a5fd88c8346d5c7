"""A claim page's claim read in SQL (selectors._claim_page_get) is what the ORM queries it replaced read: the same
values of the same types, the same related objects, the same claims found or refused; and nothing more is queried
when the page reads them. Run on SQLite and on PostgreSQL (DATABASE_URL)."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from meetings.claims import selectors, services
from meetings.claims.models import ClaimEvent, ClaimLine, ClaimStatus, LineKind, TravelClaim
from meetings.models import Answer
from meetings.selectors import answer_of
from members.models import TravelDetails
from tests.claims.factories import ClaimLineFactory, TravelClaimFactory, claim_in
from tests.factories import LibraryFactory, TravelDetailsFactory
from tests.meetings.factories import ActionDayFactory


def _orm_claim_for_decision(user, pk):
    """selectors.claim_get_for_decision() as the ORM read it before."""
    same_event = (
        TravelClaim.objects.filter(member_id=OuterRef("member_id"))
        .filter(Q(meeting_id=OuterRef("meeting_id")) | Q(action_day_id=OuterRef("action_day_id")))
        .exclude(pk=OuterRef("pk"))
    )
    current_iban = TravelDetails.objects.filter(member_id=OuterRef("member_id")).values("iban")[:1]
    claims = selectors._with_lines(TravelClaim.objects.filter(selectors._readable(user))).annotate(
        has_same_event_claims=Exists(same_event), current_iban=Subquery(current_iban)
    )
    return claims.get(pk=pk)


def _orm_claim_for_owner(user, pk):
    """selectors.claim_get_for_owner() as the ORM read it before."""
    own_fields = [field.name for field in TravelClaim._meta.concrete_fields]
    related = ["member__first_name", "member__last_name", "member__library__name", "meeting__title"]
    related += ["meeting__starts_at", "action_day__year", "action_day__theme", "rates__year"]
    lines = ClaimLine.objects.select_related("receipt").only(
        "kind", "km", "passengers", "passenger_names", "vehicle", "registration_number", "cost", "explanation"
    )
    lines = lines.only(*lines.query.deferred_loading[0], "amount", "claim", "receipt__original_name")
    events = ClaimEvent.objects.select_related("actor").only(
        "claim", "at", "to_status", "reason", "actor__first_name", "actor__last_name", "actor__email"
    )
    claims = (
        TravelClaim.objects.filter(member__user=user)
        .select_related("member__library", "meeting", "action_day", "rates")
        .only(*own_fields, *related)
        .prefetch_related(Prefetch("lines", queryset=lines.order_by("pk")), Prefetch("events", queryset=events))
    )
    return claims.get(pk=pk)


def _values(instance, leave_out=()):
    """What the instance holds of each field the ORM read: (type, value), so that 1.0 is not taken for Decimal 1.0."""
    if instance is None:
        return None
    deferred = instance.get_deferred_fields()
    return {
        field.attname: (type(getattr(instance, field.attname)), getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if field.attname not in deferred and field.attname not in leave_out
    }


def _loaded(ours, theirs, leave_out=()):
    """Our instance's values of every field the ORM's instance read (ours may read more)."""
    if ours is None:
        return None
    wanted = set(_values(theirs, leave_out))
    return {name: value for name, value in _values(ours).items() if name in wanted}


def _same(ours, theirs):
    assert _loaded(ours.member, theirs.member) == _values(theirs.member)
    assert _values(ours) == _values(theirs)
    for relation in ("library",):
        assert _loaded(getattr(ours.member, relation), getattr(theirs.member, relation)) == _values(
            getattr(theirs.member, relation)
        )
    for relation in ("meeting", "action_day", "rates"):
        assert _loaded(getattr(ours, relation), getattr(theirs, relation)) == _values(getattr(theirs, relation))
    assert [_loaded(line, other) for line, other in zip(ours.lines.all(), theirs.lines.all(), strict=True)] == [
        _values(line) for line in theirs.lines.all()
    ]
    ours_receipts = [getattr(line, "receipt", None) for line in ours.lines.all()]
    their_receipts = [getattr(line, "receipt", None) for line in theirs.lines.all()]
    assert [_loaded(a, b) for a, b in zip(ours_receipts, their_receipts, strict=True)] == [
        _values(receipt) for receipt in their_receipts
    ]
    assert [_loaded(event, other) for event, other in zip(ours.events.all(), theirs.events.all(), strict=True)] == [
        _values(event) for event in theirs.events.all()
    ]
    assert [
        _loaded(event.actor, other.actor, leave_out={"password"})
        for event, other in zip(ours.events.all(), theirs.events.all(), strict=True)
    ] == [_values(event.actor, leave_out={"password"}) for event in theirs.events.all()]


@pytest.fixture
def claims(member, other_member, chair, treasurer):
    """A paid claim with a car line, a ticket with its receipt and a lodging line without one, its member of a
    library with an account in her travel details and an answer to the meeting; an action day's claim of a member of
    no library, with no travel details, one line and a days' list of free meals; another member's draft."""
    member.member.library = LibraryFactory(name="Åbo <stadsbibliotek>")
    member.member.save()
    TravelDetailsFactory(member=member.member, iban="FI2112345600000785")
    paid = claim_in(ClaimStatus.PAID, member, approver=chair, payer=treasurer, lines=("car", "ticket"))
    ClaimLineFactory(claim=paid, kind=LineKind.ACCOMMODATION, cost=Decimal("89.90"), amount=Decimal("89.90"))
    action_day = ActionDayFactory(theme='Digi <arki> & "me"')
    odd = TravelClaimFactory(
        member=other_member.member,
        meeting=None,
        action_day=action_day,
        status=ClaimStatus.SUBMITTED,
        free_meals_per_day=[1, 0, 2],
        total=Decimal("1234.05"),
        distance_from_start_km=Decimal("12.5"),
    )
    ClaimLineFactory(claim=odd, kind=LineKind.PARKING, cost=Decimal("3.10"), amount=Decimal("3.10"))
    draft = claim_in(ClaimStatus.DRAFT, other_member, approver=chair)
    return {"paid": paid, "odd": odd, "draft": draft}


def test_the_approval_screens_claim_is_what_the_orm_read(claims, treasurer):
    for claim in (claims["paid"], claims["odd"]):
        ours = selectors.claim_get_for_decision(user=treasurer, pk=claim.pk)
        theirs = _orm_claim_for_decision(treasurer, claim.pk)

        _same(ours, theirs)
        assert (ours.current_iban, ours.has_same_event_claims) == (theirs.current_iban, theirs.has_same_event_claims)
        answer = answer_of(meeting_id=claim.meeting_id, member_id=claim.member_id) if claim.meeting_id else None
        assert ours.meeting_answer == (answer.answer if answer else None)
    assert selectors.claim_get_for_decision(user=treasurer, pk=claims["paid"].pk).current_iban == "FI2112345600000785"
    assert selectors.claim_get_for_decision(user=treasurer, pk=claims["paid"].pk).meeting_answer == Answer.IN_PERSON
    assert selectors.claim_get_for_decision(user=treasurer, pk=claims["odd"].pk).free_meals_per_day == [1, 0, 2]


def test_the_owners_claim_is_what_the_orm_read(claims, member, other_member):
    for user, claim in ((member, claims["paid"]), (other_member, claims["odd"]), (other_member, claims["draft"])):
        _same(selectors.claim_get_for_owner(user=user, pk=claim.pk), _orm_claim_for_owner(user, claim.pk))


@pytest.mark.parametrize(
    "who, claim, found",
    [
        ("treasurer", "paid", True),
        ("treasurer", "odd", True),
        ("treasurer", "draft", False),  # another member's draft is the claimant's alone
        ("chair", "odd", True),
        ("other_member", "draft", True),  # her own draft
        ("other_member", "paid", False),
        ("member", "odd", False),
    ],
)
def test_the_approval_screen_finds_the_claims_the_orm_found(request, claims, who, claim, found):
    user = request.getfixturevalue(who)
    pk = claims[claim].pk
    assert TravelClaim.objects.filter(selectors._readable(user), pk=pk).exists() is found
    if found:
        assert selectors.claim_get_for_decision(user=user, pk=pk).pk == pk
    else:
        with pytest.raises(Http404):
            selectors.claim_get_for_decision(user=user, pk=pk)


@pytest.mark.parametrize(
    "who, claim, found",
    [("member", "paid", True), ("other_member", "draft", True), ("treasurer", "odd", False), ("member", "odd", False)],
)
def test_a_member_finds_her_own_claims_only(request, claims, who, claim, found):
    user = request.getfixturevalue(who)
    pk = claims[claim].pk
    if found:
        assert selectors.claim_get_for_owner(user=user, pk=pk).pk == pk
    else:
        with pytest.raises(Http404):
            selectors.claim_get_for_owner(user=user, pk=pk)


def test_what_the_claim_pages_read_of_the_claim_needs_no_further_query(claims, treasurer):
    claim = selectors.claim_get_for_decision(user=treasurer, pk=claims["paid"].pk)
    with CaptureQueriesContext(connection) as queries:
        read = [claim.member.full_name, claim.member.library.name, str(claim.event), claim.rates.year, claim.number]
        for line in claim.lines.all():
            read += [line.get_kind_display(), line.amount, line.claim.pk, getattr(line, "receipt", None)]
            if getattr(line, "receipt", None) is not None:
                read += [line.receipt.original_name, line.receipt.line.pk]
        for event in claim.events.all():
            read += [event.at, event.get_to_status_display(), str(event.actor), event.claim.pk]
        services.claim_allowance(claim)
    assert len(queries) == 0, [query["sql"] for query in queries.captured_queries]
    assert [line.kind for line in claim.lines.all()] == [LineKind.CAR, LineKind.TICKET, LineKind.ACCOMMODATION]
    assert [getattr(line, "receipt", None) is not None for line in claim.lines.all()] == [False, True, False]
    assert [event.to_status for event in claim.events.all()] == ["submitted", "approved", "paid"]
    assert claim.paid_on == date(2022, 6, 15)


@pytest.mark.parametrize("claim", ["paid", "odd"])
def test_a_claim_page_reads_the_claim_then_its_lines_and_its_history(
    claims, treasurer, claim, django_assert_num_queries
):
    """Three queries whether the claim has a history (the paid one: three changes, in their order) or none."""
    treasurer.has_perm("digitutor.approve_claims")  # the reader's groups, read once a request before the claim
    with django_assert_num_queries(3):
        read = selectors.claim_get_for_decision(user=treasurer, pk=claims[claim].pk)
        events = [(event.to_status, event.actor.pk) for event in read.events.all()]
        lines = [line.kind for line in read.lines.all()]
    assert events == list(ClaimEvent.objects.filter(claim=claims[claim]).values_list("to_status", "actor"))
    assert lines == list(ClaimLine.objects.filter(claim=claims[claim]).order_by("pk").values_list("kind", flat=True))
    assert (len(events), len(lines)) == ((3, 3) if claim == "paid" else (0, 1))
