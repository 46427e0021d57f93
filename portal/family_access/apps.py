from django.apps import AppConfig


class FamilyAccessConfig(AppConfig):
    name = "portal.family_access"
    label = "family_access"
    verbose_name = "Family access"

    def ready(self):
        from portal.family_access import messages

        messages.register()
        from django.utils.translation import gettext_lazy as _

        from portal.audit import registry

        registry.register_actions(
            {
                "family_access.code_sent": _("Sign-in code sent to a family member"),
                "family_access.code_locked": _("Family member's sign-in locked after wrong codes"),
                "family_access.guessing_lock_lifted": _("Family member's sign-in lock lifted"),
                "family_access.older_links_ended": _("Family member's older links ended"),
                "family_access.signed_in": _("Family member signed in"),
            }
        )
