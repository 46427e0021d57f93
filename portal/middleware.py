"""Request-wide concerns: a request id for the audit log, and security headers."""

import contextvars
import re
import uuid

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def current_request_id() -> str:
    return request_id_var.get()


class RequestIdMiddleware:
    """Give each request an id (or keep a well-formed one from the proxy) so audit events can be tied together."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request.id
        return response


# No inline script or style anywhere: every script is a file served from our own origin.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Wagtail's admin needs its own inline scripts; it is for editors only and sits behind MFA.
        if not request.path.startswith("/cms/"):
            response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


# Pages for a person: staff pages, family pages (the link's landing and code pages too) and
# private files. Anything a shared phone or office computer keeps could be read by the next person.
# The API answers one case system at a time with case records.
PRIVATE_PREFIXES = ("/f/", "/accounts/", "/staff/", "/cases/", "/support/", "/cms/", "/messaging/", "/api/")
NO_STORE = "no-store, no-cache, must-revalidate, private, max-age=0"


def is_private(request) -> bool:
    """Is this response for one person? By address, by the view's access rule, or by who is signed in."""
    if request.path.startswith(PRIVATE_PREFIXES):
        return True
    func = getattr(getattr(request, "resolver_match", None), "func", None)
    if getattr(func, "access_rule", "public") != "public":
        return True
    try:
        return bool(request.user.is_authenticated)
    except Exception:  # the session store is down: assume the worst
        return True


class PrivatePageCacheMiddleware:
    """``Cache-Control: no-store`` on every private page, replacing whatever a view set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_private(request):
            response["Cache-Control"] = NO_STORE
            response.headers.pop("Expires", None)
        return response
