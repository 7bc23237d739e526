from django.urls import path

from archive import views
from archive.caching import public_page
from archive.feeds import BodyAreaFeed

app_name = "archive"
urlpatterns = [
    path("", views.home, name="home"),
    path("archive/<slug:slug>/", views.category_detail, name="category"),
    path("archive/<slug:slug>/feed/", public_page(BodyAreaFeed()), name="category_feed"),
    path("questions/<slug:slug>/", views.question_detail, name="question"),
]
