from django.apps import AppConfig


class AskConfig(AppConfig):
    name = "ask"
    verbose_name = "Ask an expert"
