from django.urls import path
from django.views.generic import RedirectView

from archive import views
from archive.caching import public_page
from archive.feeds import BodyAreaFeed

app_name = "archive"
urlpatterns = [
    path("", views.home, name="home"),
    # A natural guess from the body areas' addresses: the home page lists them.
    path("archive/", RedirectView.as_view(pattern_name="archive:home", permanent=True)),
    path("archive/<slug:slug>/", views.category_detail, name="category"),
    path("archive/<slug:slug>/feed/", public_page(BodyAreaFeed()), name="category_feed"),
    path("questions/<slug:slug>/", views.question_detail, name="question"),
]
