"""Writes about people: invitations, profiles and travel details, join requests, leaving and anonymising."""

import re
from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitutor.audit.models import Verb
from digitutor.audit.services import audit_record
from digitutor.errors import DomainError
from digitutor.mail import absolute_url, send_templated_email
from digitutor.registry import erasure
from digitutor.roles import STAFF_ROLES, Role
from members.export import personal_data_for
from members.models import (
    Invitation,
    JoinRequest,
    Library,
    Member,
    PersonalDataChange,
    Roster,
    RosterEntry,
    TravelDetails,
    User,
    invitation_token_hash,
)

PROFILE_FIELDS = ["first_name", "last_name", "library", "job_title", "phone", "preferred_language"]
TRAVEL_FIELDS = ["home_address", "home_municipality", "iban"]


# --- invitations ---------------------------------------------------------------------------------


def _send_invitation_email(*, invitation, token):
    member = invitation.member
    send_templated_email(
        subject=gettext_lazy("Invitation to the Digital Tutors working group portal"),
        template="members/email/invitation.txt",
        context={
            "invitation": invitation,
            "member": member,
            "accept_url": absolute_url(reverse("invitation_accept", kwargs={"token": token})),
        },
        to=[invitation.email],
        language=member.preferred_language,
    )


def _refuse_privileged_role_unless_superuser(role, acting_user):
    if role in STAFF_ROLES and not acting_user.is_superuser:
        raise DomainError(_("Only a superuser grants the chair and treasurer roles."))


def invitation_send(*, invitation, acting_user):
    """Send (or send again) an invitation with a fresh single-use link; any earlier link stops working.

    The invitation is bound to the member's address as it is now, and to the account that address already has:
    the link works only while the member keeps that address, and an existing account's owner must log in to take it.
    """
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().select_related("member").get(pk=invitation.pk)
        if invitation.accepted_at:
            raise DomainError(_("This invitation has already been accepted."))
        if not invitation.member.is_active:
            raise DomainError(_("The member has been deactivated."))
        _refuse_privileged_role_unless_superuser(invitation.role, acting_user)
        _refuse_if_has_account(invitation.member)
        member = invitation.member
        token = invitation.new_token()
        now = timezone.now()
        invitation.email = member.email
        invitation.user = member.user or User.objects.filter(email__iexact=member.email).first()
        invitation.sent_at = now
        invitation.expires_at = now + timedelta(days=settings.DIGITUTOR_INVITATION_DAYS)
        invitation.revoked_at = None
        invitation.invited_by = invitation.invited_by or acting_user
        invitation.save()
        audit_record(actor=acting_user, verb=Verb.INVITATION_SENT, target=invitation, detail=invitation.role)
        transaction.on_commit(lambda: _send_invitation_email(invitation=invitation, token=token))
    return invitation


def _refuse_if_has_account(member):
    if member.user_id and member.user.has_usable_password() and member.user.is_active:
        raise DomainError(_("%(name)s already has an account.") % {"name": member.full_name})


def member_invite(*, member, acting_user, role=Role.MEMBER):
    """Invite a member: reuse their open invitation or make a new one, and send it."""
    _refuse_privileged_role_unless_superuser(role, acting_user)
    _refuse_if_has_account(member)
    with transaction.atomic():
        # A refused invitation (e.g. of a deactivated member) leaves no draft behind.
        invitation = member.invitations.filter(accepted_at__isnull=True, role=role).first()
        if invitation is None:
            invitation = Invitation.objects.create(member=member, role=role, invited_by=acting_user)
        return invitation_send(invitation=invitation, acting_user=acting_user)


