from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = "Staff accounts"

    def ready(self):
        from portal.accounts import audit, messaging
        from portal.accounts.roles import sync_role_groups

        messaging.register()
        audit.register()

        # Permissions are created after each migrate, so the role groups are brought up to date then.
        post_migrate.connect(sync_role_groups, dispatch_uid="accounts.sync_role_groups")
