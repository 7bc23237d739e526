"""The site's URLs: one include per app."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("factsheets/", include("factsheets.urls")),
    path("ask/", include("ask.urls")),
    path("", include("archive.urls")),
]
