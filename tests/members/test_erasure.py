"""Anonymising a former member erases them for real: what bookkeeping must keep stays, nothing else about them does.

Ulrikka Kaarnakorpi was a member and the treasurer: she made claims in every state, answered meetings, registered for
action days, shared a practice, attended trainings, subscribed to the calendar, set up an authenticator app, approved
someone else's claim and made the payment batch her own paid claim went in.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from digitutor.audit.models import AuditEntry, Verb
from digitutor.audit.services import audit_record
from digitutor.registry import erasure
from digitutor.roles import Role
from goals.models import GoodPractice, Training
from meetings.actionday.models import Registration
from meetings.claims import services as claim_services
from meetings.claims.models import ClaimEvent, ClaimLine, ClaimStatus, PaymentBatch, Receipt, TravelClaim
from meetings.models import AttendanceAnswer, CalendarFeed
from members.models import Member, TravelDetails, User
from members.services import holds_office
from tests.claims.factories import ClaimLineFactory, ReceiptFactory, TravelClaimFactory
from tests.factories import JoinRequestFactory, TravelDetailsFactory, UserFactory, member_for
from tests.goals.factories import GoodPracticeFactory, TrainingFactory
from tests.meetings.factories import ActionDayFactory, AttendanceAnswerFactory, RegistrationFactory

NAME = "Ulrikka Kaarnakorpi"
EMAIL = "ulrikka.kaarnakorpi@example.org"
IBAN = "FI2112345600000785"
HOME = "Kaarnatie 7 B 12"
DIETARY = "pähkinäallergia ja laktoositon"
NOTE = "Tulen junalla, myöhästyn vartin"
SHARED = "Opin saavutettavista lomakkeista"
PHONE = "050 765 4321"
# What must be gone from every text column of every table once she is anonymised.
TRACES = ["Ulrikka", "Kaarnakorpi", EMAIL, IBAN, HOME, DIETARY, NOTE, SHARED, PHONE]
# Bookkeeping keeps whom a claim was paid to (kirjanpitolaki 2:10) until purge_old_claims takes the claim.
BOOKKEEPING_COLUMNS = {(TravelClaim._meta.db_table, "payee_name"), (TravelClaim._meta.db_table, "payee_iban")}


@pytest.fixture
def treasurer_member(db):
    user = UserFactory(email=EMAIL, first_name="Ulrikka", last_name="Kaarnakorpi", roles=[Role.TREASURER, Role.MEMBER])
    member_for(user, phone=PHONE, job_title="Talousvastaava")
    return user


def claim_of(member, status, **fields):
    claim = TravelClaimFactory(member=member, status=status, **fields)
    line = ClaimLineFactory(claim=claim)
    ReceiptFactory(line=line, original_name="kaarnakorpi-bussilippu.pdf")
    ClaimEvent.objects.create(claim=claim, actor=member.user, from_status="draft", to_status="submitted")
    return claim


@pytest.fixture
def her_history(treasurer_member, chair, other_member):
    """Her data in every app, and the bookkeeping rows her account stands in."""
    person = treasurer_member.member
    TravelDetailsFactory(member=person, home_address=HOME, home_municipality="pori", iban=IBAN)
    JoinRequestFactory(email=EMAIL, first_name="Ulrikka", last_name="Kaarnakorpi", message="Haluan mukaan.")
    batch = PaymentBatch.objects.create(created_by=treasurer_member, paid_on=date(2022, 4, 1))
    claims = {
        status: claim_of(person, status)
        for status in [ClaimStatus.DRAFT, ClaimStatus.SUBMITTED, ClaimStatus.RETURNED, ClaimStatus.APPROVED]
    }
    claims[ClaimStatus.PAID] = claim_of(
        person, ClaimStatus.PAID, approved_by=chair, paid_by=chair, batch=batch, paid_on=date(2022, 4, 1)
    )
    # She approved another member's claim, and was its payment's actor.
    others = TravelClaimFactory(member=other_member.member, status=ClaimStatus.APPROVED, approved_by=treasurer_member)
    ClaimEvent.objects.create(claim=others, actor=treasurer_member, from_status="submitted", to_status="approved")
    AttendanceAnswerFactory(member=person, note=NOTE)
    action_day = ActionDayFactory()
    RegistrationFactory(action_day=action_day, member=person, name=NAME, email=EMAIL, dietary_needs=DIETARY)
    # An earlier year, registered with her address before she had an account.
    RegistrationFactory(action_day=ActionDayFactory(), name=NAME, email=EMAIL, library="Kaarnakorven kirjasto")
    GoodPracticeFactory(shared_by=person, title="Tabletti lainaan")
    TrainingFactory(member=person, shared_afterwards=SHARED, created_by=chair)
    TrainingFactory(member=other_member.member, created_by=treasurer_member)  # she recorded someone's training
    CalendarFeed.objects.create(member=person)
    Authenticator.objects.create(user=treasurer_member, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK"})
    LogEntry.objects.create(
        user=chair,
        content_type=ContentType.objects.get_for_model(Member),
        object_id=str(person.pk),
        object_repr=NAME,
        action_flag=CHANGE,
        change_message=f'[{{"changed": {{"name": "member", "object": "{NAME}", "fields": ["phone"]}}}}]',
    )
    # She acted in the back office, and someone acted on her: the audit log names her both ways.
    audit_record(actor=treasurer_member, verb=Verb.BATCH_PAID, target=batch)
    audit_record(actor=chair, verb=Verb.CHANGED, target=person, changed=["phone"])
    return {"claims": claims, "batch": batch, "others": others}


@pytest.fixture
def anonymise(client_as, chair, superuser):
    """Deactivate and anonymise a member through the back office, as the chair does (a superuser, for an officer)."""

    def run(member):
        client = client_as(superuser if member.user_id and holds_office(member.user) else chair)
        for action in ("deactivate", "anonymise"):
            response = client.post(
                "/admin/members/member/", {"action": action, "_selected_action": [member.pk]}, follow=True
            )
            assert response.status_code == 200
            assert [message.level_tag for message in response.context["messages"]] == ["success"]
        return Member.objects.get(pk=member.pk)

    return run


def text_columns():
    """Every text column of every table in the database, Django's or not (sessions, allauth, the admin's history)."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                field_type = connection.introspection.get_field_type(column.type_code, column)
                if any(kind in field_type for kind in ("Char", "Text", "JSON")):
                    yield table, column.name


