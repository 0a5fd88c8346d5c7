from django.urls import path

from members import views

urlpatterns = [
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("members/", views.member_list, name="member_list"),
    path("members/<int:pk>/", views.member_detail, name="member_detail"),
    path("profile/", views.profile, name="profile"),
    path("profile/bank-account/", views.profile_iban, name="profile_iban"),
    path("profile/my-data.json", views.personal_data_download, name="personal_data_download"),
    path("join/", views.join, name="join"),
    path("join/thanks/", views.join_thanks, name="join_thanks"),
]
