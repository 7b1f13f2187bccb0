import datetime as dt

from directory import selectors
from directory.models import Person, ServicePoint
from tests import factories

D = dt.date
MAY = {"starts_on": D(2025, 5, 1), "ends_on": D(2025, 5, 31)}


def test_township_stations_of_a_region_and_everywhere(tree):
    factories.ServicePointFactory(region=tree.county_a, kind=ServicePoint.Kind.COUNTY_STATION)
    assert list(selectors.township_stations(region=tree.county_a)) == [tree.station_a]
    assert set(selectors.township_stations()) == {tree.station_a, tree.station_b}


def test_positions_held_and_staff_changes_in_a_month(tree, wang_fang):
    joined = factories.PersonFactory(region=tree.county_a, name="新人")
    factories.PositionFactory(person=joined, service_point=tree.station_a, starts_on=D(2025, 5, 12))
    left = factories.PersonFactory(region=tree.county_a, name="离职者")
    factories.PositionFactory(
        person=left, service_point=tree.station_a, starts_on=D(2023, 1, 1), ends_on=D(2025, 5, 3)
    )
    gone = factories.PersonFactory(region=tree.county_a, name="早已离职")
    factories.PositionFactory(
        person=gone, service_point=tree.station_a, starts_on=D(2023, 1, 1), ends_on=D(2025, 4, 30)
    )
    held = selectors.positions_held_between(service_point=tree.station_a, **MAY)
    assert {p.person.name for p in held} == {"王芳", "新人", "离职者"}
    changes = selectors.staff_changes_between(service_point=tree.station_a, **MAY)
    assert [(c["name"], c["change"]) for c in changes] == [("新人", "joined"), ("离职者", "left")]
    assert selectors.staff_changes_between(service_point=tree.station_b, **MAY) == []


def test_person_with_active_account_by_mobile_however_typed(tree, wang_fang):
    mobile = wang_fang.mobile
    found = selectors.person_with_active_account(mobile=f"+86 {mobile[:3]} {mobile[3:]}")
    assert found == wang_fang
    factories.PersonFactory(region=tree.county_a, mobile="13900000001")  # no account
    assert selectors.person_with_active_account(mobile="13900000001") is None
    wang_fang.user.is_active = False
    wang_fang.user.save()
    assert selectors.person_with_active_account(mobile=mobile) is None


def test_id_numbers_and_mobiles_in_use_anywhere(tree, wang_fang, chen_jing):
    assert selectors.id_number_in_use(number=chen_jing.id_number)
    assert selectors.mobile_in_use(number=chen_jing.mobile)
    unused = factories.make_id_number()
    assert not selectors.id_number_in_use(number=unused)
    assert not selectors.mobile_in_use(number=factories.make_mobile())


def test_people_in_any_of_several_groups(tree, wang_fang, zhang_min, chen_jing):
    people = Person.objects.all()
    found = selectors.people_in_any(
        groups=[people.filter(name="王芳"), people.filter(region=tree.county_b)]
    )
    assert set(found) == {wang_fang, chen_jing}


def test_people_placed_in_a_region_during_a_year(tree, wang_fang):
    year = {"starts_on": D(2025, 1, 1), "ends_on": D(2025, 12, 31)}
    left = factories.PersonFactory(region=tree.county_a, name="年中离职")
    factories.PositionFactory(
        person=left, service_point=tree.station_a, starts_on=D(2020, 1, 1), ends_on=D(2025, 6, 30)
    )
    gone = factories.PersonFactory(region=tree.county_a, name="去年离职")
    factories.PositionFactory(
        person=gone, service_point=tree.station_a, starts_on=D(2020, 1, 1), ends_on=D(2024, 12, 31)
    )
    later = factories.PersonFactory(region=tree.county_a, name="明年入职")
    factories.PositionFactory(person=later, service_point=tree.station_a, starts_on=D(2026, 1, 1))
    elsewhere = factories.PersonFactory(region=tree.county_b, name="县B社工")
    factories.PositionFactory(person=elsewhere, service_point=tree.station_b)
    placed = selectors.people_placed_in(region_path=tree.county_a.path, **year)
    assert list(placed) == [wang_fang, left]
    assert placed[0].user == wang_fang.user
    assert {p.name for p in selectors.people_placed_in(region_path=tree.city.path, **year)} == {
        "王芳",
        "年中离职",
        "县B社工",
    }


def test_service_point_codes_in_use(tree):
    codes = {tree.station_a.code, tree.station_b.code, "UNUSED-01"}
    assert selectors.service_point_codes_in_use(codes=codes) == {
        tree.station_a.code,
        tree.station_b.code,
    }
    assert selectors.service_point_codes_in_use(codes=[]) == set()


def test_regions_to_depth_in_tree_order_and_region_with_id(tree):
    assert list(selectors.regions_to_depth(depth=2)) == [tree.province, tree.city]
    assert list(selectors.regions_to_depth(depth=3)) == [
        tree.province,
        tree.city,
        tree.county_a,
        tree.county_b,
    ]
    assert selectors.region_with_id(region_id=tree.county_b.pk) == tree.county_b
    assert selectors.region_with_id(region_id=tree.town_b.pk + 1000) is None