def where_found(trace):
    found = []
    with connection.cursor() as cursor:
        for table, column in text_columns():
            quote = connection.ops.quote_name
            cursor.execute(
                f"SELECT COUNT(*) FROM {quote(table)} WHERE UPPER(CAST({quote(column)} AS TEXT)) LIKE UPPER(%s)",
                [f"%{trace}%"],
            )
            if cursor.fetchone()[0]:
                found.append((table, column))
    return found


def test_every_app_registers_an_erasure_step():
    assert erasure.names == ["action_day", "audit_log", "goals", "meetings", "travel_claims"]


def test_the_search_sees_every_text_column_it_must(treasurer_member, her_history):
    """The search below can fail: before anonymising, it finds her everywhere she is."""
    found = {table for trace in TRACES for table, _column in where_found(trace)}

    for model in (
        Member,
        User,
        EmailAddress,
        TravelDetails,
        Registration,
        AttendanceAnswer,
        Training,
        LogEntry,
        AuditEntry,
    ):
        assert model._meta.db_table in found
    assert Receipt._meta.db_table in found


def test_anonymising_a_treasurer_with_claims_in_every_state_works_and_leaves_nothing_personal(
    anonymise, treasurer_member, her_history
):
    person = anonymise(treasurer_member.member)

    assert person.anonymised_at is not None
    for trace in TRACES:
        assert set(where_found(trace)) <= BOOKKEEPING_COLUMNS, trace
    assert where_found(EMAIL) == []


def test_anonymising_keeps_the_claims_bookkeeping_must_keep_and_their_payee(anonymise, treasurer_member, her_history):
    claims = her_history["claims"]
    kept = [claims[status] for status in (ClaimStatus.SUBMITTED, ClaimStatus.APPROVED, ClaimStatus.PAID)]

    person = anonymise(treasurer_member.member)

    assert set(TravelClaim.objects.filter(member=person)) == set(kept)
    for claim in TravelClaim.objects.filter(member=person):
        assert claim.total == Decimal("150.00")
        assert (claim.payee_name, claim.payee_iban) == (NAME, IBAN)
        assert claim.lines.get().amount == Decimal("12.00")
        assert claim.lines.get().receipt.original_name == f"receipt-{claim.lines.get().receipt.pk}.pdf"
        assert claim.events.count() == 1
    paid = TravelClaim.objects.get(pk=claims[ClaimStatus.PAID].pk)
    assert (paid.status, paid.batch, paid.paid_on) == (ClaimStatus.PAID, her_history["batch"], date(2022, 4, 1))
    assert str(paid.member) == f"{person.first_name} #{person.pk}"


def test_anonymising_deletes_the_claims_that_never_reached_the_books(anonymise, treasurer_member, her_history):
    claims = her_history["claims"]

    anonymise(treasurer_member.member)

    gone = [claims[ClaimStatus.DRAFT].pk, claims[ClaimStatus.RETURNED].pk]
    assert not TravelClaim.objects.filter(pk__in=gone).exists()
    assert not ClaimLine.objects.filter(claim__in=gone).exists()


