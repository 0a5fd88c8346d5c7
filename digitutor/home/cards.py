"""The dashboard's lists written in Python: what waits, the answer buttons, my open claims, the goals' progress and the
charts. Their template loops, includes and plural sentences were most of the front page's own drawing time; the
markup is the templates' (tests/test_dashboard_markup.py compares them), the words translated once per page."""

import html

from django.utils.safestring import mark_safe

from digitutor.addresses import address
from digitutor.templatetags.formatting import escape_text, euros
from digitutor.templatetags.icons import icon_html
from digitutor.templatetags.shell import ADMIN_ICON
from goals.templatetags.goals_tags import bar_markup, progress_words
from meetings.claims.models import ClaimStatus
from meetings.claims.templatetags.claim_status import status_badge
from meetings.models import Answer, MeetingFormat
from meetings.when import meeting_span

# The tick on the member's answer (build_icon_sprite keeps it in the served sprite).
ANSWERED_ICON = "check-lg"
# The next meeting's card's icon (build_icon_sprite keeps it in the served sprite).
NEXT_MEETING_ICON = "calendar3"


def welcome_header(user, words):
    """The page's heading, welcoming the person by first name (or e-mail address), and beside it, to whom may use the
    back office, the way there (the shell's icon for it)."""
    welcome = words.pattern("Welcome, %(name)s") % {"name": escape_text(user.first_name or user.email)}
    back_office = ""
    if user.has_perm("digitutor.use_admin"):
        back_office = (
            '<a class="btn btn-outline-primary d-inline-flex align-items-center gap-2" '
            f'href="{address("admin:index")}">{icon_html(ADMIN_ICON)}{words.text("Open the back office")}</a>'
        )
    return mark_safe(
        '<div class="d-flex flex-wrap justify-content-between align-items-center gap-3 mb-4">'
        f'<h1 class="mb-0">{welcome}</h1>{back_office}</div>'
    )


def _item(text, url, count):
    """<li> of a count; it leads to its list only when there is something in it ("0 claims to approve" is a fact)."""
    return f'<li><a href="{url}">{text}</a></li>' if count else f"<li>{text}</li>"


def waiting_items(claims_waiting, waiting, words):
    """The items of "Waiting for you": claims to decide and to pay (claims_waiting, the approvers' only), payment
    batches to pay and join requests to decide (those in waiting)."""
    items = []
    _counted = words.counted
    if claims_waiting is not None:
        submitted, approved = claims_waiting["submitted"], claims_waiting["approved"]
        to_decide = _counted(
            "%(counter)s claim to approve or return", "%(counter)s claims to approve or return", submitted
        )
        items.append(_item(to_decide, address("claim_queue"), submitted))
        to_pay = _counted(
            "%(counter)s approved claim waiting for payment",
            "%(counter)s approved claims waiting for payment",
            approved,
        )
        items.append(f"<li>{to_pay}</li>")
    if "batches_to_pay" in waiting:
        batches = waiting["batches_to_pay"]
        to_pay = _counted("%(counter)s payment batch to pay", "%(counter)s payment batches to pay", batches)
        items.append(_item(to_pay, address("claim_payments"), batches))
    if "join_requests" in waiting:
        requests = waiting["join_requests"]
        to_decide = _counted("%(counter)s join request to decide", "%(counter)s join requests to decide", requests)
        url = f"{address('admin:members_joinrequest_changelist')}?status__exact=new"
        items.append(_item(to_decide, url, requests))
    return mark_safe("".join(items))


def my_answer_text(my_answer, words):
    """ "Your answer: <strong>Remotely</strong>." or that the member has not answered yet."""
    if my_answer is None:
        return mark_safe(words.text("You have not answered yet."))
    answer = words.labels(Answer)[my_answer]
    return mark_safe(words.pattern("Your answer: <strong>%(answer)s</strong>.") % {"answer": answer})


