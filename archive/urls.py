from django.urls import path

from archive import views

app_name = "archive"
urlpatterns = [
    path("", views.home, name="home"),
    path("archive/<slug:slug>/", views.category_detail, name="category"),
    path("questions/<slug:slug>/", views.question_detail, name="question"),
]
