"""R2, Haining's "6430" (Jiaxing report): 6 full-time staff, 4 certified, 30 volunteers, an
operating agency rated 3A or better, a station of at least 500 m²."""

import datetime as dt

import pytest

from directory.models import VolunteerCount
from quotas import rules
from quotas.selectors import dashboards, rule_results
from quotas.services import policy_packs
from tests import factories

D = dt.date
MID_2025 = D(2025, 7, 2)
HELD_NOW = ("station-volunteers", "agency-rating", "station-area")
R2_CODES = {
    "station-full-time-staff": 6,
    "station-certified-staff": 4,
    "station-volunteers": 30,
    "agency-rating": 3,
    "station-area": 500,
}


@pytest.fixture
def haining(db):
    zhejiang = factories.region("浙江省", "330000", "province")
    jiaxing = factories.region("嘉兴市", "330400", "city", zhejiang)
    county = factories.region("海宁市", "330481", "county", jiaxing)
    town = factories.region("马桥街道", "330481004", "township", county)
    pack, _, _ = policy_packs.policy_pack_load(name="haining")
    return town, pack


def station(town, *, rating="4A", area=620, agency=True):
    return factories.ServicePointFactory(
        region=town,
        area_m2=area,
        agency=factories.AgencyFactory(region=town, rating=rating) if agency else None,
    )


def results(point, year=2025, today=MID_2025):
    return {
        r.rule.code: r
        for r in rule_results.evaluate_station(service_point=point, year=year, today=today)
    }


def test_r2_pack_holds_6430_and_500_square_metres(haining):
    _town, pack = haining
    rules_by_code = {rule.code: rule for rule in pack.rules.all()}
    assert {code: rules_by_code[code].threshold for code in R2_CODES} == R2_CODES
    assert {rule.rule_ref for rule in rules_by_code.values()} == {"R2"}
    assert rules_by_code["station-volunteers"].source_quote.endswith("30名志愿者")
    assert "3A及以上" in rules_by_code["agency-rating"].source_quote
    assert "不少于500平方米" in rules_by_code["station-area"].source_quote


def test_r2_station_meeting_volunteers_rating_and_area(haining):
    town, _pack = haining
    point = station(town)
    VolunteerCount.objects.create(service_point=point, count=32, counted_on=D(2025, 3, 31))
    found = results(point)
    assert {code: found[code].status for code in HELD_NOW} == dict.fromkeys(HELD_NOW, rules.MET)
    assert found["station-volunteers"].sentence == "志愿者：已完成 32/30"
    assert found["agency-rating"].sentence == "承接机构评估等级：已完成 4A/3A"
    assert found["station-area"].sentence == "站点面积：已完成 620/500 平方米"


def test_r2_station_short_of_volunteers_rating_and_area(haining):
    town, _pack = haining
    point = station(town, rating="2A", area=450)
    VolunteerCount.objects.create(service_point=point, count=24, counted_on=D(2025, 3, 31))
    found = results(point)
    assert {code: found[code].status for code in HELD_NOW} == dict.fromkeys(HELD_NOW, rules.BEHIND)
    assert found["station-volunteers"].gap.strip() == "还差 6"
    assert found["station-area"].gap == "还差 50 平方米"


def test_r2_volunteers_are_the_newest_count_of_the_day_evaluated(haining):
    town, _pack = haining
    point = station(town)
    VolunteerCount.objects.create(service_point=point, count=20, counted_on=D(2024, 6, 30))
    VolunteerCount.objects.create(service_point=point, count=31, counted_on=D(2025, 6, 30))
    VolunteerCount.objects.create(service_point=point, count=10, counted_on=D(2025, 9, 30))
    assert results(point)["station-volunteers"].achieved == 31  # as of 2 July 2025
    assert results(point, year=2024, today=MID_2025)["station-volunteers"].achieved == 20


def test_r2_nothing_recorded_is_not_applicable_and_says_why(haining):
    town, _pack = haining
    point = station(town, area=None, agency=False)
    found = results(point)
    assert found["station-volunteers"].status == rules.NOT_APPLICABLE
    assert found["station-volunteers"].sentence == "志愿者：尚无志愿者人数记录"
    assert found["agency-rating"].sentence == "承接机构评估等级：尚无承接机构或其评估等级记录"
    assert found["station-area"].sentence == "站点面积：尚无站点面积记录"


def test_r2_counted_on_the_county_dashboard_by_station(haining):
    town, _pack = haining
    good, short = station(town), station(town, rating="2A")
    VolunteerCount.objects.create(service_point=good, count=30, counted_on=D(2025, 1, 31))
    VolunteerCount.objects.create(service_point=short, count=29, counted_on=D(2025, 1, 31))
    board = dashboards.region_dashboard(region=town.get_parent(), year=2025, today=MID_2025)
    by_code = {rule.code: board.totals[rule.pk] for rule in board.rules}
    volunteers, rating = by_code["station-volunteers"], by_code["agency-rating"]
    assert (volunteers.counts["met"], volunteers.total) == (1, 2)
    assert (rating.counts["met"], rating.total) == (1, 2)
    assert all(rule.pk in board.station_rules for rule in board.rules)
