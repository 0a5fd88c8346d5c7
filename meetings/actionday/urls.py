from django.urls import path

import digitutor.converters  # noqa: F401  (registers <token:>)
from meetings.actionday import views

urlpatterns = [
    path("action-day/", views.action_day_latest, name="action_day_latest"),
    path("action-day/<int:year>/", views.action_day, name="action_day"),
    path("action-day/<int:year>/calendar.ics", views.action_day_calendar, name="action_day_calendar"),
    path("action-day/<int:year>/cancel/", views.registration_cancel_own, name="registration_cancel_own"),
    path("action-day/<int:year>/registered/", views.registration_done, name="registration_done"),
    path("action-day/confirm/<token:token>/", views.registration_confirm, name="registration_confirm"),
    path("action-day/cancel/<token:token>/", views.registration_cancel, name="registration_cancel"),
]
