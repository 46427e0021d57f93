from django.apps import AppConfig


class FgdmConfig(AppConfig):
    name = "fgdm"
    verbose_name = "Family group decision making"

    def ready(self):
        from fgdm import data_rights, messaging

        messaging.register()
        data_rights.register()
