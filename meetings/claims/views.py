"""Pages for travel claims: my claims and the claim form for members; the decision queue for chair and treasurer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from digitutor.audit.models import Verb
from digitutor.audit.services import audit_record
from digitutor.decorators import member_pages
from digitutor.errors import DomainError
from meetings.claims import selectors, services
from meetings.claims.bookkeeping import bookkeeping_csv, bookkeeping_xlsx
from meetings.claims.export import csv_lines, payer_configured, sepa_credit_transfer, xlsx_bytes
from meetings.claims.forms import (
    LineForm,
    PayeeChangeDecisionForm,
    PayForm,
    ReceiptForm,
    ReturnForm,
    SubmitForm,
    TripForm,
)
from meetings.claims.models import AllowanceKind, ClaimLine, ClaimStatus, FundingSource, PaymentBatch
from meetings.claims.pdf import claim_pdf
from meetings.models import Answer
from members.models import TravelDetails, mask_iban
from members.selectors import member_for_user_or_404

PAGE_SIZE = 25

deciders = permission_required("digitutor.approve_claims", raise_exception=True)
payers = permission_required("digitutor.pay_claims", raise_exception=True)


def _run(request, service, success_message, **kwargs):
    """Call a service; a refusal becomes a message. Returns whether it went through."""
    try:
        service(acting_user=request.user, **kwargs)
    except DomainError as error:
        messages.error(request, error.message)
        return False
    messages.success(request, success_message)
    return True


def allowance_preview_context(form):
    """What the trip form's dates, distances and meals give, for its "Calculate" button and live preview.

    Computed by the same service as a saved claim (rules.py is the one source); nothing is saved. Call after
    form.is_valid(). Returns {"preview": …} or {"preview_error": …}, or {} when the form cannot be computed yet.
    """
    trip = form.trip_for_allowance()
    if trip is None:
        return {}
    try:
        result, rates = services.allowance_preview(trip=trip)
    except DomainError as error:
        return {"preview_error": error.message}
    kinds = dict(AllowanceKind.choices)
    days = [
        {
            "number": day.number,
            "starts_at": day.starts_at,
            "ends_at": day.ends_at,
            "hours": day.hours,
            "kind": kinds[day.kind],
            "free_meals": day.free_meals,
            "halved": day.halved,
            "per_diem": day.per_diem,
            "night": day.night_travel_allowance,
            "amount": day.per_diem + day.night_travel_allowance,
        }
        for day in result.days
    ]
    return {
        "preview": {
            "result": result,
            "kind": kinds[result.kind],
            "days": days,
            "multi_day": len(days) > 1,
            "has_night": result.night_travel_allowance > 0,
            "rates": rates,
        }
    }


def _trip_context(form, calculate=False):
    """The trip form's page parts: the per-day section and the preview; "Calculate" shows only what it needs."""
    if form.is_bound:
        form.is_valid()
        if calculate:
            form.keep_allowance_errors_only()
    elif form.instance.pk:
        form.cleaned_data = {name: getattr(form.instance, name) for name in form.fields if hasattr(form.instance, name)}
        form.cleaned_data["free_meals_per_day"] = form.instance.free_meals_per_day
        form._errors = {}
    return allowance_preview_context(form) if (form.is_bound or form.instance.pk) else {}


