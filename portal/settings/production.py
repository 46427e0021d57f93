"""Production: every secret and address from the environment; start-up stops if one is missing."""

from pathlib import Path

from portal.settings import environment as env
from portal.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env.required("SECRET_KEY")
ALLOWED_HOSTS = env.items("ALLOWED_HOSTS") or [env.required("ALLOWED_HOSTS")]
DATABASE_URL = env.required("DATABASE_URL")
PUBLIC_BASE_URL = env.required("PUBLIC_BASE_URL").rstrip("/")
if not PUBLIC_BASE_URL.startswith("https://"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("PUBLIC_BASE_URL must start with https:// in production.")
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL
CSRF_TRUSTED_ORIGINS = env.items("CSRF_TRUSTED_ORIGINS") or [PUBLIC_BASE_URL]

SECURE_SSL_REDIRECT = env.flag("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers ask each web machine for /healthz over plain http; it holds no personal data.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.number("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.flag("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = False

EMAIL_BACKEND = env.text("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.text("EMAIL_HOST", "localhost")
EMAIL_PORT = env.number("EMAIL_PORT", 587)
EMAIL_HOST_USER = env.text("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.text("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.flag("EMAIL_USE_TLS", True)

# HSTS preload is a promise about every subdomain of the council's domain; the council opts in.
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Collected static files (collectstatic writes here; WhiteNoise serves them compressed).
STATIC_ROOT = Path(env.text("STATIC_ROOT", str(STATIC_ROOT)))  # noqa: F405

# One JSON object per line on stderr, with the request id and no personal data (portal/jsonlog.py).
LOGGING = {
    **LOGGING,  # noqa: F405
    "formatters": {"json": {"()": "portal.jsonlog.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["redact"]}},
}
