"""Encryption at rest for personal data (PIPL): Fernet from `cryptography`, never our own cipher.

`FIELD_ENCRYPTION_KEYS` lists Fernet keys: the first encrypts, every key decrypts (rotation).
`FIELD_HASH_KEY` keys an HMAC-SHA256 so that equal values can be found and kept unique without
decrypting anything.
"""

import hashlib
import hmac
from collections.abc import Callable
from functools import cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.db import models


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def encrypt(value: str) -> str:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS)).encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS)).decrypt(token.encode()).decode()


def keyed_hash(value: str) -> str:
    """A stable, keyed digest of `value` for unique constraints and lookups."""
    key = settings.FIELD_HASH_KEY.encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


class EncryptedCharField(models.TextField):
    """Stores a Fernet token; Python code sees plain text.

    With `normalise` (a function of the text), saving first writes the value in that form, so
    nothing is stored or hashed any other way. With `hash_field`, saving also fills that sibling
    field with `keyed_hash(value)` (or None when empty), so declare the hash field after this one.
    """

    def __init__(
        self,
        *args,
        hash_field: str | None = None,
        normalise: Callable[[str], str] | None = None,
        **kwargs,
    ):
        self.hash_field = hash_field
        self.normalise = normalise
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.hash_field:
            kwargs["hash_field"] = self.hash_field
        if self.normalise:
            kwargs["normalise"] = self.normalise
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else value

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        if value and self.normalise:
            value = self.normalise(value)
            setattr(model_instance, self.attname, value)
        if self.hash_field:
            setattr(model_instance, self.hash_field, keyed_hash(value) if value else None)
        return value
