"""The coming action day's card of both front pages, written in Python: the markup templates/home/_action_day.html
wrote (tests/test_action_day_card.py compares them in fi, sv and en), without its include, tags and filters."""

from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from digitutor.templatetags.formatting import escape_text
from digitutor.templatetags.icons import icon_html
from meetings.actionday.selectors import ComingState

# The card's icon (build_icon_sprite keeps it in the served sprite).
ACTION_DAY_ICON = "calendar-event"


def _registration_text(day):
    """Whether one can register, as a badge, and how many places are left or what happens to a new registration."""
    if day.state == ComingState.OPEN:
        left = ngettext("%(left)s place left.", "%(left)s places left.", day.places_left) % {
            "left": escape_text(localize(day.places_left))
        }
        return f'<span class="badge text-bg-success">{escape_text(gettext("Registration is open"))}</span> {left}'
    if day.state == ComingState.FULL:
        return (
            f'<span class="badge text-bg-warning">{escape_text(gettext("Full"))}</span> '
            f"{escape_text(gettext('New registrations go to the waiting list.'))}"
        )
    return f'<span class="badge text-bg-secondary">{escape_text(gettext("Registration is closed"))}</span>'


def action_day_card(day):
    """The card of the coming action day (selectors.action_day_coming), or that none has been published yet."""
    if day is None:
        about = f"  <p>{escape_text(gettext('The next action day has not been published yet.'))}</p>\n"
    else:
        about = (
            f'  <p class="mb-1 fw-semibold"><a href="{day.get_absolute_url()}">{escape_text(day.theme)}</a></p>\n'
            f'  <p class="mb-1"><time datetime="{day.date.isoformat()}">{escape_text(day.when_text)}</time> · '
            f"{escape_text(day.venue_text)}</p>\n"
            f"  <p>{_registration_text(day)}</p>\n"
        )
    return mark_safe(
        '<section class="dt-card" aria-labelledby="coming-action-day-heading">\n'
        '  <h2 id="coming-action-day-heading" class="dt-card-title">'
        f"{icon_html(ACTION_DAY_ICON)}{escape_text(gettext('The coming action day'))}</h2>\n"
        f"{about}"
        "</section>\n"
    )
