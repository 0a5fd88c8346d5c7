"""members.selectors.member_with_travel_details, read in SQL, against the two ORM queries it replaced on My profile
(member_for_user() and the member's TravelDetails row), on SQLite and PostgreSQL alike."""

from datetime import UTC, datetime

import pytest
from django.forms.models import model_to_dict

from members.models import Member, TravelDetails
from members.selectors import member_with_travel_details
from tests.factories import MemberFactory, TravelDetailsFactory, UserFactory, member_for

pytestmark = pytest.mark.django_db


def columns(instance):
    """Every stored value of a model instance, by its column."""
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


def test_a_members_record_and_travel_details_are_what_the_orm_reads():
    user = UserFactory(email="aino@example.org", first_name="Aino", last_name="Äijälä")
    member = member_for(user, job_title='Tieto & "taito"', anonymised_at=None, preferred_language="sv")
    TravelDetailsFactory(member=member, home_address="Kotikatu 1 <A>", iban="FI2112345600000785")
    MemberFactory(user=UserFactory())  # someone else, not read
    Member.objects.filter(pk=member.pk).update(created_at=datetime(2025, 12, 31, 22, 30, tzinfo=UTC))

    ours, details = member_with_travel_details(user)

    orm = Member.objects.filter(user=user).first()
    assert columns(ours) == columns(orm)
    assert columns(details) == columns(TravelDetails.objects.filter(member=orm).first())
    assert ours.created_at.tzinfo is not None and details.updated_at.tzinfo is not None
    assert model_to_dict(ours) == model_to_dict(orm)  # what ProfileForm starts from
    assert details.iban_masked == TravelDetails.objects.get(member=orm).iban_masked


def test_a_member_without_travel_details_has_none_yet():
    user = UserFactory()
    member = member_for(user, library=None)

    ours, details = member_with_travel_details(user)

    assert columns(ours) == columns(member) | {"created_at": Member.objects.get(pk=member.pk).created_at}
    assert ours.library_id is None
    assert details is None


def test_a_person_outside_the_group_has_no_member_record():
    MemberFactory(user=None)

    assert member_with_travel_details(UserFactory()) == (None, None)


def test_only_a_person_with_a_member_record_may_draw_a_members_form(member, treasurer):
    """member_record_or_404, asked in SQL, answers as the ORM's exists() it replaced."""
    from django.http import Http404

    from members.selectors import member_record_or_404

    assert Member.objects.filter(user=member).exists() and not Member.objects.filter(user=treasurer).exists()
    member_record_or_404(member)
    with pytest.raises(Http404):
        member_record_or_404(treasurer)