def invitation_revoke(*, invitation, acting_user):
    """Make an unaccepted invitation's link stop working."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at:
            raise DomainError(_("This invitation has already been accepted."))
        # Whoever may not send an invitation to the chair or treasurer role may not take one back either.
        _refuse_privileged_role_unless_superuser(invitation.role, acting_user)
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit_record(actor=acting_user, verb=Verb.INVITATION_REVOKED, target=invitation, changed=["revoked_at"])
    return invitation


def member_invitations_revoke(*, member, acting_user):
    """Make every open invitation of the member stop working (they left, or their address changed)."""
    return member.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def invitation_get_usable(*, token):
    """The invitation a link points to, or None when the link is unknown, used, revoked, expired or re-addressed."""
    return Invitation.objects.usable().select_related("member").filter(token_hash=invitation_token_hash(token)).first()


def invitation_existing_account(invitation):
    """The account the invitation is for when one exists already: its owner logs in, nobody sets its password."""
    if invitation.user_id:
        return invitation.user
    if invitation.member.user_id:
        return invitation.member.user
    return User.objects.filter(email__iexact=invitation.email).first()


def _lock_usable_invitation(token):
    invitation = (
        Invitation.objects.usable()
        .select_for_update(of=("self",))  # PostgreSQL locks no nullable side of an outer join (user)
        .select_related("member", "user")
        .filter(token_hash=invitation_token_hash(token))
        .first()
    )
    if invitation is None:
        raise DomainError(_("This invitation link is not valid any more. Ask the chair for a new invitation."))
    invitation.member = (
        Member.objects.select_for_update(of=("self",)).select_related("user").get(pk=invitation.member_id)
    )
    return invitation


def _mark_accepted(invitation, user):
    user.groups.add(Group.objects.get(name=invitation.role))
    member = invitation.member
    member.user = user
    member.save(update_fields=["user"])
    invitation.accepted_at = timezone.now()
    invitation.token_hash = ""
    invitation.save(update_fields=["accepted_at", "token_hash"])


def invitation_accept(*, token, password):
    """Create the invited person's new account with the chosen password; the link then stops working.

    Never for an address that has an account already: its owner logs in and takes the invitation with
    `invitation_link_account`, so nobody can set the password of someone else's account with a link.
    """
    with transaction.atomic():
        invitation = _lock_usable_invitation(token)
        if invitation_existing_account(invitation) is not None:
            raise DomainError(_("An account already exists for this address. Log in with it to accept the invitation."))
        member = invitation.member
        user = User(email=invitation.email, first_name=member.first_name, last_name=member.last_name, is_active=True)
        user.set_password(password)
        user.save()
        # Following the emailed link proves the person owns the address.
        EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
        _mark_accepted(invitation, user)
        audit_record(actor=user, verb=Verb.INVITATION_ACCEPTED, target=invitation, detail=invitation.role)
    return user


def invitation_link_account(*, token, acting_user):
    """The logged-in owner of the account an invitation is bound to takes it: the member is linked to the account."""
    with transaction.atomic():
        invitation = _lock_usable_invitation(token)
        account = invitation_existing_account(invitation)
        if account is None or account.pk != acting_user.pk:
            raise DomainError(
                _("This invitation is for the account of %(email)s. Log in with that account to accept it.")
                % {"email": invitation.email}
            )
        if Member.objects.filter(user=account).exclude(pk=invitation.member_id).exists():
            raise DomainError(_("This account already belongs to another member."))
        _mark_accepted(invitation, account)
        audit_record(
            actor=account, verb=Verb.ACCOUNT_LINKED, target=invitation.member, changed=["user"], detail=invitation.role
        )
    return account


# --- roles ----------------------------------------------------------------------------------------


def _refuse_role_change(*, user, before, after, acting_user):
    changed = before ^ after
    if not changed:
        return
    if user.pk == acting_user.pk:
        raise DomainError(_("Nobody changes their own roles."))
    if changed - {Role.MEMBER.value} and not acting_user.is_superuser:
        raise DomainError(_("Only a superuser grants or removes the chair and treasurer roles."))


def user_roles_check(*, user, groups, acting_user):
    """Raise a DomainError unless the acting user may give the account exactly these groups."""
    before = set(user.groups.values_list("name", flat=True)) if user.pk else set()
    after = {group.name for group in groups}
    if not acting_user.is_superuser:
        # Groups other than roles are not offered to the chair; they stay as they are.
        after |= {name for name in before if name not in Role.values}
    _refuse_role_change(user=user, before=before, after=after, acting_user=acting_user)
    return after


def user_roles_set(*, user, groups, acting_user):
    """Give the account exactly these groups: the member role by the chair, the others only by a superuser.

    Nobody changes their own roles, a superuser neither.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        before = set(user.groups.values_list("name", flat=True))
        names = user_roles_check(user=user, groups=groups, acting_user=acting_user)
        user.groups.set(Group.objects.filter(name__in=names))
        if before != names:
            granted = [f"+{name}" for name in sorted(names - before)]
            removed = [f"−{name}" for name in sorted(before - names)]
            audit_record(
                actor=acting_user,
                verb=Verb.ROLES_CHANGED,
                target=user,
                changed=["groups"],
                detail=" ".join(granted + removed),
            )
    return user


