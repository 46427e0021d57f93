"""Request-wide concerns: a request id for the audit log, and security headers."""

import contextvars
import re
import secrets
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


# Wagtail's admin (/cms/, editors only, behind MFA), as strict as it allows:
# - script: our origin, plus the few inline scripts Wagtail and wagtail-localize still write (date
#   and time pickers, inline panels, the translation editor's chooser URLs). Those templates are
#   overridden in portal/templates to carry this response's nonce; nothing else inline runs.
# - style 'unsafe-inline': Wagtail's accessibility checker (axe-core) and wagtail-localize's React
#   editor add <style> elements from script at run time, which no nonce can reach; Wagtail's
#   notification emails' templates use style attributes. Inline style cannot run code.
# - frame-ancestors 'self': the editor previews a page in a frame of its own.
CMS_CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'nonce-{nonce}'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'self'",
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)
csp_nonce_var: contextvars.ContextVar[str] = contextvars.ContextVar("csp_nonce", default="")


def current_csp_nonce() -> str:
    """This response's nonce for an inline script Wagtail's admin cannot do without ("" elsewhere)."""
    return csp_nonce_var.get()


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/cms/"):
            response = self.get_response(request)
            response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        else:
            # A fresh nonce per response; widgets render without the request, so it travels in a
            # context variable for the {% csp_nonce %} tag.
            nonce = secrets.token_urlsafe(18)
            token = csp_nonce_var.set(nonce)
            try:
                response = self.get_response(request)
            finally:
                csp_nonce_var.reset(token)
            response.setdefault("Content-Security-Policy", CMS_CONTENT_SECURITY_POLICY.format(nonce=nonce))
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