def test_an_account_that_claims_history_refers_to_stays_but_can_never_be_used(
    anonymise, client, treasurer_member, her_history, password
):
    anonymise(treasurer_member.member)

    account = User.objects.get(pk=treasurer_member.pk)
    assert not account.has_usable_password()
    assert (account.is_active, account.is_staff, account.is_superuser) == (False, False, False)
    assert not account.groups.exists()
    assert not EmailAddress.objects.filter(user=account).exists()
    assert not Authenticator.objects.filter(user=account).exists()
    assert "Kaarnakorpi" not in str(account)
    # The bookkeeping rows that point at her account are all still there.
    assert PaymentBatch.objects.get(pk=her_history["batch"].pk).created_by == account
    assert TravelClaim.objects.get(pk=her_history["others"].pk).approved_by == account
    assert Training.objects.filter(created_by=account).count() == 1
    client.logout()
    client.post("/accounts/login/", {"login": EMAIL, "password": password})
    assert not client.get("/").context["user"].is_authenticated


def test_anonymising_erases_answers_registrations_trainings_and_the_calendar(anonymise, treasurer_member, her_history):
    person = anonymise(treasurer_member.member)

    assert list(AttendanceAnswer.objects.filter(member=person).values_list("note", flat=True)) == [""]
    assert not CalendarFeed.objects.filter(member=person).exists()
    assert not Training.objects.filter(member=person).exists()
    assert Registration.objects.count() == 2  # the places stay counted
    for registration in Registration.objects.all():
        assert (registration.name, registration.library, registration.dietary_needs) == ("", "", "")
        assert registration.email.endswith("@erased.invalid")
    practice = GoodPractice.objects.get(title="Tabletti lainaan")
    assert practice.shared_by == person
    assert "Kaarnakorpi" not in str(practice.shared_by)


def test_a_member_without_bookkeeping_history_loses_the_account(anonymise, member):
    AttendanceAnswerFactory(member=member.member, note=NOTE)

    anonymise(member.member)

    assert not User.objects.filter(pk=member.pk).exists()
    assert where_found("Tapio") == []


def test_a_kept_claim_of_an_anonymised_member_can_still_be_paid_to_the_stored_account(
    anonymise, treasurer_member, her_history, superuser
):
    claim = her_history["claims"][ClaimStatus.APPROVED]
    claim.approved_by = superuser
    claim.save()
    payer = UserFactory(roles=[Role.TREASURER])
    anonymise(treasurer_member.member)

    claim_services.claim_pay(claim=claim, acting_user=payer, paid_on=timezone.localdate())

    claim.refresh_from_db()
    assert (claim.status, claim.payee_name, claim.payee_iban) == (ClaimStatus.PAID, NAME, IBAN)


def test_paying_a_claim_stores_its_payee(member, chair, treasurer):
    TravelDetailsFactory(member=member.member, iban=IBAN)
    claim = TravelClaimFactory(member=member.member, status=ClaimStatus.APPROVED, approved_by=chair)

    claim_services.claim_pay(claim=claim, acting_user=treasurer, paid_on=timezone.localdate())

    claim.refresh_from_db()
    assert (claim.payee_name, claim.payee_iban) == ("Maija Tapio", IBAN)


# --- registrations are erased a while after their action day ---------------------------------------------------


def action_day_ago(days, year):
    return ActionDayFactory(year=year, date=timezone.localdate() - timedelta(days=days))


def test_registrations_are_erased_92_days_after_their_action_day(db, capsys):
    old = RegistrationFactory(action_day=action_day_ago(92, 2001), name=NAME, email=EMAIL, dietary_needs=DIETARY)
    recent = RegistrationFactory(action_day=action_day_ago(91, 2002), name=NAME, email=EMAIL, dietary_needs=DIETARY)

    call_command("erase_old_registrations")

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.name, old.library, old.dietary_needs) == ("", "", "")
    assert old.email == f"registration-{old.pk}@erased.invalid"
    assert (old.status, old.action_day.year) == ("confirmed", 2001)
    assert (recent.name, recent.email, recent.dietary_needs) == (NAME, EMAIL, DIETARY)
    assert "Erased 1 registration(s)" in capsys.readouterr().out


@override_settings(DIGITUTOR_ACTION_DAY_REGISTRATION_RETENTION_DAYS=10)
def test_the_registration_retention_is_a_setting(db):
    registration = RegistrationFactory(action_day=action_day_ago(10, 2003), name=NAME, email=EMAIL)

    call_command("erase_old_registrations")

    registration.refresh_from_db()
    assert registration.name == ""


def test_erasing_registrations_twice_changes_nothing_more(db, capsys):
    RegistrationFactory(action_day=action_day_ago(200, 2004), name=NAME, email=EMAIL)
    call_command("erase_old_registrations")

    call_command("erase_old_registrations")

    assert "Erased 0 registration(s)" in capsys.readouterr().out.splitlines()[-1]
