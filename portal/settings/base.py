"""Settings shared by every environment. Values that differ come from ``environment``."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from portal.settings import environment as env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env.text("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env.flag("DEBUG", False)
ALLOWED_HOSTS = env.items("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env.items("CSRF_TRUSTED_ORIGINS")

# The council's own service name, shown in the header, page titles and messages.
# The default name is shown in each visitor's language (portal.context_processors.service); a name a
# council sets for itself is shown as it is.
DEFAULT_SERVICE_NAME = gettext_noop("Family group meetings")
SERVICE_NAME = env.text("SERVICE_NAME", DEFAULT_SERVICE_NAME)
COUNCIL_NAME = env.text("COUNCIL_NAME", "Demo Borough Council")
SERVICE_PHASE = env.text("SERVICE_PHASE", "beta")
SERVICE_CONTACT_EMAIL = env.text("SERVICE_CONTACT_EMAIL", "family.meetings@example.org")
SERVICE_CONTACT_PHONE = env.text("SERVICE_CONTACT_PHONE", "0300 123 4567")
# The public address of the site, used for links in messages and for checking webhook signatures.
PUBLIC_BASE_URL = env.text("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "portal",
    "portal.accounts",
    "portal.audit",
    "portal.messaging",
    "portal.family_access",
    "fgdm",
    "network_support",
    "content",
    "api",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_q",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales: editors add a language once, in one place
    "modelcluster",
    "taggit",
    "rest_framework",
    "drf_spectacular",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed on the way out (about 40 KB of HTML to under 10 on a family's data). Below
    # WhiteNoise, which serves static files already compressed; above everything that writes the body.
    # Django pads each compressed page at random against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "portal.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.sessions.SessionRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Outside the staff-access and view layers, so their refusals are marked no-store too.
    "portal.middleware.PrivatePageCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.accounts.middleware.StaffAccessMiddleware",
    "portal.middleware.SecurityHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Innermost, so every middleware above still runs on a cached guide page.
    "content.page_cache.AnonymousPageCacheMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.service",
                "portal.context_processors.family_navigation",
            ],
            # {% url %} with each address worked out once per process (portal/templatetags/url_cache.py).
            "builtins": ["portal.templatetags.url_cache"],
        },
    },
]
FORM_RENDERER = "portal.forms.GovukFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env.text("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env.number("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves a web process and a queue worker from one file. WAL lets readers
    # and a writer work at once; IMMEDIATE takes the write lock when a transaction starts, so two
    # writers queue for it (up to the timeout) instead of one failing with "database is locked"
    # when it upgrades a read lock half way through (the outbox claim did).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        transaction_mode="IMMEDIATE",
        timeout=env.number("SQLITE_BUSY_TIMEOUT_SECONDS", 20),
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# PostgreSQL: the role the web and queue processes connect as, when migrations run as the tables'
# owner (docs/deploy.md). After each migrate it gets its privileges: on the audit log INSERT and SELECT only.
DATABASE_RUNTIME_ROLE = env.text("DATABASE_RUNTIME_ROLE")
# The key of the audit log's hash chain (portal/audit/chain.py). Empty: the SECRET_KEY. Set it before
# ever rotating the SECRET_KEY, to the old SECRET_KEY, or verify_audit will report every event.
AUDIT_CHAIN_KEY = env.text("AUDIT_CHAIN_KEY")

REDIS_URL = env.text("REDIS_URL")
if REDIS_URL:
    # An outage of Redis slows pages down; it does not take them down (portal/cache.py).
    CACHES = {"default": {"BACKEND": "portal.cache.ResilientRedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The queue: django-q2 on the ORM broker by default, Redis when REDIS_URL is set.
Q_CLUSTER = {
    "name": "portal",
    "workers": env.number("QUEUE_WORKERS", 2),
    "timeout": 60,
    "retry": 120,
    "max_attempts": 1,
    "catch_up": False,
    "label": "Queue",
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
    # The broker draws on the same connection pool as the cache and /healthz (portal/redis_pool.py).
    Q_CLUSTER["broker_class"] = "portal.redis_pool.SharedPoolBroker"
else:
    Q_CLUSTER["orm"] = "default"

# The read API for case systems (api/). Its views set their own key check, scopes and rate limit,
# so Wagtail's admin API keeps DRF's defaults.
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
SPECTACULAR_SETTINGS = {
    "TITLE": "Family group decision making: API for case systems",
    "DESCRIPTION": "Read-only. Agreed plans, outcomes and support decisions, for a council's case system.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    "DEFAULT_GENERATOR_CLASS": "api.schema.ApiSchemaGenerator",
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "staff_home"

# Staff accounts: email and password, then a second factor. Nobody signs themselves up.
ACCOUNT_ADAPTER = "portal.accounts.adapter.StaffAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
# A password reset asked for an address with no account sends nothing (the page looks the same).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# Failed sign-ins are counted per real client address here, and per account in the database
# (portal/accounts/services.py), so one person can never lock every member of staff out.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "20/10m/ip",
    "login": "30/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SERVICE_NAME}] "
# Behind the proxy every request comes from the proxy's address; the client's is in
# X-Forwarded-For, written by the proxies we run (docs/deploy.md). 0 trusts no header.
ALLAUTH_TRUSTED_PROXY_COUNT = env.number("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env.text("TRUSTED_CLIENT_IP_HEADER") or None
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = SERVICE_NAME
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env.flag("MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", False)

# Idle sessions end after 30 minutes: every request pushes the expiry on.
SESSION_COOKIE_AGE = 30 * 60
# Kept alive while used, written at most once a minute (portal.sessions), not on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

LANGUAGE_CODE = "en"
# The languages families may choose; the portal's own pages follow as their translations ship.
FAMILY_LANGUAGES = [
    ("en", "English"),
    ("pl", "Polski"),
    ("ro", "Română"),
    ("pa", "ਪੰਜਾਬੀ"),
    ("ur", "اردو"),
    ("pt", "Português"),
    ("es", "Español"),
    ("ar", "العربية"),
    ("cy", "Cymraeg"),
]
# Every language families may choose is a language of the whole portal: UI strings and guides.
LANGUAGES = FAMILY_LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.text("MEDIA_ROOT", str(BASE_DIR / "media")))
# Data rights: how long a closed case's personal details are kept before they are removed.
RETENTION_DAYS_AFTER_CLOSURE = env.number("RETENTION_DAYS_AFTER_CLOSURE", 6 * 365)
# The coordinator is reminded this many days before an agreed plan's review date, to arrange the review meeting.
REVIEW_REMINDER_DAYS_AHEAD = env.number("REVIEW_REMINDER_DAYS_AHEAD", 7)

# Family members' pages: where signing in lands, the menu they see, and where "leave quickly" goes.
FAMILY_HOME_URL = "/f/meeting/"
FAMILY_NAVIGATION = [
    ("family:meeting", _("My meeting")),
    ("network_support:family_requests", _("Help for your family")),
    ("family:language", _("Language")),
]
FAMILY_EXIT_URL = env.text("FAMILY_EXIT_URL", "https://www.bbc.co.uk/weather")

# Uploads from families (a child's picture) are never served from MEDIA_URL: a view checks who asks.
PRIVATE_MEDIA_ROOT = Path(env.text("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "portal.static_files.HashedStaticFiles"},
}

EMAIL_BACKEND = env.text("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.text("DEFAULT_FROM_EMAIL", "family.meetings@example.org")

# Text messages: the backend is swapped like EMAIL_BACKEND (console, locmem for tests, Twilio).
MESSAGING_SMS_BACKEND = env.text("MESSAGING_SMS_BACKEND", "portal.messaging.backends.console.ConsoleBackend")
TWILIO_ACCOUNT_SID = env.text("TWILIO_ACCOUNT_SID")
TWILIO_AUTH_TOKEN = env.text("TWILIO_AUTH_TOKEN")
TWILIO_MESSAGING_SERVICE_SID = env.text("TWILIO_MESSAGING_SERVICE_SID")
TWILIO_FROM_NUMBER = env.text("TWILIO_FROM_NUMBER")
TWILIO_TIMEOUT_SECONDS = env.number("TWILIO_TIMEOUT_SECONDS", 15)
# Only tests and staging point the real client at a stand-in for Twilio.
TWILIO_API_BASE_URL = env.text("TWILIO_API_BASE_URL", "https://api.twilio.com")
# Temporary failures (rate limits, provider down) are retried with backoff for this long.
MESSAGING_RETRY_FOR_SECONDS = 4 * 60 * 60
# A send is tried at most this many times (back-off 1, 2, 4, 8… minutes) before it fails for a person.
MESSAGING_MAX_ATTEMPTS = env.number("MESSAGING_MAX_ATTEMPTS", 5)
# The sweep leaves a queued row this long to the job that was queued for it before sending it itself.
MESSAGING_SWEEP_GRACE_SECONDS = env.number("MESSAGING_SWEEP_GRACE_SECONDS", 15)
# A row still "sending" after this long belongs to a worker that stopped (jobs time out after 60 s).
MESSAGING_STUCK_AFTER_SECONDS = env.number("MESSAGING_STUCK_AFTER_SECONDS", 120)
# The texts queued together (an invitation run) go to the workers this many to a job.
MESSAGING_SEND_BATCH = env.number("MESSAGING_SEND_BATCH", 10)

WAGTAIL_SITE_NAME = SERVICE_NAME
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No editor's email hash goes to gravatar.com, and the /cms/ policy loads images from our origin only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"redact": {"()": "portal.jsonlog.RedactSecrets"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": env.text("LOG_LEVEL", "INFO")},
    # The twilio client logs each API request at INFO; only its warnings are worth keeping.
    "loggers": {"django.server": {"level": "WARNING"}, "twilio.http_client": {"level": "WARNING"}},
}

ROLE_NAMES = {
    "coordinator": _("Coordinator"),
    "lead_practitioner": _("Lead practitioner"),
    "service_manager": _("Service manager"),
    "content_editor": _("Content editor"),
}
