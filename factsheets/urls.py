from django.urls import path

from factsheets import views

app_name = "factsheets"
urlpatterns = [
    path("", views.factsheet_index, name="index"),
    path("<slug:slug>/", views.factsheet_detail, name="detail"),
]
