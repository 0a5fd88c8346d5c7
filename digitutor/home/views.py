from django.shortcuts import render
from django.views.decorators.http import require_safe

from digitutor.home.action_day import action_day_card
from digitutor.home.dashboard import dashboard_for, next_meeting
from meetings.actionday.selectors import action_day_coming


@require_safe
def home(request):
    """The public front page; after login, the dashboard of what needs the person now."""
    day = action_day_coming()
    coming = {"coming_action_day": day, "action_day_card": action_day_card(day)}
    if request.user.is_authenticated and request.user.has_perm("digitutor.view_member_pages"):
        context = dashboard_for(request.user)
        return render(request, "pages/dashboard.html", {**context, **coming})
    return render(request, "pages/home.html", {**coming, "next_meeting": next_meeting()})
