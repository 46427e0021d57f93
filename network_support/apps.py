from django.apps import AppConfig


class NetworkSupportConfig(AppConfig):
    name = "network_support"
    verbose_name = "Family Network Support Packages"

    def ready(self):
        from network_support import data_rights, messaging

        messaging.register()
        data_rights.register()
