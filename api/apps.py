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
        register_navigation(
            NavigationEntry(
                _("Statutory figures"), "/staff/statutory-figures/", access.may_see_statutory_figures, order=35
            )
        )
        register_navigation(
            NavigationEntry(_("Case system API"), "/staff/api/", access.may_manage_api_clients, order=50)
        )