@login_required
@member_pages
@require_safe
def claim_allowance_preview(request):
    """The live preview of the trip form (a GET of its fields): the free-meals section and the allowance, as HTML."""
    member_for_user_or_404(request.user)
    form = TripForm(request.GET)
    context = {"form": form, **_trip_context(form, calculate=True)}
    if not context.get("preview") and not context.get("preview_error"):
        errors = [error for name in form.errors for error in form.errors[name]]
        context["preview_error"] = errors[0] if errors else ""
    response = render(request, "claims/trip_preview_fragment.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@member_pages
@require_safe
def claim_list(request):
    """My claims, a page at a time (a 404 for a person outside the group)."""
    number = request.GET.get("page")
    claims = selectors.my_claims(user=request.user, page=number, per_page=PAGE_SIZE)
    page = Paginator(claims, PAGE_SIZE).get_page(number)
    return render(request, "claims/claim_list.html", {"page": page, "claims": page.object_list})


@login_required
@member_pages
def claim_create(request):
    """Start a claim: the event, the trip (start place from the profile); then lines are added on its page."""
    member = selectors.member_for_claim_form_or_404(request.user)
    events = selectors.claimable_events(member)
    initial = {"start_place": member.home_address, "route": ""}
    form = TripForm(request.POST or None, events=events, initial=initial)
    if request.method == "POST" and "calculate" in request.POST:
        context = {"form": form, "has_events": any(events), **_trip_context(form, calculate=True)}
        return render(request, "claims/claim_create.html", context)
    if request.method == "POST" and form.is_valid():
        meeting, action_day = form.chosen_event()
        try:
            claim = services.claim_create(
                member=member, acting_user=request.user, meeting=meeting, action_day=action_day, data=form.cleaned_data
            )
        except services.ClaimAlreadyExists as error:
            existing = error.claim
            link = format_html(
                '<a href="{}">{}</a>',
                existing.get_absolute_url(),
                _("Open claim %(number)s") % {"number": existing.number},
            )
            form.add_error(None, format_html("{} {}", error.message, link))
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The draft was saved. Add the costs of the trip below."))
            return redirect(claim)
    context = {"form": form, "has_events": any(events), **(_trip_context(form) if form.is_bound else {})}
    return render(request, "claims/claim_create.html", context)


@login_required
@member_pages
def claim_detail(request, pk):
    """The claim as the portal computes it; while a draft (or returned), its trip and lines can be edited."""
    claim = selectors.claim_get_for_owner(user=request.user, pk=pk)
    if request.method == "POST" and not claim.is_editable:
        messages.error(request, _("A submitted, approved or paid claim can no longer be changed."))
        return redirect(claim)
    trip_form = None
    calculate = request.method == "POST" and "calculate" in request.POST
    if calculate:
        trip_form = TripForm(request.POST, instance=claim)
    elif request.method == "POST":
        trip_form = TripForm(request.POST, instance=claim)
        saved = trip_form.is_valid() and _run(
            request, services.claim_update, _("The trip was saved."), claim=claim, data=trip_form.cleaned_data
        )
        if saved:
            return redirect(claim)
        # The unsaved values stay in the form, with their errors, so nothing typed is lost.
        claim.refresh_from_db()
    context = {"claim": claim, "payee_change_possible": services.payee_change_possible(claim)}
    if context["payee_change_possible"] or claim.payee_change_open:
        details = TravelDetails.objects.filter(member=claim.member).first()
        context["current_iban"] = mask_iban(details.iban if details else "")
        context["payee_iban"] = mask_iban(claim.payee_iban)
    if claim.is_editable:  # the forms are for a draft or a returned claim only
        trip_form = trip_form or TripForm(instance=claim)
        context.update(trip_form=trip_form, line_form=LineForm(), submit_form=SubmitForm())
        context.update(_trip_context(trip_form, calculate=calculate))
    return render(request, "claims/claim_detail.html", context)


@login_required
@member_pages
@require_POST
def claim_line_add(request, pk):
    claim = selectors.claim_get_for_owner(user=request.user, pk=pk)
    form = LineForm(request.POST, request.FILES)
    if not form.is_valid():
        context = {
            "claim": claim,
            "trip_form": TripForm(instance=claim),
            "line_form": form,
            "submit_form": SubmitForm(),
        }
        return render(request, "claims/claim_detail.html", context, status=400)
    data = form.cleaned_data
    _run(
        request,
        services.claim_line_add,
        _("The line was added."),
        claim=claim,
        kind=data["kind"],
        km=data["km"],
        passengers=data["passengers"] or 0,
        cost=data["cost"],
        explanation=data["explanation"],
        receipt=data["receipt"],
        passenger_names=data["passenger_names"],
        vehicle=data["vehicle"],
        registration_number=data["registration_number"],
    )
    return redirect(claim)


@login_required
@member_pages
@require_POST
def claim_line_delete(request, pk, line_pk):
    claim = selectors.claim_get_for_owner(user=request.user, pk=pk)
    line = get_object_or_404(ClaimLine, pk=line_pk, claim=claim)
    _run(request, services.claim_line_delete, _("The line was removed."), line=line)
    return redirect(claim)


@login_required
@member_pages
@require_POST
def claim_receipt_upload(request, pk, line_pk):
    claim = selectors.claim_get_for_owner(user=request.user, pk=pk)
    line = get_object_or_404(ClaimLine, pk=line_pk, claim=claim)
    form = ReceiptForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, form.errors["receipt"][0])  # no file chosen, or an empty one
        return redirect(claim)
    _run(
        request,
        services.claim_receipt_attach,
        _("The receipt was saved."),
        line=line,
        upload=form.cleaned_data["receipt"],
    )
    return redirect(claim)


