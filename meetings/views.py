import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from digitutor.decorators import member_pages
from digitutor.errors import DomainError
from meetings import selectors, services
from meetings.calendar import feed_ics, meeting_ics
from meetings.forms import AnswerForm
from meetings.models import Answer, CalendarFeed, Meeting, MeetingAttachment
from members.selectors import member_for_user_or_404

PAST_MEETINGS_PER_PAGE = 20


# Attachments are named as what they are only when that is a document; anything else downloads as plain bytes.
DOCUMENT_TYPES = {
    "application/pdf",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
    "text/plain",
    "text/csv",
    "image/jpeg",
    "image/png",
}


def _is_member_viewer(user):
    return user.has_perm("digitutor.view_member_pages")


def _year_or_404(value):
    if value is None:
        return None
    # ASCII digits only ("²" passes isdigit() but not int()); years near 1 AD overflow the time zone conversion.
    if value.isascii() and value.isdigit() and len(value) == 4 and 1900 <= int(value) <= 2100:
        return int(value)
    raise Http404(_("There are no meetings for that year."))


class CountedPaginator(Paginator):
    """A paginator told how many items it pages, which the page has counted already (no COUNT query)."""

    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self.count = count


@require_safe
def meeting_list(request):
    """Upcoming and past meetings; ?year= for one year."""
    year = _year_or_404(request.GET.get("year"))
    meetings = selectors.meeting_list(year=year, user=request.user)
    upcoming, past, page = meetings.upcoming, meetings.past, None
    if year is None:  # one year's meetings fit on a page; all of them, over the years, do not
        past_count = max(meetings.count - len(upcoming), 0)
        page = CountedPaginator(past, PAST_MEETINGS_PER_PAGE, count=past_count).get_page(request.GET.get("page"))
        past = page.object_list
    context = {"upcoming": upcoming, "past": past, "page": page, "year": year, "years": meetings.years}
    return render(request, "meetings/meeting_list.html", context)


@require_safe
def meeting_detail(request, pk):
    """The meeting; members also see who comes, the remote link, minutes, attachments and their own answer."""
    meeting = selectors.meeting_get(pk=pk, user=request.user)
    is_member_viewer = _is_member_viewer(request.user)
    lists = selectors.meeting_lists(meeting, with_register=is_member_viewer)
    answers = lists.answers
    my_answer = selectors.user_answer(answers, request.user) if is_member_viewer else None
    # Someone who has answered has a member record; only someone who has not is looked up.
    is_member = my_answer is not None or (is_member_viewer and selectors.has_member_record(request.user))
    context = {
        "meeting": meeting,
        "is_member_viewer": is_member_viewer,
        "member": is_member,
        "my_answer": my_answer,
        "answers": answers,
        # The register and the attachments show only to members (meeting_lists reads them only for them).
        "register": lists.register,
        "attachments": lists.attachments,
        "answer_choices": [
            choice
            for choice in Answer
            if not (choice == Answer.REMOTE and not meeting.is_remote_possible)
            and not (choice == Answer.IN_PERSON and not meeting.has_venue)
        ],
    }
    return render(request, "meetings/meeting_detail.html", context)


@login_required
@member_pages
@require_POST
def meeting_answer(request, pk):
    meeting = selectors.meeting_get(pk=pk, user=request.user)
    member = member_for_user_or_404(request.user)
    # The front page's answer buttons send back=home to come back there; anything else returns to the meeting.
    back = "home" if request.POST.get("back") == "home" else meeting
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose in person, remotely or not coming."))
        return redirect(back)
    try:
        services.attendance_set(
            meeting=meeting,
            member=member,
            answer=form.cleaned_data["answer"],
            note=form.cleaned_data["note"],
            acting_user=request.user,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Your answer was saved: %(answer)s.") % {"answer": Answer(form.cleaned_data["answer"]).label}
        )
    return redirect(back)


@require_safe
def meeting_calendar(request, pk):
    meeting = selectors.meeting_get(pk=pk, user=request.user)
    ics = meeting_ics(meeting, include_remote_link=_is_member_viewer(request.user))
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


@login_required
@member_pages
@require_safe
def meeting_attachment(request, pk):
    """An attachment, for logged-in members only, served from private storage."""
    attachment = get_object_or_404(
        MeetingAttachment.objects.filter(meeting__in=Meeting.objects.visible_to(request.user)), pk=pk
    )
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        messages.error(request, _("The file is missing from the server. Tell the chair."))
        return redirect(attachment.meeting)
    content_type, _encoding = mimetypes.guess_type(attachment.original_name)
    if content_type not in DOCUMENT_TYPES:
        content_type = "application/octet-stream"
    response = FileResponse(handle, as_attachment=True, filename=attachment.original_name, content_type=content_type)
    # Even an old upload of a page or an SVG, opened in the browser, runs nothing: no script, no same-origin access.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@member_pages
def calendar_subscription(request):
    """The member's personal calendar address, and a button to replace it with a new one."""
    if request.method == "POST":
        member = member_for_user_or_404(request.user)
        services.calendar_feed_renew(member=member, acting_user=request.user)
        messages.success(request, _("Your calendar has a new address; the old one no longer works."))
        return redirect("calendar_subscription")
    feed = selectors.calendar_feed_of(request.user)  # a member who has an address: one query, no member lookup
    if feed is None:
        feed = services.calendar_feed_for(member=member_for_user_or_404(request.user))
    feed_url = request.build_absolute_uri(feed.get_absolute_url())
    return render(request, "meetings/calendar_subscription.html", {"feed_url": feed_url})


@never_cache
@require_safe
def calendar_feed(request, token):
    """A personal feed: the secret token is the key, so calendar apps can fetch it without logging in."""
    feed = CalendarFeed.objects.select_related("member__user").filter(token=token).first()
    if feed is None or not feed.member.is_active or not (feed.member.user and feed.member.user.is_active):
        raise Http404
    ics = feed_ics(selectors.feed_meetings(user=feed.member.user), name=_("Digital Tutors meetings"))
    return HttpResponse(ics, content_type="text/calendar; charset=utf-8")
