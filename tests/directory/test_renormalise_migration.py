"""The data migration that rewrites ID and mobile numbers stored before normalisation."""

from importlib import import_module

from django.apps import apps

from core.crypto import keyed_hash
from directory.models import Person
from tests import factories

migration = import_module("directory.migrations.0003_person_numbers_renormalised")
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９ｘ")


def _store_unnormalised(person: Person, *, id_number: str, mobile: str) -> None:
    """Write numbers the way they were stored before (update() skips the field's pre_save)."""
    Person.objects.filter(pk=person.pk).update(
        id_number=id_number,
        id_number_hash=keyed_hash(id_number),
        mobile=mobile,
        mobile_hash=keyed_hash(mobile),
    )


def test_numbers_stored_before_are_rewritten_unless_someone_else_holds_them(tree):
    lone, copy, original = (factories.PersonFactory(region=tree.county_a) for _ in range(3))
    lone_numbers = (lone.id_number, lone.mobile)
    _store_unnormalised(
        lone, id_number=lone.id_number.translate(FULL_WIDTH), mobile=f"+86 {lone.mobile}"
    )
    original_numbers = (original.id_number, original.mobile)
    original.mobile = ""
    original.save()
    _store_unnormalised(
        copy, id_number=original_numbers[0].translate(FULL_WIDTH), mobile=original_numbers[1]
    )

    migration.renormalise(apps, None)

    lone.refresh_from_db()
    assert (lone.id_number, lone.mobile) == lone_numbers
    assert Person.objects.with_id_number(lone_numbers[0]).get() == lone
    assert Person.objects.with_mobile(lone_numbers[1]).get() == lone
    copy.refresh_from_db()
    assert copy.id_number == original_numbers[0].translate(FULL_WIDTH)  # left to be merged
    assert Person.objects.with_id_number(original_numbers[0]).get() == original
