"""Writes about meetings and the action day: answers, the register, publishing, reminders, registrations."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitutor.audit.models import Verb
from digitutor.audit.services import audit_record
from digitutor.errors import DomainError
from digitutor.mail import absolute_url, send_templated_email
from meetings.calendar import meeting_ics
from meetings.models import (
    Answer,
    AttendanceAnswer,
    AttendanceRecord,
    CalendarFeed,
    Meeting,
    MeetingReminder,
    MeetingStatus,
)
from members.models import Member

# --- answers and the register ------------------------------------------------------------------------


def attendance_set(*, meeting, member, answer, note="", acting_user):
    """Record (or change) a member's answer; allowed until a published meeting starts."""
    if answer not in Answer.values:
        raise DomainError(_("Choose in person, remotely or not coming."))
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status == MeetingStatus.CANCELLED:
            raise DomainError(_("The meeting has been cancelled."))
        if meeting.status == MeetingStatus.DRAFT:
            raise DomainError(_("The meeting has not been published yet."))
        if not meeting.answers_open:
            raise DomainError(_("The meeting has already started; answers can no longer be changed."))
        if answer == Answer.REMOTE and not meeting.is_remote_possible:
            raise DomainError(_("This meeting cannot be attended remotely."))
        if answer == Answer.IN_PERSON and not meeting.has_venue:
            raise DomainError(_("This meeting is remote only."))
        record, _created = AttendanceAnswer.objects.update_or_create(
            meeting=meeting, member=member, defaults={"answer": answer, "note": note.strip()[:300]}
        )
    return record


def register_prefill(*, meeting, acting_user):
    """Fill an empty attendance register from the answers: those who said they come, as they said."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status == MeetingStatus.CANCELLED:
            raise DomainError(_("The meeting has been cancelled."))
        if meeting.starts_at > timezone.now():
            raise DomainError(_("The register can be filled in once the meeting has started."))
        if meeting.register.exists():
            raise DomainError(_("The register already has rows; edit them in the meeting's register."))
        answers = meeting.answers.exclude(answer=Answer.NOT_COMING)
        AttendanceRecord.objects.bulk_create(
            AttendanceRecord(meeting=meeting, member_id=answer.member_id, mode=answer.answer) for answer in answers
        )
    return meeting.register.count()


def meeting_mark_held(*, meeting, acting_user):
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status != MeetingStatus.PUBLISHED:
            raise DomainError(_("Only a published meeting can be marked as held."))
        if meeting.starts_at > timezone.now():
            raise DomainError(_("A meeting can be marked as held once it has started."))
        meeting.status = MeetingStatus.HELD
        meeting.save(update_fields=["status"])
    return meeting


def _active_members():
    return Member.objects.filter(is_active=True, anonymised_at__isnull=True, user__is_active=True)


def _meeting_mail(*, meeting, member, subject, template):
    """One member's email about a meeting, with the calendar file attached."""
    ics = meeting_ics(meeting, include_remote_link=True)
    # The MIME method must match the file's METHOD, or mail clients treat a cancellation as an invitation.
    method = "CANCEL" if meeting.status == MeetingStatus.CANCELLED else "PUBLISH"
    return send_templated_email(
        to=[member.email],
        language=member.preferred_language,
        subject=subject,
        subject_params={"title": meeting.title},
        template=template,
        context={"meeting": meeting, "member": member, "url": absolute_url(meeting.get_absolute_url())},
        attachments=[("meeting.ics", ics, f"text/calendar; charset=utf-8; method={method}")],
    )


def _mail_members_after_commit(*, meeting, members, subject, template):
    def send_all():
        for member in members:
            _meeting_mail(meeting=meeting, member=member, subject=subject, template=template)

    transaction.on_commit(send_all)


def meeting_invitees():
    """Who a meeting's invitation, or its cancellation, is emailed to: every active member with an account."""
    return _active_members().order_by("last_name", "first_name")


def meeting_publish(*, meeting, acting_user):
    """Publish a draft: members see it and get the invitation with the calendar file, once."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status != MeetingStatus.DRAFT:
            raise DomainError(_("Only a draft can be published; this meeting's invitations have already been sent."))
        if meeting.starts_at <= timezone.now():
            raise DomainError(_("Only a meeting in the future can be published."))
        meeting.status = MeetingStatus.PUBLISHED
        meeting.published_at = timezone.now()
        meeting.save(update_fields=["status", "published_at"])
        audit_record(
            actor=acting_user,
            verb=Verb.MEETING_PUBLISHED,
            target=meeting,
            changed=["status", "published_at"],
            detail=f"{MeetingStatus.DRAFT} → {MeetingStatus.PUBLISHED}",
        )
        _mail_members_after_commit(
            meeting=meeting,
            members=list(meeting_invitees()),
            subject=gettext_lazy("Invitation: %(title)s"),
            template="meetings/email/meeting_invitation.txt",
        )
    return meeting


def meeting_cancel(*, meeting, acting_user):
    """Cancel a draft or a published meeting; if members were invited, they get the cancellation for their calendars."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status not in (MeetingStatus.DRAFT, MeetingStatus.PUBLISHED):
            raise DomainError(_("Only a draft or a published meeting can be cancelled."))
        was_published = meeting.status == MeetingStatus.PUBLISHED
        meeting.status = MeetingStatus.CANCELLED
        meeting.save(update_fields=["status"])
        audit_record(
            actor=acting_user,
            verb=Verb.MEETING_CANCELLED,
            target=meeting,
            changed=["status"],
            detail=f"{MeetingStatus.PUBLISHED if was_published else MeetingStatus.DRAFT} → {MeetingStatus.CANCELLED}",
        )
        _mail_members_after_commit(
            meeting=meeting,
            members=list(meeting_invitees()) if was_published else [],
            subject=gettext_lazy("Cancelled: %(title)s"),
            template="meetings/email/meeting_cancelled.txt",
        )
    return meeting


def reminders_send(*, days_before, now=None):
    """Remind those who have not answered and those who come; each member once per meeting, however often run."""
    now = now or timezone.now()
    meetings = Meeting.objects.filter(
        status=MeetingStatus.PUBLISHED,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(days=days_before),
    )
    sent = 0
    for meeting in meetings:
        not_coming = meeting.answers.filter(answer=Answer.NOT_COMING).values("member_id")
        already = meeting.reminders.values("member_id")
        for member in _active_members().exclude(pk__in=not_coming).exclude(pk__in=already):
            try:
                # The row is written first: a reminder is never sent twice, even by two overlapping runs.
                with transaction.atomic():
                    MeetingReminder.objects.create(meeting=meeting, member=member)
            except IntegrityError:
                continue
            if _meeting_mail(
                meeting=meeting,
                member=member,
                subject=gettext_lazy("Reminder: %(title)s"),
                template="meetings/email/meeting_reminder.txt",
            ):
                sent += 1
    return sent


def calendar_feed_for(*, member):
    feed, _created = CalendarFeed.objects.get_or_create(member=member)
    return feed


def calendar_feed_renew(*, member, acting_user):
    """A new secret address; the old one stops working at once."""
    feed = calendar_feed_for(member=member)
    feed.token = CalendarFeed._meta.get_field("token").default()
    feed.save(update_fields=["token", "created_at"])
    return feed
