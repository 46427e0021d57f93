from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _grant_runtime_role(sender, **kwargs):
    from django.conf import settings

    from portal.audit.database import grant_runtime_role

    if getattr(settings, "DATABASE_RUNTIME_ROLE", ""):
        grant_runtime_role(settings.DATABASE_RUNTIME_ROLE)


class AuditConfig(AppConfig):
    name = "portal.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from portal.audit import registry

        registry.register_actions({"audit.viewed": _("Audit log read"), "audit.exported": _("Audit log exported")})
        # After every migrate (run as the owner), the runtime role gets its privileges again.
        post_migrate.connect(_grant_runtime_role, sender=self, dispatch_uid="audit.grant_runtime_role")
