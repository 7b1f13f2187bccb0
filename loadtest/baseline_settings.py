"""The production settings with Django's default password hashers (PBKDF2 first), to measure
what Argon2id changes: `LOAD_SETTINGS=loadtest.baseline_settings loadtest/run.sh burst`."""

from config.settings.production import *  # noqa: F403

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "accounts.hashers.PortalArgon2PasswordHasher",
]
