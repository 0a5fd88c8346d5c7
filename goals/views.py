from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from digitutor.decorators import member_pages
from digitutor.errors import DomainError
from goals import selectors, services
from goals.forms import PracticeForm, TrainingForm
from goals.pdf import plan_pdf, report_pdf
from members.selectors import member_for_user, member_for_user_or_404, member_record_or_404


def _roster(plan, user):
    """The year's roster, or None when its names are not for this person."""
    return selectors.plan_roster(plan.year) if selectors.roster_visible(plan, user) else None


def _latest(request, url_name):
    """This year's plan if the person may see it, otherwise the newest such plan."""
    years = selectors.plan_years(request.user)
    if not years:
        return render(request, "goals/no_plan.html")
    this_year = timezone.localdate().year
    return redirect(url_name, year=this_year if this_year in years else max(years))


@require_safe
def plan_latest(request):
    return _latest(request, "plan_detail")


@require_safe
def goals_latest(request):
    return _latest(request, "goals_detail")


@require_safe
def plan_detail(request, year):
    plan = selectors.plan_page_get(year=year, user=request.user)
    # The plan's goals table shows no progress: nothing measured.
    lists = selectors.plan_lists(year=year, user=request.user, activity_kinds=True)
    context = {
        "plan": plan,
        "year": year,
        "roster": _roster(plan, request.user),
        "activity_kinds": lists.activity_kinds,
        "progress": lists.progress,
        "years": lists.years,
    }
    return render(request, "goals/plan_detail.html", context)


@require_safe
def plan_pdf_view(request, year):
    plan = selectors.plan_get(year=year, user=request.user)
    lists = selectors.plan_lists(year=year, user=request.user, activity_kinds=True)
    pdf = plan_pdf(
        plan, activity_kinds=lists.activity_kinds, progress=lists.progress, roster=_roster(plan, request.user)
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="toimintasuunnitelma-{year}.pdf"'
    return response


@require_safe
def goals_detail(request, year):
    # Of the plan, the goals page shows only its goals table.
    lists = selectors.plan_lists(year=year, user=request.user, measured=True)
    if year not in lists.years:
        raise Http404(_("No action plan for this year."))
    return render(request, "goals/goals_detail.html", {"year": year, "progress": lists.progress, "years": lists.years})


@login_required
@member_pages
@require_safe
def report_detail(request, year):
    return render(request, "goals/report_detail.html", selectors.report_for(year=year, user=request.user))


@login_required
@member_pages
@require_safe
def report_pdf_view(request, year):
    response = HttpResponse(
        report_pdf(selectors.report_for(year=year, user=request.user)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="vuosiraportti-{year}.pdf"'
    return response


@login_required
@member_pages
@require_safe
def practice_list(request):
    """The group's shared knowledge: good practices, searchable, newest first, 20 a page."""
    # PostgreSQL refuses a NUL byte in a query; nobody searches for one.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    tag = request.GET.get("tag", "").replace("\x00", "").strip()[:50]
    page = Paginator(selectors.practices(query=query, tag=tag), 20).get_page(request.GET.get("page"))
    context = {"page": page, "rows": page.object_list, "query": query, "tag": tag, "tags": selectors.popular_tags()}
    return render(request, "goals/practice_list.html", context)


@login_required
@member_pages
@require_safe
def practice_detail(request, pk):
    return render(request, "goals/practice_detail.html", {"practice": selectors.practice_get(pk)})


@login_required
@member_pages
def practice_create(request):
    if request.method == "POST":
        member = member_for_user_or_404(request.user)
    else:  # drawing the form only needs to know the person is a member
        member_record_or_404(request.user)
    form = PracticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            practice = services.practice_create(member=member, acting_user=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you for sharing the practice."))
            return redirect(practice)
    return render(request, "goals/practice_form.html", {"form": form})


@login_required
@member_pages
def training_list(request):
    """Trainings members have attended; a member adds their own below the list."""
    member = member_for_user(request.user)
    form = TrainingForm(request.POST or None)
    if request.method == "POST":
        member = member_for_user_or_404(request.user)
        if form.is_valid():
            services.training_create(member=member, acting_user=request.user, **form.cleaned_data)
            messages.success(request, _("The training was saved."))
            return redirect("training_list")
    page = Paginator(selectors.trainings(), 20).get_page(request.GET.get("page"))
    return render(request, "goals/training_list.html", {"page": page, "form": form, "can_add": member is not None})
