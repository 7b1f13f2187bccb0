"""`manage.py rotate_field_keys`: values written under an old key stay readable while both keys
are listed, and after the rotation the old key can be removed. The lookup hashes follow a new
FIELD_HASH_KEY in the same pass."""

from io import StringIO

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import call_command
from django.db import connection

from directory.models import Person
from tests import factories

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


@pytest.fixture
def people_under_old_key(settings, tree):
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    people = [factories.PersonFactory(region=tree.county_a) for _ in range(3)]
    return {person.pk: (person.id_number, person.mobile) for person in people}


def stored_tokens(pk: int) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id_number, mobile FROM {Person._meta.db_table} WHERE id = %s",  # noqa: S608
            [pk],
        )
        return cursor.fetchone()


def test_old_key_still_decrypts_while_both_are_listed(settings, people_under_old_key):
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]

    for pk, (id_number, mobile) in people_under_old_key.items():
        person = Person.objects.get(pk=pk)
        assert (person.id_number, person.mobile) == (id_number, mobile)


def test_after_rotation_the_old_key_can_be_removed(settings, people_under_old_key):
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]

    call_command("rotate_field_keys", "--batch-size", "2", stdout=StringIO())

    for pk in people_under_old_key:
        for token in stored_tokens(pk):
            Fernet(NEW_KEY).decrypt(token.encode())
            with pytest.raises(InvalidToken):
                Fernet(OLD_KEY).decrypt(token.encode())
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    for pk, (id_number, mobile) in people_under_old_key.items():
        person = Person.objects.get(pk=pk)
        assert (person.id_number, person.mobile) == (id_number, mobile)


def test_lookup_hashes_follow_a_new_hash_key(settings, people_under_old_key):
    settings.FIELD_HASH_KEY = "a-new-hash-key"
    pk, (id_number, mobile) = next(iter(people_under_old_key.items()))
    assert not Person.objects.with_id_number(id_number).exists()

    call_command("rotate_field_keys", stdout=StringIO())

    assert Person.objects.with_id_number(id_number).get().pk == pk
    assert Person.objects.with_mobile(mobile).get().pk == pk
