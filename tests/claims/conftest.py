"""Fixtures of the claims tests: people's claims in every state."""

import pytest

from tests.factories import member_for


@pytest.fixture
def treasurer_who_claims(treasurer):
    """The treasurer with a member record of their own, so they can have a claim."""
    member_for(treasurer)
    return treasurer
