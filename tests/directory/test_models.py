"""Model validation: clear Chinese messages at the field, nothing saved."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from directory.models import Person, Position, Region, ServicePoint
from tests import factories


def _person(tree, **fields):
    values = {
        "name": "赵磊",
        "id_number": "11010519491231002X",
        "education": Person.Education.BACHELOR,
        "region": tree.county_a,
    }
    return Person(**{**values, **fields})


def test_person_fields_are_derived_from_id_number(tree):
    person = _person(tree, id_number="11010519491231002x", mobile="+86 138 1234 5678")
    person.full_clean()
    assert person.born_on == dt.date(1949, 12, 31)
    assert person.gender == "F"
    assert person.id_number == "11010519491231002X"
    assert person.mobile == "13812345678"


def test_id_number_is_encrypted_at_rest_and_found_by_hash(tree):
    from django.db import connection

    from core.crypto import keyed_hash

    person = _person(tree)
    person.full_clean()
    person.save()
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number FROM directory_person WHERE id = %s", [person.pk])
        stored = cursor.fetchone()[0]
    assert "11010519491231002X" not in stored
    found = Person.objects.get(id_number_hash=keyed_hash("11010519491231002X"))
    assert found.id_number == "11010519491231002X"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"id_number": "110105194912310021"}, "id_number", "校验码"),
        ({"id_number": "1101051949123100"}, "id_number", "18 位"),
        ({"mobile": "1234"}, "mobile", "11 位"),
        ({"born_on": dt.date(1950, 1, 1)}, "born_on", "不一致"),
        ({"gender": "M"}, "gender", "不一致"),
    ],
)
def test_person_bad_input_is_refused_with_chinese_message(tree, fields, field, message):
    with pytest.raises(ValidationError) as caught:
        _person(tree, **fields).full_clean()
    assert message in " ".join(caught.value.message_dict[field])


@pytest.mark.parametrize(
    "copy",
    ["11010519491231002X", "１１０１０５１９４９１２３１００２ｘ", "110105 1949 1231 002x"],
    ids=["same", "full-width", "spaced"],
)
def test_duplicate_id_number_is_refused_without_saying_whose(tree, copy):
    first = _person(tree)
    first.full_clean()
    first.save()
    with pytest.raises(ValidationError) as caught:
        _person(tree, name="钱多", id_number=copy).full_clean()
    assert caught.value.message_dict["id_number"] == [
        "该身份证号无法使用，请核对或联系上级管理员。"
    ]


def test_duplicate_mobile_number_is_refused_without_saying_whose(tree):
    first = _person(tree, mobile="13812345678")
    first.full_clean()
    first.save()
    second = _person(
        tree, name="钱多", id_number="110101199003074514", mobile="１３８ １２３４ ５６７８"
    )
    with pytest.raises(ValidationError) as caught:
        second.full_clean()
    assert caught.value.message_dict["mobile"] == ["该手机号无法使用，请核对或联系上级管理员。"]


def test_numbers_are_normalised_when_saved_without_validation(tree):
    """Saving bypasses `clean`, yet stores and hashes only the normalised numbers."""
    person = _person(
        tree, id_number="１１０１０５１９４９１２３１００２ｘ", mobile="＋８６ １３８-1234-5678"
    )
    person.born_on = dt.date(1949, 12, 31)
    person.save()
    person.refresh_from_db()
    assert (person.id_number, person.mobile) == ("11010519491231002X", "13812345678")
    assert Person.objects.with_id_number("11010519491231002x").get() == person
    assert Person.objects.with_mobile("138 1234 5678").get() == person
    assert not Person.objects.with_id_number("").exists()


def test_station_in_region_of_wrong_level_is_refused(tree):
    point = ServicePoint(
        code="X1", name="错层站", kind=ServicePoint.Kind.TOWNSHIP_STATION, region=tree.county_a
    )
    with pytest.raises(ValidationError) as caught:
        point.full_clean()
    assert "乡镇/街道" in caught.value.message_dict["region"][0]


def test_position_end_before_start_is_refused(tree):
    person = factories.PersonFactory(region=tree.county_a)
    position = Position(
        person=person,
        service_point=tree.station_a,
        role=Position.Role.RESIDENT_WORKER,
        starts_on=dt.date(2023, 5, 1),
        ends_on=dt.date(2023, 4, 1),
    )
    with pytest.raises(ValidationError) as caught:
        position.full_clean()
    assert "结束日期" in caught.value.message_dict["ends_on"][0]


def test_region_code_must_match_parent(tree):
    region = Region(name="错码区", code="440105", level="county")
    region._parent = tree.city
    with pytest.raises(ValidationError) as caught:
        region.full_clean()
    assert "上级" in caught.value.message_dict["code"][0]
