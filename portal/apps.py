from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from portal.audit.selectors import may_read_audit_log
        from portal.permissions import NavigationEntry, register_navigation

        register_navigation(NavigationEntry(_("Audit"), "/staff/audit/", may_read_audit_log, order=40))
