"""The chair's and the treasurer's cards of the dashboard written in Python around the lists cards.py writes: what
waits for them, the year's budget use and its attendance. The markup is templates/pages/dashboard.html's
(tests/test_dashboard_staff_cards.py compares them in fi, sv and en), without its tags' and filters' work."""

from django.utils.safestring import mark_safe

from digitutor.addresses import address
from digitutor.templatetags.icons import icon_html

# The cards' icons (build_icon_sprite keeps them in the served sprite).
WAITING_ICON, BUDGET_ICON, ATTENDANCE_ICON = "inbox", "piggy-bank", "bar-chart"
STAFF_CARD_ICONS = (WAITING_ICON, BUDGET_ICON, ATTENDANCE_ICON)


def _card(heading_id, icon, title, body, attention=False):
    """<div class="col"> with a card of the dashboard: its heading (an icon and a title) and its body."""
    classes = "dt-card dt-card-attention" if attention else "dt-card"
    return (
        f'<div class="col"><section class="{classes}" aria-labelledby="{heading_id}">'
        f'<h2 id="{heading_id}" class="dt-card-title">{icon_html(icon)}{title}</h2>{body}</section></div>'
    )


def waiting_card(context, approver, words):
    """ "Waiting for you": the counts (cards.waiting_items) and, to the chair and the treasurer, who has not answered
    the next meeting yet; nothing for someone nothing is counted for (a member)."""
    if not approver and not context["waiting"]:
        return ""
    body = f'<ul class="dt-card-list">{context["waiting_items"]}</ul>'
    if approver and context["next_meeting"]:
        body += f'<h3 class="h5">{words.text("Answers still missing for the next meeting")}</h3>'
        if context["missing_answers"]:
            body += f"<p>{context['missing_text']}</p>"
        else:
            body += f"<p>{words.text('Everyone has answered.')}</p>"
    return mark_safe(_card("waiting-heading", WAITING_ICON, words.text("Waiting for you"), body, attention=True))


def budget_card(context, words):
    """The budget use of the year shown (this year's, or the latest with figures, which it then says)."""
    year, shown = context["year"], context["budget_year"]
    body = ""
    if shown != year:
        latest = "No budget or claims for %(this_year)s yet: showing %(year)s, the latest year with figures."
        body += f"<p>{words.numbered(latest, this_year=year, year=shown)}</p>"
    body += (
        f'{context["budget_chart"]}<p class="dt-card-footer"><a href="{address("claim_queue")}?year={shown:d}">'
        f"{words.text('Budgets of every year')}</a></p>"
    )
    title = words.numbered("Budget use %(year)s", year=shown)
    return _card("budget-chart-heading", BUDGET_ICON, title, body)


def attendance_card(context, words):
    """The attendance at the meetings held in the year shown (this year's, or the latest with meetings held)."""
    year, shown = context["year"], context["attendance_year"]
    body = ""
    if shown != year:
        earlier = "No meetings held yet in %(this_year)s: showing %(year)s."
        body += f"<p>{words.numbered(earlier, this_year=year, year=shown)}</p>"
    if context["attendance_bars"]:
        body += str(context["attendance_chart"])
    else:
        body += f"<p>{words.text('No meetings held yet this year.')}</p>"
    title = words.numbered("Attendance %(year)s", year=shown)
    return _card("attendance-heading", ATTENDANCE_ICON, title, body)


def staff_cards(context, approver, words):
    """The markup of the cards only the chair and the treasurer see (and what waits for whoever it waits for), for
    the dashboard's template to place, from dashboard_for's context and its parts."""
    return {
        "waiting_card": waiting_card(context, approver, words),
        "staff_charts": mark_safe(budget_card(context, words) + attendance_card(context, words)) if approver else "",
    }