@login_required
@member_pages
@require_POST
def claim_submit(request, pk):
    claim = selectors.claim_get_for_owner(user=request.user, pk=pk)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["declaration"][0])
        return redirect(claim)
    _run(request, services.claim_submit, _("The claim was submitted for approval."), claim=claim, declared=True)
    return redirect(claim)


@login_required
@member_pages
@require_POST
def claim_withdraw(request, pk):
    claim = selectors.claim_get_for_owner(user=request.user, pk=pk)
    _run(request, services.claim_withdraw, _("The claim was withdrawn and is a draft again."), claim=claim)
    return redirect(claim)


@login_required
@member_pages
@require_POST
def claim_payee_change_request(request, pk):
    """The claimant asks that her approved, unpaid claim be paid to the account now in her profile."""
    claim = selectors.claim_get_for_owner(user=request.user, pk=pk)
    _run(
        request,
        services.claim_payee_change_request,
        _("You asked that the claim be paid to your current account. The treasurer will decide."),
        claim=claim,
    )
    return redirect(claim)


@login_required
@member_pages
@require_POST
def claim_delete(request, pk):
    claim = selectors.claim_get_for_owner(user=request.user, pk=pk)
    if _run(request, services.claim_delete, _("The draft was deleted."), claim=claim):
        return redirect("claim_list")
    return redirect(claim)


def _iban_for(user, claim):
    """The full IBAN for the claimant and the treasurer; the chair sees it masked.

    An approved claim is paid to the account fixed at its approval (a kept claim of an anonymised member to the one
    stored then); before that, the member's account as it is now.
    """
    iban = claim.payee_iban
    if not claim.payee_name:
        iban = _current_iban(claim)
    if not iban:
        return ""
    return iban if user.has_perm("members.read_travel_details", claim.member) else mask_iban(iban)


def _current_iban(claim):
    """The account now in the claimant's travel details: read with the claim on the approval screen, else here."""
    if hasattr(claim, "current_iban"):  # selectors.claim_get_for_decision
        return claim.current_iban or ""
    details = TravelDetails.objects.filter(member=claim.member).first()
    return details.iban if details else ""


