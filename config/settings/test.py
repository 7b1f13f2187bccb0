"""The test suite: fast hashing, mail in memory, tasks run inline (django-q2 sync)."""

import os
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, Q_CLUSTER, REDIS_URL, STORAGES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
SECRET_KEY = "test-secret-key"
# The read replica is the test database itself under a second alias; the router is off unless a
# test turns it on (tests/core/test_db_router.py).
DATABASES = {
    **DATABASES,
    "replica": {**DATABASES["default"], "TEST": {"MIRROR": "default"}},
}
FIELD_ENCRYPTION_KEYS = ["dGVzdC1vbmx5LWZlcm5ldC1rZXktMzJieXRlcyEhISE="]
FIELD_HASH_KEY = "test-hash-key"
ACCOUNT_RATE_LIMITS = False
# Tests sign administrators in with force_login; the sign-in security tests turn this on.
MFA_REQUIRED_FOR_ADMINS = False

# Serve static files straight from the app folders; no collectstatic needed.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Under `pytest -n N` each worker has its own database (pytest-django adds a suffix) and, with
# Redis, its own Redis database, so that one worker's cache.clear() never empties another's.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and WORKER.startswith("gw"):
    parts = urlsplit(REDIS_URL)
    REDIS_URL = urlunsplit(parts._replace(path=f"/{10 + int(WORKER.removeprefix('gw'))}"))
    CACHES = {**CACHES, "default": {**CACHES["default"], "LOCATION": REDIS_URL}}
    Q_CLUSTER = {**Q_CLUSTER, "redis": REDIS_URL}
