"""Staff may use the portal only with a second factor; the content admin is for editors only."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from portal.accounts.mfa import read_second_factor_and_groups

# Paths a signed-in member of staff without MFA may still reach: setting MFA up, and leaving.
_MFA_SETUP_PREFIXES = ("/accounts/2fa/", "/accounts/logout/", "/accounts/reauthenticate/", "/static/", "/healthz")


class StaffAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if not request.path.startswith(_MFA_SETUP_PREFIXES) and not read_second_factor_and_groups(user):
                return redirect(reverse("mfa_index"))
            if request.path.startswith("/cms/") and not user.has_perm("wagtailadmin.access_admin"):
                raise PermissionDenied
        return self.get_response(request)
