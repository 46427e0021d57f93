"""The embedded default: SQLite, the ORM queue, console SMS and email, debug pages."""

from portal.settings import environment as env
from portal.settings.base import *  # noqa: F403

DEBUG = env.flag("DEBUG", True)
# Passkeys need HTTPS except on localhost during development.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
