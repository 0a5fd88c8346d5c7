"""The printable travel claim (matkalasku) as PDF, with everything a Finnish travel invoice carries.

Who travelled and for whom, who pays and from which funding source, the trip (purpose, destination and venue,
departure and return, route), each cost with its basis (km × rate, passengers by name, the car), the per diem of
each travel day with its free meals, the receipts, the claimant's declaration with its time, the approval and the
payment, the bank account grouped in fours and the Tax Administration's decision whose rates were used.
"""

from decimal import Decimal
from io import BytesIO
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from digitutor.templatetags.formatting import euros
from meetings.claims import rules
from meetings.claims.models import AllowanceKind, ClaimStatus, FundingSource, LineKind, TripStart
from meetings.claims.services import claim_allowance

PAGE_WIDTH = A4[0] - 36 * mm  # the text width between the margins: 174 mm
GRID = colors.HexColor("#9a9a9a")
SHADE = colors.HexColor("#ececec")


# A Finnish voucher in every language: 15.3.2022 and 7.00 (Finland's Swedish writes them the same way).
DATE = "j.n.Y"
TIME = "G.i"


def _date(value):
    return date_format(value, DATE)


def _when(moment):
    local = timezone.localtime(moment)
    return _("%(date)s at %(time)s") % {"date": date_format(local, DATE), "time": date_format(local, TIME)}


def _number(value, places):
    return number_format(Decimal(value), decimal_pos=places, use_l10n=True, force_grouping=True)


def _km(value):
    """Kilometres as a person writes them: "280" or "12,5"."""
    value = Decimal(value)
    return _number(value, 0 if value == value.to_integral_value() else 1)


def _per_km(rate):
    return f"{_number(rate, 2)}\u00a0€/km"


def _hours(value):
    return _("%(hours)s h") % {"hours": _number(value, 1)}


def grouped_iban(iban):
    """FI2112345600000785 → "FI21 1234 5600 0007 85", as banks print it; a masked one keeps its own form."""
    compact = (iban or "").replace(" ", "")
    if not compact or "*" in compact or "•" in compact:
        return iban or ""
    return " ".join(compact[index : index + 4] for index in range(0, len(compact), 4))


def payer_name():
    """The organisation that pays the claims (PAYER_NAME); Turku City Library pays for the AKE unless set."""
    return settings.DIGITUTOR_PAYER_NAME or _("Turku City Library (AKE)")


def venue_text(event):
    """The venue of the meeting or the action day with its town, on one line."""
    if event is None:
        return ""
    parts = [event.venue_name, event.venue_address, event.get_venue_municipality_display()]
    return ", ".join(part for part in parts if part)


def car_basis(line, rates):
    """The car line's basis as the printout shows it: km × rate, the supplement, the passengers and the car."""
    if rates is None:
        return [_("%(km)s km") % {"km": _km(line.km or 0)}]
    car = rules.car_line(km=line.km or 0, passengers=line.passengers, rates=rates.as_rules())
    basis = [
        _("%(km)s km × %(rate)s = %(amount)s")
        % {"km": _km(car.km), "rate": _per_km(rates.car_per_km), "amount": euros(rules.cents(car.base))}
    ]
    if line.passengers:
        basis.append(
            ngettext(
                "Passenger supplement: %(count)d passenger × %(km)s km × %(rate)s = %(amount)s",
                "Passenger supplement: %(count)d passengers × %(km)s km × %(rate)s = %(amount)s",
                line.passengers,
            )
            % {
                "count": line.passengers,
                "km": _km(car.km),
                "rate": _per_km(rates.passenger_per_km),
                "amount": euros(rules.cents(car.supplement)),
            }
        )
    names = line.passenger_name_list
    if names:
        basis.append(_("Passengers: %(names)s") % {"names": ", ".join(names)})
    if line.vehicle or line.registration_number:
        car_name = " ".join(part for part in (line.vehicle, line.registration_number) if part)
        basis.append(_("Vehicle: %(vehicle)s") % {"vehicle": car_name})
    if line.explanation:
        basis.append(line.explanation)
    return basis


class _Styles:
    def __init__(self):
        sheet = getSampleStyleSheet()
        self.text = ParagraphStyle("claim-text", parent=sheet["BodyText"], fontSize=9, leading=11.5, spaceBefore=0)
        self.small = ParagraphStyle("claim-small", parent=self.text, fontSize=8, leading=10, textColor="#333333")
        self.label = ParagraphStyle("claim-label", parent=self.small, fontName="Helvetica-Bold")
        self.right = ParagraphStyle("claim-right", parent=self.text, alignment=TA_RIGHT)
        self.bold_right = ParagraphStyle("claim-bold-right", parent=self.right, fontName="Helvetica-Bold")
        self.bold = ParagraphStyle("claim-bold", parent=self.text, fontName="Helvetica-Bold")
        self.title = ParagraphStyle(
            "claim-title", parent=sheet["Title"], fontSize=17, leading=21, alignment=0, spaceAfter=1 * mm
        )
        self.heading = ParagraphStyle(
            "claim-heading",
            parent=sheet["Heading3"],
            fontName="Helvetica-Bold",
            fontSize=10.5,
            leading=13,
            spaceBefore=4 * mm,
            spaceAfter=1.5 * mm,
        )


