"""The chair accepts or declines a join request on its own page in the back office (issue 16, item 3)."""

import pytest
from django.core import mail
from django.utils import timezone, translation

from members.models import Invitation, JoinRequest, Library, Member, Region, RosterEntry
from tests.factories import JoinRequestFactory, LibraryFactory, RosterFactory
from tests.translated import finnish, finnish_html


@pytest.fixture
def join_request(db):
    return JoinRequestFactory(
        first_name="Liisa", last_name="Lukija", email="liisa.lukija@example.org", library="Porin pääkirjasto"
    )


def page(join_request, action=""):
    return f"/admin/members/joinrequest/{join_request.pk}/{action}"


@pytest.fixture
def post_as_chair(client_as, chair, django_capture_on_commit_callbacks):
    def post(path, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client_as(chair).post(path, data)

    return post


def test_a_new_requests_page_has_accept_and_decline_buttons(client_as, chair, join_request):
    response = client_as(chair).get(page(join_request, "change/"))

    assert f'href="{page(join_request, "accept/")}"' in response.text
    assert f'href="{page(join_request, "decline/")}"' in response.text
    assert finnish_html("Accept the request") in response.text


def test_a_handled_requests_page_has_no_buttons(client_as, chair, join_request):
    JoinRequest.objects.filter(pk=join_request.pk).update(status=JoinRequest.Status.DECLINED)

    response = client_as(chair).get(page(join_request, "change/"))

    assert page(join_request, "accept/") not in response.text


def test_the_accept_page_offers_the_library_they_wrote_and_changes_nothing(client_as, chair, join_request):
    pori = LibraryFactory(name="porin pääkirjasto", municipality="pori", region=Region.SATAKUNTA)

    response = client_as(chair).get(page(join_request, "accept/"))

    assert response.status_code == 200
    assert response.context["form"].initial["library"] == pori
    assert "Porin pääkirjasto" in response.text
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.NEW
    assert mail.outbox == []


def test_accepting_with_a_chosen_library_makes_the_member_puts_them_on_this_years_roster_and_invites_them(
    post_as_chair, chair, join_request
):
    library = LibraryFactory(name="Rauman kaupunginkirjasto")
    RosterFactory(year=timezone.localdate().year)

    response = post_as_chair(page(join_request, "accept/"), {"library": library.pk})

    assert response.status_code == 302
    assert response["Location"] == page(join_request, "change/")
    person = Member.objects.get(email="liisa.lukija@example.org")
    assert person.library == library
    entry = RosterEntry.objects.get(member=person)
    assert (entry.roster.year, entry.library) == (timezone.localdate().year, library)
    assert Invitation.objects.get(member=person).status == Invitation.Status.SENT
    assert [message.to for message in mail.outbox] == [["liisa.lukija@example.org"]]
    join_request.refresh_from_db()
    assert (join_request.status, join_request.handled_by, join_request.member) == ("accepted", chair, person)


def test_accepting_can_create_the_library_from_what_they_wrote(post_as_chair, join_request):
    post_as_chair(
        page(join_request, "accept/"),
        {
            "library": "",
            "new_library_name": "Porin pääkirjasto",
            "new_library_municipality": "pori",
            "new_library_region": Region.SATAKUNTA,
        },
    )

    library = Library.objects.get(name="Porin pääkirjasto")
    assert (library.municipality, library.region) == ("pori", Region.SATAKUNTA)
    person = Member.objects.get(email="liisa.lukija@example.org")
    assert person.library == library
    assert RosterEntry.objects.get(member=person).roster.year == timezone.localdate().year


def test_accepting_without_a_library_or_a_new_ones_details_is_refused_on_the_page(client_as, chair, join_request):
    response = client_as(chair).post(page(join_request, "accept/"), {"library": "", "new_library_name": ""})

    assert response.status_code == 200
    assert finnish_html("Choose a library, or fill this in for a new one.") in response.text
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.NEW
    assert not Member.objects.filter(email=join_request.email).exists()


def test_declining_emails_the_reason_in_finnish_when_the_language_is_not_known(post_as_chair, chair, join_request):
    response = post_as_chair(page(join_request, "decline/"), {"reason": "Ryhmä on tänä vuonna täynnä."})

    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["liisa.lukija@example.org"]
    assert "Ryhmä on tänä vuonna täynnä." in message.body
    assert finnish("Your request to join the Digital Tutors working group") in message.subject
    join_request.refresh_from_db()
    assert (join_request.status, join_request.decline_reason, join_request.handled_by) == (
        JoinRequest.Status.DECLINED,
        "Ryhmä on tänä vuonna täynnä.",
        chair,
    )
    assert not Member.objects.filter(email=join_request.email).exists()


def test_declining_writes_in_the_language_the_request_was_made_in(post_as_chair, join_request):
    JoinRequest.objects.filter(pk=join_request.pk).update(language="sv")

    post_as_chair(page(join_request, "decline/"), {"reason": ""})

    (message,) = mail.outbox
    with translation.override("sv"):
        assert translation.gettext("Your request to join the Digital Tutors working group") in message.subject
    assert "Ryhmä" not in message.body


def test_a_request_made_on_a_swedish_page_remembers_its_language(client, db):
    client.cookies["django_language"] = "sv"

    client.post(
        "/join/",
        {
            "first_name": "Lisa",
            "last_name": "Läsare",
            "library": "Åbo stadsbibliotek",
            "email": "lisa@example.org",
            "message": "",
            "website": "",
        },
    )

    assert JoinRequest.objects.get().language == "sv"


@pytest.mark.parametrize("action", ["accept/", "decline/"])
def test_a_handled_request_cannot_be_handled_again_from_its_page(post_as_chair, join_request, action):
    JoinRequest.objects.filter(pk=join_request.pk).update(status=JoinRequest.Status.DECLINED)

    post_as_chair(page(join_request, action), {"library": LibraryFactory().pk, "reason": ""})

    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.DECLINED
    assert mail.outbox == []


def test_the_requests_page_has_no_save_buttons(client_as, chair, join_request):
    response = client_as(chair).get(page(join_request, "change/"))

    assert 'name="_save"' not in response.text
    assert 'name="_continue"' not in response.text
