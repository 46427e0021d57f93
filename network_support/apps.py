from django.apps import AppConfig


class NetworkSupportConfig(AppConfig):
    name = "network_support"
    verbose_name = "Family Network Support Packages"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from network_support import audit, data_rights, messaging
        from network_support.selectors import access
        from portal.permissions import NavigationEntry, register_navigation

        messaging.register()
        data_rights.register()
        audit.register()
        register_navigation(NavigationEntry(_("Support"), "/support/", access.may_see_support, order=20))
