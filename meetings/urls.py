from django.urls import path

from meetings import views

urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/answer/", views.meeting_answer, name="meeting_answer"),
    path("meetings/<int:pk>/calendar.ics", views.meeting_calendar, name="meeting_calendar"),
    path("meetings/attachments/<int:pk>/", views.meeting_attachment, name="meeting_attachment"),
    path("meetings/calendar/", views.calendar_subscription, name="calendar_subscription"),
    path("meetings/calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("action-day/", views.action_day_latest, name="action_day_latest"),
    path("action-day/<int:year>/", views.action_day, name="action_day"),
    path("action-day/<int:year>/registered/", views.registration_done, name="registration_done"),
    path("action-day/cancel/<str:token>/", views.registration_cancel, name="registration_cancel"),
]
