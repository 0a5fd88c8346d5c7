from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from digitutor import views
from digitutor.home.views import home

urlpatterns = [
    path("", home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("healthz", views.healthz, name="healthz"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("members.urls")),
    path("", include("meetings.urls")),
    path("", include("meetings.actionday.urls")),
    path("", include("meetings.claims.urls")),
    path("", include("goals.urls")),
]

# Only while bench/run.py measures: a page that does nothing, the floor every page is compared with.
if settings.BENCHMARK_FLOOR:
    urlpatterns.append(path("bench/floor/", views.benchmark_floor, name="benchmark_floor"))

handler500 = "digitutor.views.server_error"
