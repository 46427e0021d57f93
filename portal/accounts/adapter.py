from allauth.account.adapter import DefaultAccountAdapter


class StaffAccountAdapter(DefaultAccountAdapter):
    """Staff accounts are created by the service, never by sign-up."""

    def is_open_for_signup(self, request):
        return False