# --- profiles and private travel details ---------------------------------------------------------


def _record_changes(*, member, acting_user, before, after):
    changed = [field for field, value in after.items() if before.get(field) != value]
    PersonalDataChange.objects.bulk_create(
        PersonalDataChange(member=member, changed_by=acting_user, field_name=field) for field in changed
    )
    return changed


def member_update_profile(*, member, acting_user, data):
    """Save a member's own contact details (name, library, job title, phone, language)."""
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        before = {field: getattr(member, field) for field in PROFILE_FIELDS}
        for field in PROFILE_FIELDS:
            setattr(member, field, data[field])
        changed = _record_changes(member=member, acting_user=acting_user, before=before, after=data)
        member.save()
        if member.user_id and {"first_name", "last_name"} & set(changed):
            User.objects.filter(pk=member.user_id).update(first_name=member.first_name, last_name=member.last_name)
    return member


def travel_details_update(*, member, acting_user, data):
    """Save the given private travel details; the change log names the fields, never their values."""
    with transaction.atomic():
        details, _created = TravelDetails.objects.select_for_update().get_or_create(member=member)
        before = {field: getattr(details, field) for field in data}
        for field, value in data.items():
            setattr(details, field, value)
        details.full_clean()
        _record_changes(member=member, acting_user=acting_user, before=before, after=data)
        details.save()
        if "iban" in data and before["iban"] != details.iban:
            transaction.on_commit(lambda: _mail_bank_account_changed(member=member, details=details))
    return details


def _mail_bank_account_changed(*, member, details):
    """Tell the member their bank account changed: claims are paid to it, so a change they did not make matters.

    Claims approved before the change keep the account they were approved with (the payee is fixed at approval).
    """
    if not member.email:
        return
    # The claims app builds on members, never the other way round: its claims are reached by their relation's name.
    waiting = member.claims.filter(status="approved").count()
    send_templated_email(
        to=[member.email],
        language=member.preferred_language,
        subject=gettext_lazy("Your bank account in the portal was changed"),
        template="members/email/bank_account_changed.txt",
        context={
            "member": member,
            "iban_masked": details.iban_masked,
            "approved_waiting": waiting,
            "url": absolute_url(reverse("profile")),
        },
    )


def personal_data_export(*, acting_user):
    """Everything the portal holds about the acting user ("download my data"); the audit log records that it went."""
    with transaction.atomic():
        data = personal_data_for(acting_user)
        audit_record(actor=acting_user, verb=Verb.PERSONAL_DATA_EXPORTED, target=acting_user, changed=sorted(data))
    return data


# --- joining ---------------------------------------------------------------------------------------


def join_request_submit(*, first_name, last_name, library, email, message):
    """Store a request to join the group and tell the chair about it."""
    join_request = JoinRequest.objects.create(
        first_name=first_name,
        last_name=last_name,
        library=library,
        email=email.strip().lower(),
        message=message,
        language=translation.get_language() or "",  # the page's language: the answer is written in it
    )
    chairs = list(
        User.objects.filter(groups__name=Role.CHAIR, is_active=True).values_list("email", flat=True).distinct()
    )
    if chairs:
        admin_url = absolute_url(reverse("admin:members_joinrequest_change", args=[join_request.pk]))
        transaction.on_commit(
            lambda: send_templated_email(
                subject=gettext_lazy("New request to join the working group"),
                template="members/email/join_request_received.txt",
                context={"join_request": join_request, "admin_url": admin_url},
                to=chairs,
                language=settings.LANGUAGE_CODE,
            )
        )
    return join_request


