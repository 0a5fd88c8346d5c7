"""The members' data model: its constraints, the validated fields and the rosters' history."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from members.models import Library, Member, Region, RosterEntry, RosterRole, TravelDetails, mask_iban
from tests.factories import LibraryFactory, MemberFactory, RosterEntryFactory, RosterFactory

VALID_IBAN = "FI2112345600000785"


def test_a_roster_has_only_one_chair(db):
    roster = RosterFactory(year=2022)
    RosterEntryFactory(roster=roster, role=RosterRole.CHAIR)

    with pytest.raises(IntegrityError), transaction.atomic():
        RosterEntryFactory(roster=roster, role=RosterRole.CHAIR)

    assert roster.entries.filter(role=RosterRole.CHAIR).count() == 1


def test_each_years_roster_has_its_own_chair(db):
    person = MemberFactory()

    RosterEntryFactory(roster=RosterFactory(year=2022), member=person, role=RosterRole.CHAIR)
    RosterEntryFactory(roster=RosterFactory(year=2023), role=RosterRole.CHAIR)

    assert RosterEntry.objects.filter(role=RosterRole.CHAIR).count() == 2


def test_a_member_is_on_a_roster_only_once(db):
    roster = RosterFactory(year=2022)
    person = MemberFactory()
    RosterEntryFactory(roster=roster, member=person)

    with pytest.raises(IntegrityError), transaction.atomic():
        RosterEntryFactory(roster=roster, member=person, role=RosterRole.CHAIR)

    assert roster.entries.count() == 1


def test_a_member_can_be_on_the_rosters_of_several_years(db):
    person = MemberFactory()

    RosterEntryFactory(roster=RosterFactory(year=2022), member=person)
    RosterEntryFactory(roster=RosterFactory(year=2023), member=person)

    assert person.roster_entries.count() == 2


def test_a_library_must_be_in_a_real_finnish_municipality(db):
    library = Library(name="Atlantiksen kirjasto", municipality="Atlantis", region=Region.SATAKUNTA)

    with pytest.raises(ValidationError) as error:
        library.full_clean()

    assert "municipality" in error.value.message_dict


def test_a_library_in_pori_is_accepted(db):
    library = Library(name="Porin kaupunginkirjasto", municipality="pori", region=Region.SATAKUNTA)

    library.full_clean()
    library.save()

    assert library.get_municipality_display() == "Pori"


def test_a_travel_details_home_municipality_must_be_real(db):
    details = TravelDetails(member=MemberFactory(), home_municipality="Atlantis")

    with pytest.raises(ValidationError) as error:
        details.full_clean()

    assert "home_municipality" in error.value.message_dict


def test_an_iban_is_stored_without_spaces_in_upper_case(db):
    details = TravelDetails(member=MemberFactory(), iban="fi21 1234 5600 0007 85")

    details.full_clean()
    details.save()

    details.refresh_from_db()
    assert details.iban == VALID_IBAN


@pytest.mark.parametrize(
    "iban",
    [
        "FI2212345600000785",  # the checksum digits are wrong
        "FI2112345600000786",  # one digit of the account is wrong
        "FI211234560000078",  # too short for Finland
        "XX2112345600000785",  # no such country
    ],
)
def test_an_iban_with_a_bad_checksum_or_shape_is_refused(db, iban):
    details = TravelDetails(member=MemberFactory(), iban=iban)

    with pytest.raises(ValidationError) as error:
        details.full_clean()

    assert "iban" in error.value.message_dict


def test_an_empty_iban_is_allowed(db):
    details = TravelDetails(member=MemberFactory(), iban="")

    details.full_clean()


def test_a_masked_iban_shows_only_the_country_and_the_last_four_characters():
    masked = mask_iban(VALID_IBAN)

    assert masked.startswith("FI")
    assert masked.replace(" ", "").endswith("0785")
    assert masked.replace(" ", "") == "FI" + "•" * 12 + "0785"
    assert "2112345600" not in masked.replace(" ", "").replace("•", "")
    assert [char for char in masked.replace(" ", "") if char.isdigit()] == list("0785")


def test_masking_nothing_gives_nothing():
    assert mask_iban("") == ""


def test_travel_details_give_their_iban_masked(db):
    details = TravelDetails(member=MemberFactory(), iban=VALID_IBAN)

    assert details.iban_masked == mask_iban(VALID_IBAN)
    assert VALID_IBAN not in details.iban_masked.replace(" ", "")


def test_a_roster_entry_takes_the_members_library_when_none_is_given(db):
    library = LibraryFactory(name="Raision kaupunginkirjasto", municipality="raisio")
    entry = RosterEntryFactory(member=MemberFactory(library=library))

    assert entry.library == library


def test_a_roster_entry_keeps_its_library_when_the_member_moves(db):
    turku = LibraryFactory(name="Turun kaupunginkirjasto", municipality="turku")
    pori = LibraryFactory(name="Porin kaupunginkirjasto", municipality="pori", region=Region.SATAKUNTA)
    person = MemberFactory(library=turku)
    entry_2022 = RosterEntryFactory(roster=RosterFactory(year=2022), member=person)

    person.library = pori
    person.save()
    entry_2023 = RosterEntryFactory(roster=RosterFactory(year=2023), member=person)

    entry_2022.refresh_from_db()
    assert entry_2022.library == turku
    assert entry_2023.library == pori


def test_adding_a_member_to_the_2023_roster_does_not_change_2022s(db):
    roster_2022 = RosterFactory(year=2022)
    roster_2023 = RosterFactory(year=2023)
    people = MemberFactory.create_batch(3)
    for person in people:
        RosterEntryFactory(roster=roster_2022, member=person)
    before = list(roster_2022.entries.values_list("member", "role", "library"))

    RosterEntryFactory(roster=roster_2023, member=people[0], role=RosterRole.CHAIR)
    RosterEntryFactory(roster=roster_2023, member=MemberFactory())

    assert list(roster_2022.entries.values_list("member", "role", "library")) == before
    assert roster_2023.entries.count() == 2


def test_member_email_is_kept_in_lowercase_and_unique(db):
    MemberFactory(email="Liisa.Lukija@Example.org")

    with pytest.raises(IntegrityError), transaction.atomic():
        MemberFactory(email="liisa.lukija@example.org")

    assert Member.objects.get().email == "liisa.lukija@example.org"