def claim_pdf(claim, *, iban):
    """Render one claim; the caller passes the IBAN, which only the claimant and the treasurer see in full."""
    buffer = BytesIO()
    number = claim.number
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=_("Travel claim %(number)s") % {"number": number},
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
    )
    styles = _Styles()
    printed = _date(timezone.localdate())

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        text = _("Travel claim %(number)s · printed %(date)s · page %(page)d") % {
            "number": number,
            "date": printed,
            "page": doc.page,
        }
        canvas.drawString(18 * mm, 10 * mm, text)
        canvas.restoreState()

    story = _header(claim, styles)
    story += _people(claim, styles, iban)
    story += _trip(claim, styles)
    story += _costs(claim, styles)
    story += _receipts(claim, styles)
    story += _decisions(claim, styles)
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _p(value, style):
    return Paragraph(escape(str(value)).replace("\n", "<br/>"), style)


def _header(claim, styles):
    title = _p(_("Travel claim %(number)s") % {"number": claim.number}, styles.title)
    status = _p(claim.get_status_display(), styles.bold_right)
    group = _p(_("Digital Tutors working group of the public libraries of Varsinais-Suomi and Satakunta"), styles.small)
    table = Table([[title, status], [group, ""]], colWidths=[PAGE_WIDTH - 40 * mm, 40 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (0, 1), (-1, 1), 1, colors.black),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 3 * mm),
            ]
        )
    )
    return [table]


def _pairs(rows, styles):
    """Label–value pairs two to a row: [(label, value), …] → a four-column table."""
    cells = [[_p(label, styles.label), _p(value or "–", styles.text)] for label, value in rows]
    if len(cells) % 2:
        cells.append(["", ""])
    body = [cells[index] + cells[index + 1] for index in range(0, len(cells), 2)]
    label, value = 31 * mm, PAGE_WIDTH / 2 - 31 * mm
    table = Table(body, colWidths=[label, value, label, value])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 1.2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
            ]
        )
    )
    return table


def _people(claim, styles, iban):
    member = claim.member
    library = member.library
    rows = [
        (_("Claimant"), member.full_name),
        (_("Payer"), payer_name()),
        (_("Employer library"), library.name if library else ""),
        (_("Funding source"), FundingSource(claim.funding_source).label),
        (_("Bank account (IBAN)"), grouped_iban(iban)),
        (_("BIC"), claim.payee_bic),
    ]
    if claim.payee_name and claim.payee_name != member.full_name:
        rows.append((_("Payee"), claim.payee_name))
    return [Paragraph(escape(_("Claimant and payer")), styles.heading), _pairs(rows, styles)]


def _trip(claim, styles):
    event = claim.event
    start = claim.get_trip_starts_from_display()
    other = _("workplace") if claim.trip_starts_from == TripStart.HOME else _("home")
    rows = [
        (_("Purpose"), str(event) if event else ""),
        (_("Destination and venue"), venue_text(event)),
        (_("Departure"), _when(claim.departure_at)),
        (_("Return"), _when(claim.return_at)),
        (_("Trip starts from"), f"{start}: {claim.start_place}"),
        (_("Route"), claim.route),
        (
            _("Distances"),
            _("%(start)s km from the start, %(other)s km from the %(other_place)s")
            % {
                "start": _km(claim.distance_from_start_km),
                "other": _km(claim.distance_from_other_km),
                "other_place": other,
            },
        ),
        (_("Duration"), _hours(rules.trip_hours(claim.departure_at, claim.return_at))),
    ]
    return [Paragraph(escape(_("The trip")), styles.heading), _pairs(rows, styles)]


def _grid(rows, widths, *, header=True, total=False, total_span=0):
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    if total:
        style.append(("BACKGROUND", (0, -1), (-1, -1), SHADE))
    if total_span:
        style.append(("SPAN", (0, -1), (total_span, -1)))
    table.setStyle(TableStyle(style))
    return table


def _costs(claim, styles):
    story = [Paragraph(escape(_("Costs")), styles.heading)]
    rows = [[_p(_("Cost"), styles.label), _p(_("Basis"), styles.label), _p(_("Amount"), styles.label)]]
    for line in claim.lines.all():
        basis = car_basis(line, claim.rates) if line.kind == LineKind.CAR else [line.explanation]
        rows.append(
            [
                _p(line.get_kind_display(), styles.text),
                _p("\n".join(basis), styles.text),
                _p(euros(line.amount), styles.right),
            ]
        )
    if len(rows) == 1:
        rows.append([_p(_("No costs."), styles.text), "", ""])
    story.append(_grid(rows, [38 * mm, PAGE_WIDTH - 38 * mm - 27 * mm, 27 * mm]))
    story += _allowance(claim, styles)
    total = Table(
        [[_p(_("Total to be paid"), styles.bold), _p(euros(claim.total), styles.bold_right)]],
        colWidths=[PAGE_WIDTH - 27 * mm, 27 * mm],
    )
    total.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, 0), (-1, 0), 1, colors.black),
                ("LINEBELOW", (0, 0), (-1, 0), 1, colors.black),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    story += [Spacer(1, 3 * mm), total]
    return story


