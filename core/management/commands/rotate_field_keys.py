"""`manage.py rotate_field_keys`: every encrypted value under the current key (docs/deploy.md,
"Key rotation")."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand

from core import key_rotation


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field under the first of FIELD_ENCRYPTION_KEYS and re-hash "
        "its lookup hash under FIELD_HASH_KEY."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=key_rotation.BATCH_SIZE)

    def handle(self, *args, batch_size: int, **options):
        started = time.perf_counter()
        keys = len(settings.FIELD_ENCRYPTION_KEYS)
        self.stdout.write(f"{keys} keys configured; encrypting under the first")
        for model, fields in key_rotation.encrypted_fields():
            step = time.perf_counter()
            rows = key_rotation.model_fields_rotate(model, fields, batch_size=batch_size)
            names = ", ".join(field.name for field in fields)
            self.stdout.write(
                f"{model._meta.label} ({names}): {rows} rows in {time.perf_counter() - step:.2f} s"
            )
        self.stdout.write(f"done in {time.perf_counter() - started:.2f} s")
