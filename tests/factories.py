"""factory_boy factories for the portal's models."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from digitutor.roles import Role
from members.models import (
    Invitation,
    JoinRequest,
    Library,
    Member,
    Region,
    Roster,
    RosterEntry,
    RosterRole,
    TravelDetails,
    User,
)

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="fi_FI")
    last_name = factory.Faker("last_name", locale="fi_FI")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
        self.save()


class LibraryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Library
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Kirjasto {n}")
    municipality = "turku"
    region = Region.VARSINAIS_SUOMI


class MemberFactory(factory.django.DjangoModelFactory):
    """A member of the group; pass user=... to link an account."""

    class Meta:
        model = Member

    first_name = factory.Faker("first_name", locale="fi_FI")
    last_name = factory.Faker("last_name", locale="fi_FI")
    email = factory.Sequence(lambda n: f"member{n}@example.org")
    library = factory.SubFactory(LibraryFactory)
    job_title = "Kirjastonhoitaja"
    phone = "040 000 0000"


class RosterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Roster
        django_get_or_create = ["year"]

    year = 2022


class RosterEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RosterEntry

    roster = factory.SubFactory(RosterFactory)
    member = factory.SubFactory(MemberFactory)
    role = RosterRole.MEMBER


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    member = factory.SubFactory(MemberFactory, email=factory.Sequence(lambda n: f"invitee{n}@example.org"))
    role = Role.MEMBER
    # Bound to the member's address, as sending binds it.
    email = factory.LazyAttribute(lambda invitation: invitation.member.email)


class TravelDetailsFactory(factory.django.DjangoModelFactory):
    """A member's private travel details; the IBAN is a valid Finnish one."""

    class Meta:
        model = TravelDetails

    member = factory.SubFactory(MemberFactory)
    home_address = "Kotikatu 1 A 2"
    home_municipality = "turku"
    iban = "FI2112345600000785"


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    first_name = "Liisa"
    last_name = "Lukija"
    library = "Porin kaupunginkirjasto"
    email = factory.Sequence(lambda n: f"applicant{n}@example.org")
    message = "Olen kiinnostunut digiasioista."


def member_for(user, **kwargs):
    """The member record of a user, with the same name and email."""
    return MemberFactory(user=user, first_name=user.first_name, last_name=user.last_name, email=user.email, **kwargs)


def reauthenticate(client, password=TEST_PASSWORD):
    """Give the logged-in client's password again, as allauth's reauthentication asks before a sensitive page."""
    response = client.post("/accounts/reauthenticate/", {"password": password})
    assert response.status_code == 302, "the password was not accepted"
    return client
