"""Sessions written only when they change, with the 30-minute idle limit kept.

Django's ``SESSION_SAVE_EVERY_REQUEST`` writes the session row on every page view to push its expiry
on. ``SessionRefreshMiddleware`` does the same at most once a minute: a signed-in session is kept
alive while it is used, ends after 29 to 30 idle minutes, and a busy page costs no session write.
"""

import time

REFRESH_EVERY_SECONDS = 60
REFRESHED_KEY = "_refreshed"


class SessionRefreshMiddleware:
    """Inside ``SessionMiddleware``: marks a non-empty session modified when its last refresh is a
    minute old, so ``SessionMiddleware`` saves it with a new expiry."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # A request that never read the session (a guide page, say) leaves it as it is.
        if session is None or not session.accessed or session.is_empty():
            return response
        now = int(time.time())
        if session.modified or now - session.get(REFRESHED_KEY, 0) >= REFRESH_EVERY_SECONDS:
            session[REFRESHED_KEY] = now
        return response
