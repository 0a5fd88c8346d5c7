from django.urls import path

from goals import views

urlpatterns = [
    path("plan/", views.plan_latest, name="plan_latest"),
    path("plan/<int:year>/", views.plan_detail, name="plan_detail"),
    path("plan/<int:year>/pdf/", views.plan_pdf_view, name="plan_pdf"),
    path("goals/", views.goals_latest, name="goals_latest"),
    path("goals/<int:year>/", views.goals_detail, name="goals_detail"),
    path("report/<int:year>/", views.report_detail, name="report_detail"),
    path("report/<int:year>/pdf/", views.report_pdf_view, name="report_pdf"),
    path("practices/", views.practice_list, name="practice_list"),
    path("practices/new/", views.practice_create, name="practice_create"),
    path("practices/<int:pk>/", views.practice_detail, name="practice_detail"),
    path("trainings/", views.training_list, name="training_list"),
]
