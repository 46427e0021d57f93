from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "portal.messaging"
    label = "messaging"
    verbose_name = "Messaging"

    def ready(self):
        from portal.messaging import checks, standard_messages  # noqa: F401  (checks registers itself)

        standard_messages.register()
        from portal.messaging import data_rights

        data_rights.register()
