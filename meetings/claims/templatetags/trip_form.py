"""The trip form of a claim (the new claim form and a draft's page) written in one pass in Python: {% trip_form %}
for includes_trip_form.html, {% trip_days %} for includes_trip_days.html, and the new claim form's page around it,
{% new_claim_page %} (tests/claims/test_claim_form_page_markup.py compares it with the old claim_create.html).

As template markup the form cost three includes and a loop of filters around its ten fields, a fifth of the new claim
form's drawing (bench/profile_pages.py). The error summary and the per diem's preview stay templates; a blank form
has no errors, and its preview only says what to fill in, written here with the page's other words, which are
translated once per language and process (each {% translate %} tag cost some seventy calls a drawing).
tests/claims/test_trip_form_page_markup.py compares the markup with the old templates (tests/claims/trip_form_before/).
"""

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from digitutor.addresses import address
from digitutor.templatetags.form_fields import bootstrap_field
from digitutor.templatetags.formatting import escape_text
from digitutor.templatetags.shell import csrf_input
from digitutor.words import per_language

register = template.Library()
# The tags' markup is a plain str written here: SafeString() is what mark_safe() gives, without its lazy-argument check.


@per_language
def _words():
    """What the new claim form's page and the trip form always say, in the active language, escaped."""
    return {
        "save": escape_text(_("Save the draft")),
        "calculate": escape_text(_("Calculate the per diem")),
        "title": escape_text(_("New travel claim")),
        "first the trip": escape_text(
            _("First the trip; then you add its costs and receipts. The draft is kept until you submit it.")
        ),
        "required": escape_text(_("Fields marked with an asterisk (*) are required.")),
        "nothing to claim": escape_text(
            _(
                "You can claim travel for a meeting or action day you attended, or said you would attend, in person. "
                "Answer “in person” on the meeting page first."
            )
        ),
        "meetings": escape_text(_("Meetings")),
        "per diem": escape_text(_("Per diem of the trip")),
        "give the dates": escape_text(
            _("Give the departure, the return and the distances, then press “Calculate the per diem”.")
        ),
    }


@register.simple_tag
def new_claim_title():
    """The new claim form's title."""
    return SafeString(_words()["title"])


@register.simple_tag(takes_context=True)
def new_claim_page(context, form, has_events):
    """The new claim form's page below the shell: its heading, then the trip form, or what to do first when the
    member has attended nothing in person."""
    words = _words()
    if has_events:
        body = (
            f'\n<p>{words["first the trip"]}</p>\n<p class="text-body-secondary">{words["required"]}</p>\n'
            f"{trip_form(context, form, address('claim_create'))}\n\n"
        )
    else:
        body = (
            f"\n<p>{words['nothing to claim']}</p>\n"
            f'<p><a href="{escape_text(address("meeting_list"))}">{words["meetings"]}</a></p>\n'
        )
    return SafeString(f'\n<div class="row"><div class="col-lg-8">\n<h1>{words["title"]}</h1>\n{body}\n</div></div>\n')


@register.simple_tag(takes_context=True)
def trip_form(context, form, action):
    """The <form> of the trip: its error summary, fields, free meals, per diem preview and the two buttons."""
    action, preview_url = escape_text(action), escape_text(address("claim_allowance_preview"))
    parts = [
        f'<form method="post" action="{action}" novalidate id="trip-form" data-preview-url="{preview_url}">',
        csrf_input(context),  # {% csrf_token %}
    ]
    if form.errors:
        parts.append(_included(context, "bootstrap5/errors.html", form=form))
    parts += [bootstrap_field(field) for field in form.trip_fields()]
    parts.append(trip_days(form))
    if context.get("preview") or context.get("preview_error"):
        parts.append(_included(context, "claims/includes_trip_preview.html"))
    else:
        parts.append(blank_preview())
    words = _words()
    parts.append(
        '<div class="d-flex flex-wrap gap-2">'
        f'<button type="submit" name="save" class="btn btn-primary" id="trip-button">{words["save"]}</button>'
        '<button type="submit" name="calculate" value="1" class="btn btn-outline-primary" id="calculate-button">'
        f"{words['calculate']}</button>"
        "</div></form>"
    )
    return SafeString("".join(parts))


@register.simple_tag
def trip_days(form):
    """The free meals: one field for a day trip, one per travel day when the dates give more; the free lodging when
    the trip has a night. The data-key tells claim_preview.js when the section must be drawn again."""
    parts = [f'<div id="trip-days" data-key="{len(form.travel_days)}-{form.spans_night}">']
    if form.is_multi_day:
        legend = escape_text(_("Free meals per travel day"))
        hint = escape_text(
            _(
                "A travel day is 24 hours from the departure. Two free meals halve the full per diem of that day; "
                "one halves a partial per diem."
            )
        )
        parts.append(f'<fieldset class="mb-3"><legend class="h6">{legend}</legend><p class="form-text mt-0">{hint}</p>')
        parts += [bootstrap_field(field) for field in form.day_fields()]
        parts.append("</fieldset>")
    else:
        parts.append(bootstrap_field(form["free_meals"]))
    if form.spans_night:
        parts.append(bootstrap_field(form["free_lodging"]))
    parts.append("</div>")
    return SafeString("".join(parts))


def blank_preview():
    """includes_trip_preview.html with nothing to preview: the heading, and what to fill in to see the per diem."""
    words = _words()
    return (
        f'\n<h3 class="h6 mt-3" id="allowance-heading">{words["per diem"]}</h3>\n'
        '<div id="allowance-preview" class="mb-3" aria-live="polite">\n\n'
        f'  <p class="text-body-secondary mb-0">{words["give the dates"]}</p>\n\n</div>\n'
    )


def _included(context, name, **values):
    """{% include name with values %}: the template drawn with the page's context."""
    with context.push(**values):
        return context.template.engine.get_template(name).render(context)
