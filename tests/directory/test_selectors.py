import datetime as dt

from directory import selectors
from directory.models import ServicePoint
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
