"""Settings for the test run: tasks run at once, fast hashing, in-memory caches and fakes."""

from portal.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MESSAGING_SMS_BACKEND = "portal.messaging.backends.locmem.LocmemBackend"
# django-q2 reads "sync" at import time, so it is set here and not per test.
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
ALLOWED_HOSTS = ["*"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
