from django.urls import path

from ask import views

app_name = "ask"
urlpatterns = [
    path("", views.ask, name="ask"),
    path("thanks/<str:token>/", views.thanks, name="thanks"),
    path("thanks/<str:token>/withdraw/", views.thanks_withdraw, name="thanks_withdraw"),
    path("similar/", views.similar, name="similar"),
    path("status/<str:token>/", views.status, name="status"),
    path("withdraw/<str:token>/", views.withdraw, name="withdraw"),
]
