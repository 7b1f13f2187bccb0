"""The test suite: fast hashing, mail in memory, tasks run inline (django-q2 sync)."""

from .base import *  # noqa: F403
from .base import Q_CLUSTER, STORAGES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
SECRET_KEY = "test-secret-key"
FIELD_ENCRYPTION_KEYS = ["dGVzdC1vbmx5LWZlcm5ldC1rZXktMzJieXRlcyEhISE="]
FIELD_HASH_KEY = "test-hash-key"
ACCOUNT_RATE_LIMITS = False

# Serve static files straight from the app folders; no collectstatic needed.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