def _join_request_language(join_request):
    """The language the person wrote the request in, if the portal speaks it; else Finnish."""
    languages = {code for code, _name in settings.LANGUAGES}
    return join_request.language if join_request.language in languages else "fi"


def join_request_library_guess(join_request):
    """The existing library whose name is what the person wrote, or None."""
    return Library.objects.filter(name__iexact=join_request.library.strip()).first()


def join_request_accept(*, join_request, acting_user, library=None, new_library=None):
    """Accept a join request: the person becomes a member (or is found as one) in their library, is put on this
    year's roster and gets an invitation.

    The library is the one chosen, or a new one made from new_library (name, municipality, region), or else the
    existing library named as they wrote it.
    """
    with transaction.atomic():
        join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if join_request.status != JoinRequest.Status.NEW:
            raise DomainError(_("This join request has already been handled."))
        if library is None and new_library:
            if Library.objects.filter(name__iexact=new_library["name"].strip()).exists():
                raise DomainError(_("A library of that name exists already: choose it from the list."))
            library = Library(**{**new_library, "name": new_library["name"].strip()})
            library.full_clean()
            library.save()
        elif library is None:
            library = join_request_library_guess(join_request)
        member = Member.objects.filter(email__iexact=join_request.email).first()
        if member is None:
            member = Member.objects.create(
                first_name=join_request.first_name,
                last_name=join_request.last_name,
                email=join_request.email,
                library=library,
                preferred_language=_join_request_language(join_request),
            )
        elif member.library_id is None and library is not None:
            member.library = library
            member.save(update_fields=["library"])
        roster, _created = Roster.objects.get_or_create(year=timezone.localdate().year)
        RosterEntry.objects.get_or_create(roster=roster, member=member, defaults={"library": member.library})
        join_request.status = JoinRequest.Status.ACCEPTED
        join_request.member = member
        join_request.handled_by = acting_user
        join_request.handled_at = timezone.now()
        join_request.save()
        audit_record(
            actor=acting_user, verb=Verb.JOIN_REQUEST_ACCEPTED, target=join_request, changed=["status", "member"]
        )
        if not (member.user_id and member.user.has_usable_password()):
            member_invite(member=member, acting_user=acting_user)
    return join_request


def join_request_decline(*, join_request, acting_user, reason=""):
    """Decline a join request and tell the person, with the reason if one is given, in their language."""
    with transaction.atomic():
        join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if join_request.status != JoinRequest.Status.NEW:
            raise DomainError(_("This join request has already been handled."))
        join_request.status = JoinRequest.Status.DECLINED
        join_request.decline_reason = reason.strip()
        join_request.handled_by = acting_user
        join_request.handled_at = timezone.now()
        join_request.save()
        audit_record(
            actor=acting_user,
            verb=Verb.JOIN_REQUEST_DECLINED,
            target=join_request,
            changed=["status", "decline_reason"] if join_request.decline_reason else ["status"],
        )
        language = _join_request_language(join_request)
        transaction.on_commit(
            lambda: send_templated_email(
                subject=gettext_lazy("Your request to join the Digital Tutors working group"),
                template="members/email/join_request_declined.txt",
                context={"join_request": join_request},
                to=[join_request.email],
                language=language,
            )
        )
    return join_request


# --- leaving ---------------------------------------------------------------------------------------


def holds_office(user):
    """A staff or superuser account, or one holding the chair or treasurer role."""
    return user.is_staff or user.is_superuser or user.groups.filter(name__in=STAFF_ROLES).exists()


def account_removal_check(*, user, acting_user):
    """Raise unless the acting user may deactivate or anonymise this account (None: a member without one).

    Nobody does it to themselves; only a superuser does it to staff, superusers and the chair's and treasurer's
    role holders, so nobody takes away rights they could not have given.
    """
    if user is None or acting_user is None:  # no account; or the operator, at the shell or in a command
        return
    if user.pk == acting_user.pk:
        raise DomainError(_("Nobody deactivates or anonymises their own account."))
    if holds_office(user) and not acting_user.is_superuser:
        raise DomainError(
            _("Only a superuser deactivates or anonymises the chair, the treasurer, a staff or a superuser account.")
        )


