"""The queue and My claims make the same number of queries with 5 claims as with 500, and show a page at a time.

tests/test_query_counts.py measures every page of tests/pages.py; this adds the claims' pagination at 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.claims.models import ClaimStatus, TravelClaim
from tests.claims.factories import ClaimLineFactory, TravelClaimFactory
from tests.factories import MemberFactory
from tests.meetings.factories import ActionDayFactory
from tests.pages import page

QUEUED = [ClaimStatus.SUBMITTED, ClaimStatus.APPROVED]
QUEUE = page("claim_queue").url(None)  # no object in the address
MY_CLAIMS = page("claim_list").url(None)
ANY = [ClaimStatus.DRAFT, ClaimStatus.SUBMITTED, ClaimStatus.RETURNED, ClaimStatus.APPROVED, ClaimStatus.PAID]


def make_claims(count, *, members, statuses):
    """Claims by the given members, each with a line: one for the action day each, the rest for meetings of their own.

    One claim per member per event (issue 14): the factory makes a meeting for each claim it is not given an event for.
    """
    day = ActionDayFactory(year=2022)
    claimed_the_day = set(TravelClaim.objects.filter(action_day=day).values_list("member", flat=True))
    now = timezone.now()
    for number in range(count):
        member = members[number % len(members)]
        event = {}
        if number % 3 == 0 and member.pk not in claimed_the_day:
            claimed_the_day.add(member.pk)
            event = {"meeting": None, "action_day": day}
        status = statuses[number % len(statuses)]
        claim = TravelClaimFactory(
            member=member,
            status=status,
            submitted_at=now,
            approved_at=now if status == ClaimStatus.APPROVED else None,
            **event,
        )
        ClaimLineFactory(claim=claim)


def queries_for(client, path):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries), response


@pytest.mark.parametrize("viewer", ["chair", "treasurer"])
def test_the_queue_makes_as_many_queries_with_500_claims_as_with_5(client_as, people, viewer):
    client = client_as(people[viewer])
    members = MemberFactory.create_batch(3)
    make_claims(5, members=members, statuses=QUEUED)
    client.get(QUEUE)  # warm up: session, content types
    with_five, few = queries_for(client, f"{QUEUE}?year=2022")

    make_claims(495, members=members, statuses=QUEUED)
    with_five_hundred, many = queries_for(client, f"{QUEUE}?year=2022")

    assert with_five_hundred == with_five
    # The session, the user, her groups, the queue's claims (one query), the budgets entered (none here, so the first
    # and last trips are two more) and the year's budget figures.
    assert with_five == 8
    assert len(few.context["submitted"]) + len(few.context["approved"]) == 5
    assert many.context["page"].paginator.count + many.context["waiting"]["count"] == 500
    assert many.text.count('class="list-group-item"') == 25 + 25  # a page of each; the rest a page away


def test_my_claims_makes_as_many_queries_with_500_claims_as_with_5(client_as, member):
    client = client_as(member)
    make_claims(5, members=[member.member], statuses=ANY)
    client.get(MY_CLAIMS)
    with_five, few = queries_for(client, MY_CLAIMS)

    make_claims(495, members=[member.member], statuses=ANY)
    with_five_hundred, many = queries_for(client, MY_CLAIMS)

    assert with_five_hundred == with_five
    assert len(few.context["claims"]) == 5
    assert many.context["page"].paginator.count == 500
    assert many.text.count('<th scope="row"><a href="/claims/') == 25  # a page at a time
