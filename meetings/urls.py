from django.urls import path

import digitutor.converters  # noqa: F401  (registers <token:>)
from meetings import views

urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/answer/", views.meeting_answer, name="meeting_answer"),
    path("meetings/<int:pk>/calendar.ics", views.meeting_calendar, name="meeting_calendar"),
    path("meetings/attachments/<int:pk>/", views.meeting_attachment, name="meeting_attachment"),
    path("meetings/calendar/", views.calendar_subscription, name="calendar_subscription"),
    path("meetings/calendar/<token:token>.ics", views.calendar_feed, name="calendar_feed"),
]