def member_deactivate(*, member, acting_user):
    """A leaving member: no more login; rosters, claims and history stay."""
    with transaction.atomic():
        member = Member.objects.select_for_update().select_related("user").get(pk=member.pk)
        if not member.is_active:
            raise DomainError(_("The member has already been deactivated."))
        account_removal_check(user=member.user, acting_user=acting_user)
        member.is_active = False
        member.save(update_fields=["is_active"])
        if member.user_id:
            User.objects.filter(pk=member.user_id).update(is_active=False)
        member_invitations_revoke(member=member, acting_user=acting_user)
        audit_record(actor=acting_user, verb=Verb.MEMBER_DEACTIVATED, target=member, changed=["is_active"])
    return member


def member_anonymise(*, member, acting_user):
    """Erase a former member: everything about them goes but what bookkeeping must keep; rosters keep an anonymous row.

    Every app erases its part first (``digitutor.registry.erasure``: answers' notes, registrations, trainings, the
    calendar address, claims not in the books), while the record still carries the name and address to match by.
    Then the member record is anonymised and the account goes; an account that kept claims' or batches' history
    (who submitted, approved or paid) stays as an anonymous row nobody can log in with.
    """
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        if member.is_active:
            raise DomainError(_("Deactivate the member before anonymising them."))
        if member.anonymised_at:
            raise DomainError(_("The member has already been anonymised."))
        user = member.user
        account_removal_check(user=user, acting_user=acting_user)
        traces = [member.full_name, member.email] + ([user.get_full_name(), user.email] if user else [])
        erasure.erase(member)
        JoinRequest.objects.filter(Q(member=member) | Q(email__iexact=member.email)).delete()
        member.first_name = _("Former member")
        member.last_name = f"#{member.pk}"
        member.email = f"anonymised-{member.pk}@invalid"
        member.job_title = ""
        member.phone = ""
        member.user = None
        member.anonymised_at = timezone.now()
        member.save()
        TravelDetails.objects.filter(member=member).delete()
        member.changes.all().delete()
        member.invitations.all().delete()
        if user is not None:
            _account_erase(user, member=member)
        _admin_history_erase(traces, anonymous_name=member.full_name)
        audit_record(
            actor=acting_user,
            verb=Verb.MEMBER_ANONYMISED,
            target=member,
            changed=["first_name", "last_name", "email", "job_title", "phone", "user", "travel_details"],
        )
    return member


def _account_erase(user, *, member):
    """Delete the account, or where claims' history refers to it, leave an anonymous row nobody can log in with."""
    try:
        with transaction.atomic():
            user.delete()
        return
    except ProtectedError:
        pass
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.email = f"anonymised-user-{user.pk}@invalid"
    user.first_name, user.last_name = member.first_name, member.last_name
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    # A new password hash also ends every open session of the account (Django checks the session's hash).
    user.set_unusable_password()
    user.save()


def _admin_history_erase(traces, *, anonymous_name):
    """The back office's history names objects as they were shown (a member, a registration): not by name any more."""
    traces = [trace for trace in traces if trace.strip()]
    if not traces:
        return
    matching = Q()
    for trace in traces:
        matching |= Q(object_repr__icontains=trace) | Q(change_message__icontains=trace)
    pattern = re.compile("|".join(re.escape(trace) for trace in sorted(traces, key=len, reverse=True)), re.IGNORECASE)
    for entry in LogEntry.objects.filter(matching):
        entry.object_repr = pattern.sub(anonymous_name, entry.object_repr)
        entry.change_message = pattern.sub(anonymous_name, entry.change_message)
        entry.save(update_fields=["object_repr", "change_message"])


def member_sync_account(*, member, acting_user, changed_fields=()):
    """After the chair edits a member in the admin, the account's name follows; a new address ends open invitations."""
    if member.user_id:
        User.objects.filter(pk=member.user_id).update(first_name=member.first_name, last_name=member.last_name)
    if "email" in changed_fields:
        member_invitations_revoke(member=member, acting_user=acting_user)
