"""The rows of the claim lists written in Python: a template loop with a status badge, a link and euros per claim
was most of a claim list's drawing time (bench/profile_pages.py)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html_join

from digitutor.templatetags.formatting import euros
from meetings.claims.models import ClaimStatus

register = template.Library()


def _status_labels():
    """Each status's label in the active language, translated once per list rather than once per row."""
    return {value: str(label) for value, label in ClaimStatus.choices}


@register.simple_tag
def my_claim_rows(claims):
    """<tr> per claim of "My claims": number (a link), trip, status badge, total."""
    labels = _status_labels()
    return format_html_join(
        "\n",
        '<tr><th scope="row"><a href="{}">{}</a></th><td>{}</td>'
        '<td><span class="badge claim-status claim-status-{}">{}</span></td><td class="text-end">{}</td></tr>',
        (
            (
                claim.get_absolute_url(),
                claim.number,
                claim.event,
                claim.status,
                labels[claim.status],
                euros(claim.total),
            )
            for claim in claims
        ),
    )


@register.simple_tag
def queue_items(claims, with_event=True):
    """<li> per claim of the decision queue: number (a link to decide it), claimant, [trip,] total."""
    if with_event:
        pattern = '<li class="list-group-item"><a href="{}">{}</a> · {} · {} · {}</li>'
    else:
        pattern = '<li class="list-group-item"><a href="{}">{}</a> · {} · {}</li>'
    return format_html_join(
        "",
        pattern,
        (
            (
                reverse("claim_queue_detail", kwargs={"pk": claim.pk}),
                claim.number,
                claim.member.full_name,
                *((claim.event,) if with_event else ()),
                euros(claim.total),
            )
            for claim in claims
        ),
    )
