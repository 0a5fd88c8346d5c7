from django.urls import path

from members import views

urlpatterns = [
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
