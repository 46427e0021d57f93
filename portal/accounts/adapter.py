from allauth.account.adapter import DefaultAccountAdapter
from django.utils.translation import gettext_lazy as _

from portal.accounts import services


class StaffAccountAdapter(DefaultAccountAdapter):
    """Staff accounts are created by the service, never by sign-up; wrong passwords lock one account only."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Too many failed sign-in attempts from your network. Wait 10 minutes and try again, "
            "or ask a service manager for help."
        ),
        "account_locked": _(
            "This account is locked for 15 minutes after 5 wrong passwords. Wait and try again, "
            "or ask a service manager to unlock it."
        ),
    }

    def is_open_for_signup(self, request):
        return False

    def pre_authenticate(self, request, **credentials):
        super().pre_authenticate(request, **credentials)  # allauth's limit per real client address
        if services.is_locked(email=credentials.get("email", "")):
            raise self.validation_error("account_locked")

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            services.record_success(email=credentials.get("email", ""))
        return user

    def authentication_failed(self, request, **credentials):
        services.record_failure(email=credentials.get("email", ""), client_address=self.get_client_ip(request))
