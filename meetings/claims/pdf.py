"""The printable travel claim (matkalasku) as PDF, with everything a Finnish travel invoice carries."""

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from digitutor.templatetags.formatting import euros
from meetings.claims.models import ClaimStatus, LineKind


def _when(moment):
    local = timezone.localtime(moment)
    return f"{date_format(local, 'DATE_FORMAT')} {date_format(local, 'TIME_FORMAT')}"


def _line_basis(line):
    if line.kind == LineKind.CAR:
        km = number_format(line.km, decimal_pos=1)
        return _("%(km)s km, %(passengers)d passenger(s)") % {"km": km, "passengers": line.passengers}
    return line.explanation or ""


def claim_pdf(claim, *, iban):
    """Render one claim; the caller passes the IBAN, which only the claimant and the treasurer may see."""
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, title=_("Travel claim %(number)s") % {"number": claim.number}, leftMargin=18 * mm
    )
    styles = getSampleStyleSheet()
    text = styles["BodyText"]

    def p(value):
        return Paragraph(escape(str(value)), text)

    member = claim.member
    event = claim.event
    story = [
        Paragraph(escape(_("Travel claim %(number)s") % {"number": claim.number}), styles["Title"]),
        Paragraph(escape(_("Digital Tutors working group")), styles["Heading3"]),
    ]
    facts = [
        [p(_("Claimant")), p(member.full_name)],
        [p(_("Employer library")), p(member.library.name if member.library else "–")],
        [p(_("Purpose")), p(str(event))],
        [p(_("Departure")), p(_when(claim.departure_at))],
        [p(_("Return")), p(_when(claim.return_at))],
        [p(_("Start address")), p(claim.start_place)],
        [p(_("Route")), p(claim.route)],
        [p(_("Bank account (IBAN)")), p(iban or "–")],
        [p(_("Status")), p(claim.get_status_display())],
    ]
    story.append(_table(facts, widths=[45 * mm, 125 * mm]))
    story.append(Spacer(1, 6 * mm))
    rows = [[p(_("Cost")), p(_("Basis")), p(_("Receipt")), p(_("Amount"))]]
    for line in claim.lines.all():
        receipt = getattr(line, "receipt", None)
        rows.append(
            [
                p(line.get_kind_display()),
                p(_line_basis(line)),
                p(receipt.original_name if receipt else "–"),
                p(euros(line.amount)),
            ]
        )
    rows.append(
        [p(claim.get_allowance_kind_display()), p(_allowance_basis(claim)), p("–"), p(euros(claim.allowance_amount))]
    )
    rows.append([p(_("Total")), p(""), p(""), p(euros(claim.total))])
    story.append(_table(rows, widths=[40 * mm, 70 * mm, 35 * mm, 25 * mm], header=True))
    story.append(Spacer(1, 6 * mm))
    if claim.rates:
        story.append(p(_("Rates of %(year)d: %(source)s") % {"year": claim.rates.year, "source": claim.rates.source}))
    approvals = []
    if claim.approved_at:
        approvals.append([p(_("Approved")), p(f"{_when(claim.approved_at)}, {claim.approved_by}")])
    if claim.status == ClaimStatus.PAID:
        approvals.append([p(_("Paid")), p(f"{date_format(claim.paid_on, 'DATE_FORMAT')}, {claim.paid_by}")])
    if approvals:
        story.append(Spacer(1, 4 * mm))
        story.append(_table(approvals, widths=[45 * mm, 125 * mm]))
    document.build(story)
    return buffer.getvalue()


def _allowance_basis(claim):
    hours = (claim.return_at - claim.departure_at).total_seconds() / 3600
    return _("%(hours)s h, %(km)s km from the start, %(meals)d free meal(s)") % {
        "hours": number_format(hours, decimal_pos=1),
        "km": number_format(claim.distance_from_start_km, decimal_pos=1),
        "meals": claim.free_meals,
    }


def _table(rows, *, widths, header=False):
    table = Table(rows, colWidths=widths)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey))
    table.setStyle(TableStyle(style))
    return table
