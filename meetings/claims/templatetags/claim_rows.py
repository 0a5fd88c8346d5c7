"""The rows of the claim lists written in Python: a template loop with a status badge, a link and euros per claim
was most of a claim list's drawing time (bench/profile_pages.py)."""

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from digitutor.addresses import address
from digitutor.templatetags.formatting import escape_text, euros
from meetings.claims.models import ClaimStatus
from meetings.claims.templatetags.claim_status import status_badge, status_meter

register = template.Library()


def _status_labels():
    """Each status's label in the active language, translated once per list rather than once per row."""
    return {value: str(label) for value, label in ClaimStatus.choices}


@register.simple_tag
def my_claim_rows(claims):
    """<tr> per claim of "My claims": number (a link), trip, status badge, total.

    Written with escape_text() and f-strings, the markup format_html_join gave (as the queue's rows below).
    """
    labels = _status_labels()
    rows = []
    for claim in claims:
        link = escape_text(claim.get_absolute_url())
        badge = f"{status_badge(claim.status, labels[claim.status])}{status_meter(claim.status)}"
        rows.append(
            f'<tr><th scope="row"><a href="{link}"><span class="claim-number">{escape_text(claim.number)}</span></a>'
            f'</th><td>{escape_text(claim.event)}</td><td><span class="claim-state">{badge}</span></td>'
            f'<td class="text-end">{escape_text(euros(claim.total))}</td></tr>'
        )
    return mark_safe("\n".join(rows))


@register.simple_tag
def queue_items(claims, with_event=True):
    """<li> per claim of the decision queue: number (a link to decide it), claimant, [trip,] total.

    Written with escape_text() and f-strings, the markup format_html_join gave: its checks of every argument for lazy
    text cost more than the rows' own work across a page of 50 claims.
    """
    items = []
    for claim in claims:
        cells = [escape_text(claim.member.full_name)]
        if with_event:
            cells.append(escape_text(claim.event))
        cells.append(escape_text(euros(claim.total)))
        link = escape_text(address("claim_queue_detail", claim.pk))
        number = f'<span class="claim-number">{escape_text(claim.number)}</span>'
        items.append(f'<li class="list-group-item"><a href="{link}">{number}</a> · {" · ".join(cells)}</li>')
    return mark_safe("".join(items))


@register.simple_tag(takes_context=True)
def payment_batch_rows(context, batches, paid_on):
    """<tr> per payment batch: number (a link to its page), made, claims, total, the downloads, and its payment date or
    the form to mark it paid."""
    csrf_input = CsrfTokenNode().render(context)
    paid_on_label, mark_paid, bank_file = gettext("Paid on"), gettext("Mark paid"), gettext("Bank file")
    default_paid_on = date_format(paid_on, "Y-m-d")
    rows = []
    for batch in batches:
        if batch.paid_on:
            paid = date_format(batch.paid_on, "DATE_FORMAT")
        else:
            paid = format_html(
                '<form method="post" action="{action}" class="d-flex flex-wrap gap-2 align-items-end" novalidate>'
                '{csrf}<div><label class="form-label small" for="paid-on-{pk}">{label}</label><input '
                'class="form-control form-control-sm" type="date" name="paid_on" id="paid-on-{pk}" value="{value}" '
                'required></div><button type="submit" class="btn btn-sm btn-primary">{button}<span '
                'class="visually-hidden"> {pk}</span></button></form>',
                action=address("claim_payment_batch_paid", batch.pk),
                csrf=csrf_input,
                pk=batch.pk,
                label=paid_on_label,
                value=default_paid_on,
                button=mark_paid,
            )
        rows.append(
            format_html(
                '<tr><th scope="row"><a href="{detail}">{pk}</a></th><td>{made}, {by}</td><td>{count}</td>'
                '<td class="text-end">{total}</td><td><a href="{xml}">{bank_file}<span class="visually-hidden"> {pk}'
                '</span></a> · <a href="{csv}">CSV<span class="visually-hidden"> {pk}</span></a> · <a href="{xlsx}">'
                'Excel<span class="visually-hidden"> {pk}</span></a></td><td>{paid}</td></tr>',
                pk=batch.pk,
                detail=address("claim_payment_batch_detail", batch.pk),
                made=date_format(template_localtime(batch.created_at), "DATE_FORMAT"),
                by=batch.created_by,
                count=batch.claim_count,
                total=euros(batch.claims_total or 0),
                xml=address("claim_payment_batch", batch.pk, "xml"),
                bank_file=bank_file,
                csv=address("claim_payment_batch", batch.pk, "csv"),
                xlsx=address("claim_payment_batch", batch.pk, "xlsx"),
                paid=paid,
            )
        )
    return mark_safe("\n".join(rows))
