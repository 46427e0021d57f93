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
        from django.utils.translation import gettext_lazy as _

        from portal.audit import registry

        registry.register_actions(
            {
                "messaging.notified": _("Message sent"),
                "messaging.resent": _("Message sent again"),
                "messaging.case_messages_viewed": _("Case messages read"),
            }
        )