def _allowance(claim, styles):
    """The per diem of each travel day with its free meals, or the meal allowance, or why there is none."""
    story = [Paragraph(escape(_("Per diem and meal allowance")), styles.heading)]
    if claim.rates is None:
        return [*story, _p(_("No rates for the year of the trip yet."), styles.text)]
    result = claim_allowance(claim)
    rows = [
        [
            _p(_("Travel day"), styles.label),
            _p(_("Time"), styles.label),
            _p(_("Duration"), styles.label),
            _p(_("Free meals"), styles.label),
            _p(_("Allowance"), styles.label),
            _p(_("Amount"), styles.label),
        ]
    ]
    kinds = dict(AllowanceKind.choices)
    for day in result.days:
        kind = str(kinds[day.kind])
        if day.halved:
            kind = _("%(kind)s, halved for free meals") % {"kind": kind}
        rows.append(
            [
                _p(str(day.number), styles.text),
                _p(f"{_when(day.starts_at)} –\n{_when(day.ends_at)}", styles.text),
                _p(_hours(day.hours), styles.text),
                _p(str(day.free_meals), styles.text),
                _p(kind, styles.text),
                _p(euros(day.per_diem), styles.right),
            ]
        )
    if result.kind == AllowanceKind.MEAL:
        rows.append(
            [
                "",
                _p(
                    _("%(count)d × meal allowance %(rate)s")
                    % {"count": result.meal_allowances, "rate": euros(claim.rates.meal_allowance)},
                    styles.text,
                ),
                "",
                "",
                _p(kinds[AllowanceKind.MEAL], styles.text),
                _p(euros(result.meal_allowance), styles.right),
            ]
        )
    rows.append(
        [
            _p(_("Total"), styles.bold),
            "",
            "",
            "",
            _p(claim.get_allowance_kind_display(), styles.text),
            _p(euros(claim.allowance_amount), styles.bold_right),
        ]
    )
    widths = [25 * mm, 46 * mm, 18 * mm, 17 * mm, PAGE_WIDTH - 133 * mm, 27 * mm]
    story.append(_grid(rows, widths, total=True, total_span=3))
    if not result.far_enough:
        story.append(
            _p(
                _(
                    "No per diem: the destination is not over 15 km from the start and over 5 km from both home "
                    "and workplace."
                ),
                styles.small,
            )
        )
    return story


def _receipts(claim, styles):
    receipts = [line for line in claim.lines.all() if getattr(line, "receipt", None)]
    story = [Paragraph(escape(_("Receipts")), styles.heading)]
    if not receipts:
        return [*story, _p(_("No receipts."), styles.text)]
    rows = [
        [
            _p(f"{index}.", styles.text),
            _p(line.receipt.original_name, styles.text),
            _p(line.get_kind_display(), styles.text),
            _p(euros(line.amount), styles.right),
        ]
        for index, line in enumerate(receipts, start=1)
    ]
    table = Table(rows, colWidths=[8 * mm, 85 * mm, PAGE_WIDTH - 120 * mm, 27 * mm])
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1)]))
    return [*story, table]


def _decisions(claim, styles):
    """The rates used, the claimant's declaration, the approval and the payment."""
    story = []
    if claim.rates:
        rates = claim.rates
        story += [
            Paragraph(escape(_("Rates used")), styles.heading),
            _p(
                _(
                    "%(source)s: own car %(car)s, passenger supplement %(passenger)s, partial per diem %(partial)s, "
                    "full per diem %(full)s, meal allowance %(meal)s."
                )
                % {
                    "source": rates.source,
                    "car": _per_km(rates.car_per_km),
                    "passenger": _per_km(rates.passenger_per_km),
                    "partial": euros(rates.partial_per_diem),
                    "full": euros(rates.full_per_diem),
                    "meal": euros(rates.meal_allowance),
                },
                styles.small,
            ),
        ]
    declaration = [Paragraph(escape(_("Declaration and handling")), styles.heading)]
    declaration.append(_p(_("I declare that the information I have given is correct."), styles.text))
    rows = []
    if claim.submitted_at:
        rows.append((_("Submitted"), _when(claim.submitted_at)))
        rows.append((_("Declared correct"), _when(claim.declared_at) if claim.declared_at else ""))
    else:
        rows.append((_("Submitted"), _("Not submitted yet")))
        rows.append((_("Declared correct"), ""))
    if claim.approved_at:
        rows.append((_("Approved"), _when(claim.approved_at)))
        rows.append((_("Approved by"), str(claim.approved_by or "")))
    if claim.status == ClaimStatus.PAID and claim.paid_on:
        rows.append((_("Paid on"), _date(claim.paid_on)))
        rows.append((_("Paid by"), str(claim.paid_by or "")))
    declaration += [Spacer(1, 1.5 * mm), _pairs(rows, styles)]
    story.append(KeepTogether(declaration))
    return story