def answer_buttons(meeting, my_answer, words):
    """A button per answer the meeting allows (remotely only when it can be followed remotely, in person only when it
    has a venue); the member's answer pressed and ticked."""
    buttons = []
    labels = words.labels(Answer)
    for choice in Answer:
        if (choice == Answer.REMOTE and not meeting.is_remote_possible) or (
            choice == Answer.IN_PERSON and not meeting.has_venue
        ):
            continue
        pressed = my_answer == choice
        buttons.append(
            f'<button type="submit" name="answer" value="{choice.value}" class="btn '
            f'{"btn-primary" if pressed else "btn-outline-primary"}" aria-pressed="{"true" if pressed else "false"}">'
            f"{icon_html(ANSWERED_ICON) if pressed else ''}{labels[choice]}</button>"
        )
    return mark_safe("".join(buttons))


def next_meeting_card(meeting, answering, words):
    """ "Next meeting" (its title, time and format, or that none is coming) as (the card up to the answer form's
    token, the rest): the template puts {% csrf_token %} between the two when there is a rest, the form of a member who
    may still answer (answering: cards.my_answer_text's and cards.answer_buttons' markup). The token is the page's own,
    masked once for every form on it, so it is left to the template."""
    heading = (
        '<div class="col"><section class="dt-card" aria-labelledby="next-meeting-heading">'
        f'<h2 id="next-meeting-heading" class="dt-card-title">{icon_html(NEXT_MEETING_ICON)}'
        f"{words.text('Next meeting')}</h2>"
    )
    footer = (
        f'<p class="dt-card-footer"><a href="{address("meeting_list")}">{words.text("All meetings")}</a></p>'
        "</section></div>"
    )
    if meeting is None:
        return mark_safe(f"{heading}<p>{words.text('No upcoming meetings.')}</p>{footer}"), ""
    about = (
        f'<p class="mb-1 fw-semibold"><a href="{meeting.get_absolute_url()}">{escape_text(meeting.title)}</a></p>'
        f"<p>{meeting_span(meeting, words.moments)} · {words.labels(MeetingFormat)[meeting.format]}</p>"
    )
    if answering is None:
        return mark_safe(f"{heading}{about}{footer}"), ""
    answer_text, buttons = answering
    form = (
        f'<p class="mb-2">{escape_text(answer_text)}</p>'
        f'<form method="post" action="{address("meeting_answer", meeting.pk)}" class="answer-buttons">'
    )
    rest = f'<input type="hidden" name="back" value="home">{buttons}</form>{footer}'
    return mark_safe(f"{heading}{about}{form}"), mark_safe(rest)


def claim_items(claims, words):
    """<li> per open claim: its number (a link), its sum and its state (each state's badge written once a list)."""
    badges = {}
    names = words.names(ClaimStatus)  # get_status_display()'s names, without its lookup's cost per claim
    items = []
    for claim in claims:
        badge = badges.get(claim.status)
        if badge is None:
            badge = badges[claim.status] = status_badge(claim.status, names[claim.status])
        items.append(
            f'<li><span><a href="{claim.get_absolute_url()}"><span class="claim-number">{claim.number}</span></a> '
            f'<span class="dt-card-meta">{escape_text(euros(claim.total))}</span></span>{badge}</li>'
        )
    return mark_safe("".join(items))


def progress_items(progress):
    """<li> per target of the year's goals: the goal and the target, and the target's progress bar (the words of the
    bars looked up once for them all)."""
    words = progress_words()
    return mark_safe(
        "".join(
            [
                f'<li class="mb-3"><span>{escape_text(goal.title)}: {escape_text(row.target.text)}</span>'
                f"{bar_markup(row, words)}</li>"
                for goal, rows in progress
                for row in rows
            ]
        )
    )


