from django.apps import AppConfig


class FamilyAccessConfig(AppConfig):
    name = "portal.family_access"
    label = "family_access"
    verbose_name = "Family access"

    def ready(self):
        from portal.family_access import messages

        messages.register()
