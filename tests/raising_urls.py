"""The portal's URLs plus one page that fails, to see the 500 page the way a visitor would."""

from django.urls import path

from digitutor import urls


def broken_page(request):
    raise RuntimeError("secret detail that must not reach the visitor")


urlpatterns = [path("broken/", broken_page), *urls.urlpatterns]
handler500 = urls.handler500
