from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    label = "api"
    verbose_name = "API for case systems"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from api import signals
        from api.selectors import access
        from portal.permissions import NavigationEntry, register_navigation

        signals.connect()
        from portal.audit import registry

        registry.register_actions(
            {
                "api.read": _("Read through the case system API"),
                "api.client_created": _("Case system API client added"),
                "api.client_revoked": _("Case system API client revoked"),
                "api.webhook_added": _("Case system webhook added"),
                "api.webhook_removed": _("Case system webhook removed"),
                "api.webhook_sent_again": _("Case system webhook sent again"),
                "figures.statutory_exported": _("Statutory figures exported"),
            }
        )
        register_navigation(
            NavigationEntry(
                _("Statutory figures"), "/staff/statutory-figures/", access.may_see_statutory_figures, order=35
            )
        )
        register_navigation(
            NavigationEntry(_("Case system API"), "/staff/api/", access.may_manage_api_clients, order=50)
        )
