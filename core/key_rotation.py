"""Re-encrypting every `EncryptedCharField` under the current key (the first of
`FIELD_ENCRYPTION_KEYS`), and re-hashing its lookup hash under the current `FIELD_HASH_KEY`.

Reading a value decrypts it with whichever listed key made it; writing it back encrypts it with
the first. Once every row is written, the older keys decrypt nothing and can be removed.
"""

from collections.abc import Iterator

from django.apps import apps
from django.db import models, transaction

from core.crypto import EncryptedCharField, keyed_hash

BATCH_SIZE = 500


def encrypted_fields() -> Iterator[tuple[type[models.Model], list[EncryptedCharField]]]:
    """Each concrete model with encrypted fields, and those fields."""
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedCharField)]
        if fields:
            yield model, fields


def model_fields_rotate(
    model: type[models.Model], fields: list[EncryptedCharField], *, batch_size: int = BATCH_SIZE
) -> int:
    """Rewrite `fields` (and their hash fields) of every row of `model`, one transaction per
    batch so that a long run neither holds locks for long nor loses its progress; rows written."""
    hash_fields = {field.attname: field.hash_field for field in fields if field.hash_field}
    written = [field.attname for field in fields] + list(hash_fields.values())
    rows = model._base_manager.order_by("pk").only("pk", *written)
    last_pk, total = None, 0
    while True:
        with transaction.atomic():
            batch = list((rows if last_pk is None else rows.filter(pk__gt=last_pk))[:batch_size])
            if not batch:
                return total
            for row in batch:
                for attname, hash_field in hash_fields.items():
                    value = getattr(row, attname)
                    setattr(row, hash_field, keyed_hash(value) if value else None)
            model._base_manager.bulk_update(batch, written)
        last_pk, total = batch[-1].pk, total + len(batch)
