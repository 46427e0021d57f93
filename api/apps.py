from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    label = "api"
    verbose_name = "API for case systems"

    def ready(self):
        from api import signals

        signals.connect()