@login_required
@require_safe
def claim_pdf_view(request, pk):
    claim = selectors.claim_get_for_reader(user=request.user, pk=pk)
    response = HttpResponse(claim_pdf(claim, iban=_iban_for(request.user, claim)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="matkalasku-{claim.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def receipt_view(request, pk):
    """A receipt, for the claimant, the chair and the treasurer; shown inline in a sandbox, never as HTML."""
    receipt = selectors.receipt_get_for_reader(user=request.user, pk=pk)
    try:
        handle = receipt.file.open("rb")
    except FileNotFoundError:
        # Back to the page the reader came from, where the claim and its other receipts are.
        claim = receipt.line.claim
        if claim.member.user_id == request.user.pk:
            messages.error(request, _("The receipt file is missing from the server. Tell the treasurer."))
            return redirect(claim)
        messages.error(request, _("The receipt file is missing from the server. Ask the member for a copy."))
        return redirect("claim_queue_detail", pk=claim.pk)
    response = FileResponse(handle, content_type=receipt.content_type, filename=receipt.original_name)
    response["Content-Disposition"] = response["Content-Disposition"].replace("attachment", "inline")
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'; plugin-types application/pdf"
    response["Cache-Control"] = "private, no-store"
    return response


# --- chair and treasurer ------------------------------------------------------------------------------


@login_required
@deciders
@require_safe
def queue(request):
    queue = selectors.decision_queue(page=request.GET.get("page"), per_page=PAGE_SIZE)
    page = Paginator(queue.submitted, PAGE_SIZE).get_page(request.GET.get("page"))
    requested = request.GET.get("year", "")
    valid = requested.isascii() and requested.isdigit() and 2000 <= int(requested) <= 2100
    entered, years = selectors.budgets_and_years()
    year = selectors.budget_year_shown(years, requested=int(requested) if valid else None)
    budgets = services.budget_statuses(year=year, budgets=entered)
    context = {
        "page": page,
        "submitted": page.object_list,
        "approved": queue.approved,
        "waiting": queue.waiting,
        "budgets": budgets,
        "year": year,
        "this_year": timezone.localdate().year,
        "year_fell_back": not valid and year != timezone.localdate().year,
        "budget_years": sorted({*years, year}, reverse=True),
    }
    return render(request, "claims/queue.html", context)


@login_required
@deciders
@require_safe
def queue_claim(request, pk):
    """One claim on one screen: lines, receipts inline, the member's answer, the rates used, the budget."""
    claim = selectors.claim_get_for_decision(user=request.user, pk=pk)
    own_claim = claim.member.user_id == request.user.pk
    decidable = claim.status == ClaimStatus.SUBMITTED and not own_claim
    may_pay = request.user.has_perm("digitutor.pay_claims")
    budget = _budget_of(claim)
    # A submitted (or returned) claim is not in the sums yet: what is left is after approving it too.
    counted = claim.status in (ClaimStatus.APPROVED, ClaimStatus.PAID)
    left_after = budget["remaining"] if counted else budget["remaining"] - claim.total
    context = {
        "claim": claim,
        "answer": Answer(claim.meeting_answer).label if claim.meeting_answer else "",
        "budget": budget,
        "budget_left_after": left_after,
        "budget_counts_claim": counted,
        "over_budget": decidable and budget["budget_entered"] and left_after < 0,
        "budget_source": FundingSource(claim.funding_source).label,
        **_allowance_applied(claim),
        **_decision_forms(claim, own_claim, may_pay),
        "may_pay": may_pay,
        "iban": _iban_for(request.user, claim),
        "own_claim": own_claim,
        "same_event_claims": selectors.other_claims_for_same_event(claim),
    }
    if claim.payee_change_open:
        context.update(
            payee_change_form=PayeeChangeDecisionForm(),
            payee_change_from=_masked_for(request.user, claim, claim.payee_iban),
            payee_change_to=_masked_for(request.user, claim, claim.payee_change_iban),
        )
    return render(request, "claims/queue_claim.html", context)


def _decision_forms(claim, own_claim, may_pay):
    """The return form of a claim the reader may approve, the pay form of one the reader may mark paid: only the
    forms the screen shows (claim_page._decisions draws them in the same states), as each costs a hundred calls to
    build and draw."""
    if own_claim:
        return {}
    if claim.status == ClaimStatus.SUBMITTED:
        return {"return_form": ReturnForm()}
    if claim.status == ClaimStatus.APPROVED and not claim.payee_change_open and may_pay:
        return {"pay_form": PayForm(initial={"paid_on": timezone.localdate()})}
    return {}


def _budget_of(claim):
    """The funding source's budget of the claim's year, from the same sums as the queue's budget table
    (selectors.budget_figures: one query where services.budget_status makes two)."""
    year = timezone.localtime(claim.departure_at).year
    return next(figures for figures in selectors.budget_figures(year) if figures["source"] == claim.funding_source)


def _masked_for(user, claim, iban):
    return iban if user.has_perm("members.read_travel_details", claim.member) else mask_iban(iban)


def _allowance_applied(claim):
    """The per diem of each travel day (or the meal allowance) as the rates of the claim's year give it."""
    if claim.rates is None:
        return {"allowance": None, "allowance_days": []}
    allowance = services.claim_allowance(claim)
    kinds = dict(AllowanceKind.choices)
    return {"allowance": allowance, "allowance_days": [(day, kinds[day.kind]) for day in allowance.days]}


@login_required
@deciders
@require_POST
def queue_approve(request, pk):
    claim = selectors.claim_get_for_reader(user=request.user, pk=pk)
    over_budget = services.approval_would_exceed_budget(claim)
    if _run(request, services.claim_approve, _("The claim was approved."), claim=claim) and over_budget:
        messages.warning(request, _("This approval goes over the year's budget for its funding source."))
    return redirect("claim_queue")


@login_required
@deciders
@require_POST
def queue_return(request, pk):
    claim = selectors.claim_get_for_reader(user=request.user, pk=pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tell the member why the claim is returned."))
        return redirect("claim_queue_detail", pk=pk)
    _run(
        request,
        services.claim_return,
        _("The claim was returned to the member."),
        claim=claim,
        reason=form.cleaned_data["reason"],
    )
    return redirect("claim_queue")


@login_required
@payers
@require_POST
def queue_pay(request, pk):
    claim = selectors.claim_get_for_reader(user=request.user, pk=pk)
    form = PayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the payment date."))
        return redirect("claim_queue_detail", pk=pk)
    _run(
        request, services.claim_pay, _("The claim was marked paid."), claim=claim, paid_on=form.cleaned_data["paid_on"]
    )
    return redirect("claim_queue")


def _year_asked(request):
    """The year of ?year=, when it is a plausible one; else None."""
    requested = request.GET.get("year", "")
    if requested.isascii() and requested.isdigit() and 2000 <= int(requested) <= 2100:
        return int(requested)
    return None


@login_required
@payers
@require_POST
def queue_payee_change(request, pk):
    """The treasurer approves or refuses a member's request that an approved claim be paid to her current account."""
    claim = selectors.claim_get_for_reader(user=request.user, pk=pk)
    form = PayeeChangeDecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
        return redirect("claim_queue_detail", pk=pk)
    approve = form.cleaned_data["decision"] == "approve"
    done = (
        _("The claim will be paid to the account the member asked for.")
        if approve
        else _("The request was refused: the claim is paid to the account approved with it.")
    )
    _run(request, services.claim_payee_change_decide, done, claim=claim, approve=approve)
    return redirect("claim_queue_detail", pk=pk)


@login_required
@payers
@require_safe
def payments(request):
    """Payment batches: each one's claims, total, downloads for the bank, and payment date or the form to mark it;
    the bookkeeping export of a year's payments, with a year switcher."""
    page = Paginator(selectors.payment_batches(), PAGE_SIZE).get_page(request.GET.get("page"))
    this_year = timezone.localdate().year
    bookkeeping_year = _year_asked(request) or this_year
    context = {
        "page": page,
        "batches": page.object_list,
        "pay_form": PayForm(initial={"paid_on": timezone.localdate()}),
        "waiting": selectors.awaiting_payment(),
        "bookkeeping_year": bookkeeping_year,
        "bookkeeping_years": sorted({*selectors.budget_years(), this_year, bookkeeping_year}, reverse=True),
    }
    return render(request, "claims/payments.html", context)


@login_required
@payers
@require_http_methods(["GET", "HEAD", "POST"])
def payment_batch_new(request):
    """The preview of the next batch (GET): its claims and total; the treasurer makes it from there (POST)."""
    if request.method == "POST":
        claim_ids = [int(value) for value in request.POST.getlist("claim") if value.isascii() and value.isdigit()]
        try:
            batch = services.payment_batch_create(acting_user=request.user, claim_ids=claim_ids)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("claim_payment_batch_new")
        messages.success(request, _("Batch %(number)d was made. Download it for the bank.") % {"number": batch.pk})
        return redirect("claim_payment_batch_detail", pk=batch.pk)
    claims, total = services.payment_batch_preview(acting_user=request.user)
    context = {"claims": claims, "total": total, "payee_changes": selectors.payee_changes_waiting()}
    return render(request, "claims/payment_batch_new.html", context)


@login_required
@payers
@require_safe
def payment_batch_detail(request, pk):
    """One batch: its claims with the payee and account fixed at approval, the total, the files, marking it paid."""
    batch, claims, total = selectors.payment_batch_get(pk)
    context = {
        "batch": batch,
        "claims": claims,
        "total": total,
        "pay_form": PayForm(initial={"paid_on": max(timezone.localdate(), timezone.localdate(batch.created_at))}),
        "payer_configured": payer_configured(),
    }
    return render(request, "claims/payment_batch.html", context)


@login_required
@payers
@require_safe
def payment_batch_download(request, pk, fmt):
    batch = get_object_or_404(PaymentBatch, pk=pk)
    claims = selectors.batch_claims(batch)
    if fmt == "csv":
        response = StreamingHttpResponse(csv_lines(claims), content_type="text/csv; charset=utf-8")
    elif fmt == "xml":
        try:
            content = sepa_credit_transfer(claims)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("claim_payment_batch_detail", pk=batch.pk)
        response = HttpResponse(content, content_type="application/xml")
    else:
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(xlsx_bytes(claims), content_type=mime)
    return _download(request, response, f"payment-batch-{batch.pk}.{fmt}", target=batch)


def _download(request, response, filename, *, target=None):
    """A file of names and accounts leaves the portal: as an attachment nobody caches, written in the audit log."""
    audit_record(actor=request.user, verb=Verb.FILE_DOWNLOADED, target=target, detail=filename)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _bookkeeping_file(request, claims, fmt, name, *, target=None):
    if fmt == "csv":
        response = StreamingHttpResponse(bookkeeping_csv(claims), content_type="text/csv; charset=utf-8")
    else:
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(bookkeeping_xlsx(claims), content_type=mime)
    return _download(request, response, f"{name}.{fmt}", target=target)


@login_required
@payers
@require_safe
def payment_batch_bookkeeping(request, pk, fmt):
    """The batch's claims line by line with the Incomes Register's income types, for the bookkeeping."""
    batch = get_object_or_404(PaymentBatch, pk=pk)
    claims = selectors.bookkeeping_claims_of_batch(batch)
    return _bookkeeping_file(request, claims, fmt, f"bookkeeping-batch-{batch.pk}", target=batch)


@login_required
@payers
@require_safe
def bookkeeping_year(request, year, fmt):
    """The claims paid in the year, line by line with the Incomes Register's income types."""
    year = int(year)
    if not 2000 <= year <= 2100:
        raise Http404
    return _bookkeeping_file(request, selectors.bookkeeping_claims_of_year(year), fmt, f"bookkeeping-{year}")


@login_required
@payers
@require_POST
def payment_batch_paid(request, pk):
    batch = get_object_or_404(PaymentBatch, pk=pk)
    form = PayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the payment date."))
        return redirect("claim_payment_batch_detail", pk=batch.pk)
    try:
        result = services.payment_batch_mark_paid(
            batch=batch, acting_user=request.user, paid_on=form.cleaned_data["paid_on"]
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("claim_payment_batch_detail", pk=batch.pk)
    messages.success(
        request,
        ngettext(
            "The batch was marked paid: %(count)d claim paid.",
            "The batch was marked paid: %(count)d claims paid.",
            len(result.paid),
        )
        % {"count": len(result.paid)},
    )
    for claim, reason in result.not_paid:
        messages.warning(
            request,
            _("Claim %(number)s was not marked paid: %(reason)s") % {"number": claim.number, "reason": reason},
        )
    return redirect("claim_payment_batch_detail", pk=batch.pk)