def claims_card(claims, words):
    """ "My open claims": each claim not yet paid (or that there is none), and the ways to a new claim and to all."""
    listed = (
        f'<ul class="dt-card-list">{claim_items(claims, words)}</ul>'
        if claims
        else f"<p>{words.text('No open claims.')}</p>"
    )
    return mark_safe(
        '<section class="dt-card" aria-labelledby="my-claims-heading">'
        f'<h2 id="my-claims-heading" class="dt-card-title">{icon_html("receipt")}'
        f"{words.text('My open claims')}</h2>{listed}"
        '<p class="dt-card-footer d-flex flex-wrap gap-3">'
        f'<a href="{address("claim_create")}">{words.text("New travel claim")}</a>'
        f'<a href="{address("claim_list")}">{words.text("My claims")}</a></p></section>'
    )


def goals_card(plan, progress, words):
    """The year's goals: each target's progress and the way to the plan's goals, or that no plan is published."""
    if plan is None:
        heading = words.text("Goals")
        body = f"<p>{words.text('No action plan has been published yet.')}</p>"
    else:
        heading = words.numbered("Goals %(year)s", year=plan.year)
        body = (
            f'<ul class="list-unstyled">{progress_items(progress)}</ul><p class="dt-card-footer">'
            f'<a href="{address("goals_detail", plan.year)}">{words.text("All goals")}</a></p>'
        )
    return mark_safe(
        '<section class="dt-card" aria-labelledby="progress-heading">'
        f'<h2 id="progress-heading" class="dt-card-title">{icon_html("flag")}{heading}</h2>{body}</section>'
    )


def names_text(names):
    """The names, comma-separated, as {{ names|join:", " }} wrote them (escaped by the standard library).

    Escaped once, joined: the same text as each name escaped, since the separator has nothing to escape.
    """
    return mark_safe(html.escape(", ".join(names)))


def bar_chart(chart, caption):
    """A figure of horizontal SVG bars (charts.bars), each with its words beside it for those who do not see it, and
    its caption (already escaped).

    A bar's label and words are plain text (a meeting's title, a funding source's name, a sentence with numbers):
    escaped by the standard library as escape_text would, without its checks for lazy and safe text, and in a list
    rather than a generator, which costs a call a bar; the attendance chart has a bar a meeting.
    """
    items = "".join(
        [
            f'<li class="mb-2"><span class="small">{html.escape(bar.label)}: {html.escape(bar.text)}</span>'
            '<svg class="chart-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" '
            'focusable="false"><rect width="100" height="10" fill="#dee2e6"></rect>'
            f'<rect width="{bar.width}" height="10" fill="#1b3a5c"></rect></svg></li>'
            for bar in chart
        ]
    )
    return mark_safe(
        f'<figure class="bar-chart"><figcaption class="visually-hidden">{caption}</figcaption>'
        f'<ul class="list-unstyled mb-0">{items}</ul></figure>'
    )


def dashboard_parts(context, words):
    """The markup of the dashboard's lists for its template to place, from dashboard_for's context."""
    parts = {
        "waiting_items": waiting_items(context.get("claims_waiting"), context["waiting"], words),
        "goals_card": goals_card(context["plan"], context["progress"], words),
    }
    if context["member"]:
        parts["claims_card"] = claims_card(context["open_claims"], words)
    meeting = context["next_meeting"]
    answering = None
    if meeting is not None and meeting.answers_open and context["member"]:
        answering = my_answer_text(context["my_answer"], words), answer_buttons(meeting, context["my_answer"], words)
        parts["my_answer_text"], parts["answer_buttons"] = answering
    parts["next_meeting_card"], parts["next_meeting_form"] = next_meeting_card(meeting, answering, words)
    if "missing_answers" in context:
        parts["missing_text"] = names_text(context["missing_answers"])
    if "budget_bars" in context:
        parts["budget_chart"] = bar_chart(context["budget_bars"], words.text("Budget use by funding source"))
        parts["attendance_chart"] = bar_chart(context["attendance_bars"], words.text("Attendance at the meetings held"))
    return parts
