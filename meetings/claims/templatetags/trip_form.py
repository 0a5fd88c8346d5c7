"""The trip form of a claim (the new claim form and a draft's page) written in one pass in Python: {% trip_form %}
for includes_trip_form.html, {% trip_days %} for includes_trip_days.html.

As template markup the form cost three includes and a loop of filters around its ten fields, a fifth of the new claim
form's drawing (bench/profile_pages.py). The error summary and the per diem's preview stay templates: a blank form
has no errors and no preview to speak of. tests/claims/test_trip_form_page_markup.py compares the markup with the old
templates (tests/claims/trip_form_before/).
"""

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from digitutor.templatetags.form_fields import bootstrap_field
from digitutor.templatetags.formatting import escape_text

register = template.Library()


@register.simple_tag(takes_context=True)
def trip_form(context, form, action):
    """The <form> of the trip: its error summary, fields, free meals, per diem preview and the two buttons."""
    action, preview_url = escape_text(action), escape_text(reverse("claim_allowance_preview"))
    parts = [
        f'<form method="post" action="{action}" novalidate id="trip-form" data-preview-url="{preview_url}">',
        CsrfTokenNode().render(context),  # {% csrf_token %}
    ]
    if form.errors:
        parts.append(_included(context, "bootstrap5/errors.html", form=form))
    parts += [bootstrap_field(field) for field in form.trip_fields()]
    parts.append(trip_days(form))
    parts.append(_included(context, "claims/includes_trip_preview.html"))
    parts.append(
        '<div class="d-flex flex-wrap gap-2">'
        f'<button type="submit" name="save" class="btn btn-primary" id="trip-button">{escape_text(_("Save the draft"))}'
        "</button>"
        '<button type="submit" name="calculate" value="1" class="btn btn-outline-primary" id="calculate-button">'
        f"{escape_text(_('Calculate the per diem'))}</button>"
        "</div></form>"
    )
    return mark_safe("".join(parts))


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
    return mark_safe("".join(parts))


def _included(context, name, **values):
    """{% include name with values %}: the template drawn with the page's context."""
    with context.push(**values):
        return context.template.engine.get_template(name).render(context)
