"""Rewrite ID and mobile numbers stored before normalisation (full-width digits, spaces).

A number whose normalised form another person already holds is left as it is: two records of
one person must be merged by an administrator, and a warning names the records' ids.
"""

import logging

from django.db import migrations

from core.crypto import keyed_hash
from directory import identity

logger = logging.getLogger(__name__)

FIELDS = (
    ("id_number", "id_number_hash", identity.normalise_id_number),
    ("mobile", "mobile_hash", identity.normalise_mobile),
)


def renormalise(apps, schema_editor):
    Person = apps.get_model("directory", "Person")
    for person in Person.objects.iterator(chunk_size=500):
        changed = []
        for field, hash_field, normalise in FIELDS:
            value = getattr(person, field)
            if not value or normalise(value) == value:
                continue
            holders = Person.objects.filter(**{hash_field: keyed_hash(normalise(value))})
            if holders.exclude(pk=person.pk).exists():
                logger.warning("Person %s: %s is held by another person", person.pk, field)
                continue
            changed += [field, hash_field]  # the field normalises and hashes on save
        if changed:
            person.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_person_numbers_normalise")]

    operations = [migrations.RunPython(renormalise, migrations.RunPython.noop)]
