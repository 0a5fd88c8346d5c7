"""The audit log of every privileged act (issue 15): one entry per act, written in the act's transaction, with who,
what, on what, which fields (never a personal detail's value), when and from where; read-only in the back office."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.utils import timezone

from digitutor.audit.models import AuditEntry, Verb
from digitutor.audit.services import audit_record
from digitutor.errors import DomainError
from digitutor.roles import Role
from goals.models import Plan
from meetings.claims import services
from meetings.claims.models import Budget, ClaimEvent, ClaimStatus, PaymentBatch, TravelRate
from meetings.models import MeetingStatus
from members.models import Invitation, JoinRequest, Member
from tests.claims.factories import claim_in
from tests.factories import (
    InvitationFactory,
    JoinRequestFactory,
    LibraryFactory,
    MemberFactory,
    TravelDetailsFactory,
    UserFactory,
    member_for,
    reauthenticate,
)
from tests.goals.factories import PlanFactory
from tests.meetings.factories import MeetingFactory

IP = "198.51.100.7"
IBAN = "FI2112345600000785"
HOME = "Kaarnakuja 7 B 12"


def post(client, path, data=None, **extra):
    return client.post(path, data or {}, REMOTE_ADDR=IP, **extra)


def the_entry(verb):
    """The one entry of that verb; fails when there are none or several."""
    [entry] = AuditEntry.objects.filter(verb=verb)
    return entry


def assert_entry(entry, *, actor, target, changed=None):
    assert entry.actor == actor
    assert (entry.target_type, entry.target_id) == (target._meta.label_lower, str(target.pk))
    assert entry.ip == IP
    assert entry.at > timezone.now() - timedelta(minutes=1)
    if changed is not None:
        assert entry.changed == sorted(changed)


@pytest.fixture
def treasurer_member(treasurer):
    member_for(treasurer)
    return treasurer


# --- roles and accounts ------------------------------------------------------------------------------------


def user_form(user, **changes):
    data = {"email": user.email, "first_name": user.first_name, "last_name": user.last_name, "is_active": "on"}
    data["groups"] = [group.pk for group in user.groups.all()]
    return data | changes


def test_a_superuser_granting_the_treasurer_role_is_logged_with_the_roles_and_the_address(client_as, superuser, member):
    treasurer_group = Group.objects.get(name=Role.TREASURER)
    groups = [*member.groups.values_list("pk", flat=True), treasurer_group.pk]

    response = post(client_as(superuser), f"/admin/members/user/{member.pk}/change/", user_form(member, groups=groups))

    assert response.status_code == 302
    entry = the_entry(Verb.ROLES_CHANGED)
    assert_entry(entry, actor=superuser, target=member, changed=["groups"])
    assert entry.detail == "+treasurer"
    assert not AuditEntry.objects.filter(verb=Verb.ACCOUNT_CHANGED).exists()  # only the roles changed


def test_making_an_account_staff_is_logged_with_the_flag_before_and_after(client_as, superuser, member):
    response = post(client_as(superuser), f"/admin/members/user/{member.pk}/change/", user_form(member, is_staff="on"))

    assert response.status_code == 302
    entry = the_entry(Verb.ACCOUNT_CHANGED)
    assert_entry(entry, actor=superuser, target=member, changed=["is_staff"])
    assert entry.detail == "is_staff: False → True"


def test_a_refused_role_change_writes_nothing(client_as, chair, member):
    treasurer_group = Group.objects.get(name=Role.TREASURER)

    response = post(
        client_as(chair), f"/admin/members/user/{member.pk}/change/", user_form(member, groups=[treasurer_group.pk])
    )

    assert response.status_code == 200  # the form, with the error
    assert not AuditEntry.objects.exists()


# --- invitations ----------------------------------------------------------------------------------------------


def test_sending_an_invitation_is_logged_and_one_refused_is_not(client_as, chair, member):
    person = MemberFactory()
    client = client_as(chair)

    post(client, "/admin/members/member/", {"action": "invite", "_selected_action": [person.pk, member.member.pk]})

    entry = the_entry(Verb.INVITATION_SENT)  # the member who has an account already is refused
    assert_entry(entry, actor=chair, target=Invitation.objects.get(member=person))
    assert entry.detail == Role.MEMBER


def test_revoking_an_invitation_is_logged(client_as, chair):
    invitation = InvitationFactory()

    post(
        client_as(chair),
        "/admin/members/invitation/",
        {"action": "revoke_invitations", "_selected_action": [invitation.pk]},
    )

    assert_entry(the_entry(Verb.INVITATION_REVOKED), actor=chair, target=invitation, changed=["revoked_at"])


def test_accepting_an_invitation_is_logged_with_the_new_account_as_actor(client, db):
    invitation = InvitationFactory(member__email="liisa.lukija@example.org")
    token = invitation.new_token()
    invitation.email = invitation.member.email
    invitation.sent_at = timezone.now()
    invitation.expires_at = timezone.now() + timedelta(days=14)
    invitation.save()

    response = post(
        client, f"/invitation/{token}/", {"password1": "lainaa-kirjoja-2024", "password2": "lainaa-kirjoja-2024"}
    )

    assert response.status_code == 302
    entry = the_entry(Verb.INVITATION_ACCEPTED)
    assert_entry(entry, actor=Member.objects.get(pk=invitation.member_id).user, target=invitation)
    # A second use of the link is refused, and writes nothing more.
    post(client, f"/invitation/{token}/", {"password1": "lainaa-kirjoja-2024", "password2": "lainaa-kirjoja-2024"})
    assert AuditEntry.objects.filter(verb=Verb.INVITATION_ACCEPTED).count() == 1


def test_linking_an_existing_account_to_its_invited_member_is_logged(client_as, db):
    existing = UserFactory(email="liisa.lukija@example.org")
    invitation = InvitationFactory(
        member__email="liisa.lukija@example.org", email="liisa.lukija@example.org", user=existing
    )
    token = invitation.new_token()
    invitation.sent_at = timezone.now()
    invitation.expires_at = timezone.now() + timedelta(days=14)
    invitation.save()

    response = post(client_as(existing), f"/invitation/{token}/")

    assert response.status_code == 302
    assert_entry(the_entry(Verb.ACCOUNT_LINKED), actor=existing, target=invitation.member, changed=["user"])


# --- leaving ------------------------------------------------------------------------------------------------


def test_deactivating_and_anonymising_a_member_are_logged_once_each(client_as, chair, other_member):
    client = client_as(chair)
    person = other_member.member

    for action in ("deactivate", "anonymise", "deactivate", "anonymise"):  # the second time both are refused
        post(client, "/admin/members/member/", {"action": action, "_selected_action": [person.pk]})

    assert_entry(the_entry(Verb.MEMBER_DEACTIVATED), actor=chair, target=person, changed=["is_active"])
    anonymised = the_entry(Verb.MEMBER_ANONYMISED)
    assert_entry(anonymised, actor=chair, target=person)
    assert "Vesa" not in anonymised.target_label


# --- join requests ------------------------------------------------------------------------------------------


def test_accepting_a_join_request_is_logged_with_the_invitation_it_sends(client_as, chair):
    join_request = JoinRequestFactory()
    library = LibraryFactory()

    post(client_as(chair), f"/admin/members/joinrequest/{join_request.pk}/accept/", {"library": library.pk})
    post(client_as(chair), f"/admin/members/joinrequest/{join_request.pk}/accept/", {"library": library.pk})

    assert_entry(the_entry(Verb.JOIN_REQUEST_ACCEPTED), actor=chair, target=join_request, changed=["member", "status"])
    the_entry(Verb.INVITATION_SENT)


def test_declining_a_join_request_is_logged_without_the_reason(client_as, chair):
    join_request = JoinRequestFactory()

    post(client_as(chair), f"/admin/members/joinrequest/{join_request.pk}/decline/", {"reason": "Ryhmä on täynnä."})

    entry = the_entry(Verb.JOIN_REQUEST_DECLINED)
    assert_entry(entry, actor=chair, target=join_request, changed=["decline_reason", "status"])
    assert "täynnä" not in entry.detail
    assert JoinRequest.objects.get(pk=join_request.pk).status == JoinRequest.Status.DECLINED


# --- meetings and plans -----------------------------------------------------------------------------------


def test_publishing_and_cancelling_a_meeting_are_logged(client_as, chair):
    meeting = MeetingFactory(status=MeetingStatus.DRAFT)
    client = client_as(chair)

    post(client, f"/admin/meetings/meeting/{meeting.pk}/publish/")
    post(client, f"/admin/meetings/meeting/{meeting.pk}/publish/")  # refused: already published
    post(client, f"/admin/meetings/meeting/{meeting.pk}/cancel/")

    published = the_entry(Verb.MEETING_PUBLISHED)
    assert_entry(published, actor=chair, target=meeting, changed=["published_at", "status"])
    assert published.detail == "draft → published"
    assert the_entry(Verb.MEETING_CANCELLED).detail == "published → cancelled"


def test_publishing_a_past_meeting_is_refused_and_writes_nothing(client_as, chair):
    meeting = MeetingFactory(status=MeetingStatus.DRAFT, starts_at=timezone.now() - timedelta(days=1))

    post(client_as(chair), f"/admin/meetings/meeting/{meeting.pk}/publish/")

    assert not AuditEntry.objects.exists()


def test_copying_a_plan_is_logged_with_the_new_plan(client_as, chair):
    plan = PlanFactory(year=2030)

    post(client_as(chair), "/admin/goals/plan/", {"action": "copy_to_next_year", "_selected_action": [plan.pk]})
    post(client_as(chair), "/admin/goals/plan/", {"action": "copy_to_next_year", "_selected_action": [plan.pk]})

    entry = the_entry(Verb.PLAN_COPIED)
    assert_entry(entry, actor=chair, target=Plan.objects.get(year=2031))
    assert entry.detail == "2030 → 2031"


# --- rates and budgets ----------------------------------------------------------------------------------------


def test_editing_a_rate_is_logged_with_the_fields_and_amounts_changed(client_as, treasurer):
    rate = TravelRate.objects.order_by("year").first()
    data = {key: value for key, value in model_to_dict(rate).items() if key != "id" and value is not None}

    response = post(client_as(treasurer), f"/admin/claims/travelrate/{rate.pk}/change/", data | {"car_per_km": "0.99"})

    assert response.status_code == 302
    entry = the_entry(Verb.CHANGED)
    assert_entry(entry, actor=treasurer, target=rate, changed=["car_per_km"])
    assert entry.detail == f"car_per_km: {rate.car_per_km} → 0.99"


def test_adding_and_deleting_a_budget_are_logged_and_a_refused_one_is_not(client_as, treasurer):
    client = client_as(treasurer)

    post(client, "/admin/claims/budget/add/", {"year": "2031", "source": "ake_grant", "granted": "-5", "note": ""})
    assert not AuditEntry.objects.exists()
    post(client, "/admin/claims/budget/add/", {"year": "2031", "source": "ake_grant", "granted": "1500.00", "note": ""})
    budget = Budget.objects.get(year=2031)
    post(client, f"/admin/claims/budget/{budget.pk}/delete/", {"post": "yes"})

    assert_entry(the_entry(Verb.CREATED), actor=treasurer, target=budget, changed=["granted", "source", "year"])
    deleted = the_entry(Verb.DELETED)
    assert (deleted.actor, deleted.target_id, deleted.ip) == (treasurer, str(budget.pk), IP)


# --- claims and payments ---------------------------------------------------------------------------------------


@pytest.fixture
def bank_account(member):
    TravelDetailsFactory(member=member.member, iban=IBAN, home_address=HOME, home_municipality="pori")


def test_approving_and_returning_claims_are_logged_and_the_own_claim_refused_is_not(
    client_as, chair, member, bank_account
):
    approved = claim_in(ClaimStatus.SUBMITTED, member, approver=chair)
    returned = claim_in(ClaimStatus.SUBMITTED, member, approver=chair)
    own = claim_in(ClaimStatus.SUBMITTED, chair, approver=chair)
    client = client_as(chair)

    post(client, f"/claims/queue/{approved.pk}/approve/")
    post(client, f"/claims/queue/{returned.pk}/return/", {"reason": "Liitä kuitti."})
    post(client, f"/claims/queue/{own.pk}/approve/")

    entry = the_entry(Verb.CLAIM_APPROVED)
    assert_entry(entry, actor=chair, target=approved)
    assert {"status", "approved_at", "approved_by", "payee_iban"} <= set(entry.changed)
    assert entry.detail == "submitted → approved"
    assert_entry(the_entry(Verb.CLAIM_RETURNED), actor=chair, target=returned)
    # The claim's own history, which the member sees, is kept beside the log.
    assert ClaimEvent.objects.filter(claim=approved, to_status=ClaimStatus.APPROVED, actor=chair).count() == 1


def test_making_and_paying_a_batch_are_logged_with_each_claim_paid(client_as, chair, treasurer, member, bank_account):
    first = claim_in(ClaimStatus.APPROVED, member, approver=chair)
    second = claim_in(ClaimStatus.APPROVED, member, approver=chair)
    client = client_as(treasurer)

    post(client, "/claims/payments/new/", {"claim": [first.pk, second.pk]})
    batch = PaymentBatch.objects.get()
    post(client, f"/claims/payments/{batch.pk}/paid/", {"paid_on": timezone.localdate().isoformat()})

    assert_entry(the_entry(Verb.BATCH_CREATED), actor=treasurer, target=batch)
    assert_entry(the_entry(Verb.BATCH_PAID), actor=treasurer, target=batch, changed=["paid_on"])
    paid = AuditEntry.objects.filter(verb=Verb.CLAIM_PAID).order_by("target_id")
    assert [(entry.target_id, entry.actor, entry.ip) for entry in paid] == [
        (str(first.pk), treasurer, IP),
        (str(second.pk), treasurer, IP),
    ]


def test_downloading_a_payment_or_bookkeeping_file_is_logged_and_a_refused_download_is_not(
    client_as, chair, treasurer, member, bank_account
):
    claim_in(ClaimStatus.APPROVED, member, approver=chair)
    batch = services.payment_batch_create(acting_user=treasurer)
    year = timezone.localdate().year

    assert client_as(chair).get(f"/claims/payments/{batch.pk}.csv").status_code == 403
    assert not AuditEntry.objects.filter(verb=Verb.FILE_DOWNLOADED).exists()

    client = client_as(treasurer)
    for path in [f"/claims/payments/{batch.pk}.xlsx", f"/claims/bookkeeping/{year}.csv"]:
        response = client.get(path, REMOTE_ADDR=IP)
        assert response.status_code == 200, path

    batch_file, year_file = AuditEntry.objects.filter(verb=Verb.FILE_DOWNLOADED).order_by("pk")
    assert_entry(batch_file, actor=treasurer, target=batch)
    assert batch_file.detail == f"payment-batch-{batch.pk}.xlsx"
    assert (year_file.actor, year_file.target_id, year_file.detail) == (treasurer, "", f"bookkeeping-{year}.csv")


def test_a_batch_that_could_not_be_paid_leaves_no_entry_of_the_claims_it_tried(chair, treasurer_member):
    second_treasurer = UserFactory(roles=[Role.TREASURER])
    claim_in(ClaimStatus.APPROVED, treasurer_member, approver=chair)
    batch = services.payment_batch_create(acting_user=second_treasurer)
    before = AuditEntry.objects.count()

    # Her own claim is refused inside the batch's transaction: the whole act is rolled back, its entries with it.
    with pytest.raises(DomainError):
        services.payment_batch_mark_paid(batch=batch, acting_user=treasurer_member, paid_on=timezone.localdate())

    assert AuditEntry.objects.count() == before
    assert not AuditEntry.objects.filter(verb__in=[Verb.CLAIM_PAID, Verb.BATCH_PAID]).exists()


# --- "download my data" ----------------------------------------------------------------------------------------


def test_downloading_my_data_is_logged_with_the_parts_that_went(client_as, member):
    client = reauthenticate(client_as(member))

    response = client.get("/profile/my-data.json", REMOTE_ADDR=IP)

    assert response.status_code == 200
    entry = the_entry(Verb.PERSONAL_DATA_EXPORTED)
    assert_entry(entry, actor=member, target=member)
    assert set(entry.changed) == set(json.loads(response.content))


def test_my_data_asked_without_the_password_again_writes_nothing(client_as, member):
    client_as(member).get("/profile/my-data.json", REMOTE_ADDR=IP)

    assert not AuditEntry.objects.exists()


# --- no values of personal details -----------------------------------------------------------------------------


def test_no_iban_or_address_ever_enters_the_log(client_as, chair, treasurer, superuser, member, bank_account):
    claim = claim_in(ClaimStatus.SUBMITTED, member, approver=chair)
    post(client_as(chair), f"/claims/queue/{claim.pk}/approve/")
    post(client_as(treasurer), "/claims/payments/new/", {"claim": [claim.pk]})
    post(
        client_as(treasurer),
        f"/claims/payments/{PaymentBatch.objects.get().pk}/paid/",
        {"paid_on": timezone.localdate().isoformat()},
    )
    reauthenticate(client_as(member)).get("/profile/my-data.json")

    logged = json.dumps(list(AuditEntry.objects.values()), default=str)
    assert AuditEntry.objects.count() >= 5
    for value in (IBAN, "FI21 1234", HOME, "Kaarnakuja"):
        assert value not in logged


# --- erasure ------------------------------------------------------------------------------------------------------


def test_anonymising_someone_who_acted_keeps_their_acts_without_their_name(client_as, chair, superuser):
    meeting = MeetingFactory(status=MeetingStatus.DRAFT)
    post(client_as(chair), f"/admin/meetings/meeting/{meeting.pk}/publish/")
    person = chair.member
    client = client_as(superuser)

    for action in ("deactivate", "anonymise"):
        response = post(client, "/admin/members/member/", {"action": action, "_selected_action": [person.pk]})
        assert response.status_code == 302

    published = the_entry(Verb.MEETING_PUBLISHED)
    assert published.target_id == str(meeting.pk)
    logged = json.dumps(list(AuditEntry.objects.values()), default=str)
    for trace in ("Anne", "Heino", "anne.heino"):
        assert trace not in logged
    assert published.actor_label.endswith(f"#{person.pk}")


# --- the back office: read by the chair and the superuser, changed by nobody ------------------------------------


@pytest.fixture
def entry(chair):
    return audit_record(actor=chair, verb=Verb.MEETING_PUBLISHED, ip=IP)


@pytest.mark.parametrize("who", ["chair", "superuser"])
def test_the_chair_and_the_superuser_read_the_log_but_nobody_adds_changes_or_deletes(client_as, request, who, entry):
    client = client_as(request.getfixturevalue(who))

    listing = client.get("/admin/audit/auditentry/?verb=meeting_published&q=Heino")
    page = client.get(f"/admin/audit/auditentry/{entry.pk}/change/")
    changed = client.post(f"/admin/audit/auditentry/{entry.pk}/change/", {"detail": "muutettu"})
    deleted = client.post(f"/admin/audit/auditentry/{entry.pk}/delete/", {"post": "yes"})
    bulk = client.post(
        "/admin/audit/auditentry/", {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    )

    assert (listing.status_code, page.status_code) == (200, 200)
    assert "Anne Heino" in listing.text
    assert 'name="_save"' not in page.text
    assert changed.status_code == 403
    assert deleted.status_code == 403
    assert client.get("/admin/audit/auditentry/add/").status_code == 403
    assert bulk.status_code in (200, 302)
    entry.refresh_from_db()
    assert entry.detail == ""


def test_the_treasurer_does_not_see_the_log(client_as, treasurer, entry):
    client = client_as(treasurer)

    assert client.get("/admin/audit/auditentry/").status_code == 403
    assert client.get(f"/admin/audit/auditentry/{entry.pk}/change/").status_code == 403
    assert client.post(f"/admin/audit/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_back_office_speaks_finnish_about_the_log(client_as, chair, entry):
    page = client_as(chair).get("/admin/audit/auditentry/")

    assert "Tapahtumaloki" in page.text
    assert "Kokous julkaistu" in page.text


# --- retention ------------------------------------------------------------------------------------------------


def test_the_retention_command_deletes_entries_older_than_the_setting_and_says_so(db, settings):
    now = timezone.now()
    old = AuditEntry.objects.create(actor_label="x", verb=Verb.CLAIM_PAID, at=now - timedelta(days=365 * 6 + 2))
    recent = AuditEntry.objects.create(actor_label="x", verb=Verb.CLAIM_PAID, at=now - timedelta(days=365 * 5))

    call_command("prune_audit_log")

    assert not AuditEntry.objects.filter(pk=old.pk).exists()
    assert AuditEntry.objects.filter(pk=recent.pk).exists()
    pruned = the_entry(Verb.LOG_PRUNED)
    assert (pruned.actor, pruned.actor_label, pruned.detail) == (None, "manage.py prune_audit_log", "1")

    settings.AUDIT_LOG_RETENTION_YEARS = 4
    call_command("prune_audit_log")
    assert not AuditEntry.objects.filter(pk=recent.pk).exists()


def test_the_retention_is_six_years_by_default():
    from django.conf import settings

    assert settings.AUDIT_LOG_RETENTION_YEARS == 6
