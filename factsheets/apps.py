from django.apps import AppConfig


class FactsheetsConfig(AppConfig):
    name = "factsheets"
