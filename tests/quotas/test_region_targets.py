"""Region targets of Hunan's plan (R25, R16): numbers for a county or the province as a whole."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from directory import services as directory_services
from directory.models import CountyRecognition, Coverage, ServicePoint
from quotas import rules
from quotas.selectors import rulebook
from quotas.selectors.region_targets import ABOVE, BELOW, OWN, region_targets
from supervision import services as supervision_services
from supervision.models import CommitteeLevel, SupervisorGrade
from tests import factories

D = dt.date
AFTER_THE_PLAN = D(2024, 3, 1)  # every year of the plan is over
TOWNSHIP_GUIDE = "《乡镇（街道）五星级社工站评审指南》"
ROOM_GUIDE = "《村（社区）五星级社工室评审指南》"


def lines(region, year, today=AFTER_THE_PLAN):
    return {line.rule.code: line for line in region_targets(region=region, year=year, today=today)}


def rate(point, stars, on, guide=TOWNSHIP_GUIDE):
    return directory_services.star_rating_record(
        service_point=point, stars=stars, rated_on=on, guide=guide, recorded_by=None
    )


def township_stations(town, count):
    return [factories.ServicePointFactory(region=town) for _ in range(count)]


# The document's numbers, year by year


@pytest.mark.parametrize(
    ("code", "year", "owed"),
    [
        ("county-five-star-share", 2021, 10),
        ("county-five-star-share", 2022, 20),
        ("county-five-star-share", 2023, 30),
        ("county-five-star-stations", 2021, 1),
        ("county-five-star-stations", 2023, 1),
    ],
)
def test_r25_county_targets_per_year(hunan_plan, tree, code, year, owed):
    line = lines(tree.county_a, year)[code]
    assert (line.relation, line.owed) == (OWN, owed)
    assert line.rule.rule_ref == "R25" and line.rule.source_clause == "二、（二）2"


@pytest.mark.parametrize(
    ("code", "year", "owed"),
    [
        ("village-coverage-share", 2021, 10),
        ("village-coverage-share", 2022, 20),
        ("village-coverage-share", 2023, 30),
        ("recognised-counties", 2021, 30),
        ("recognised-counties", 2022, 40),
        ("recognised-counties", 2023, 50),
        ("five-star-rooms", 2021, 2000),
        ("five-star-rooms", 2023, 2000),
        ("local-supervisors", 2021, 60),
        ("local-supervisors", 2023, 60),
    ],
)
def test_r25_r16_province_targets_per_year(hunan_plan, tree, code, year, owed):
    line = lines(tree.province, year)[code]
    assert (line.relation, line.owed) == (OWN, owed)


def test_r25_r16_pilot_and_supervisors_are_due_by_the_plans_end(hunan_plan, tree):
    targets = lines(tree.province, 2021)
    for code in ("five-star-rooms", "local-supervisors"):
        assert targets[code].due_on == D(2023, 12, 31)
        assert "2023-12-31 前达到" in targets[code].owed_text
    assert targets["recognised-counties"].due_on == D(2021, 12, 31)


def test_r25_r16_cite_their_clauses(hunan_plan, tree):
    targets = lines(tree.province, 2022)
    assert {code: line.rule.source_clause for code, line in targets.items()} == {
        "county-five-star-share": "二、（二）2",
        "county-five-star-stations": "二、（二）2",
        "village-coverage-share": "二、（二）3",
        "recognised-counties": "二、（二）1",
        "five-star-rooms": "三、（七）",
        "local-supervisors": "三、（八）",
    }
    assert targets["recognised-counties"].rule.source_quote.startswith("在全省打造工作优良县")
    assert targets["local-supervisors"].rule.rule_ref == "R16"


def test_r25_not_in_force_after_the_plan(hunan_plan, tree):
    assert region_targets(region=tree.county_a, year=2025, today=D(2025, 7, 1)) == []
    assert region_targets(region=tree.province, year=2024, today=D(2025, 7, 1)) == []
    lapsed = {rule.code for rule in rulebook.lapsed_around(tree.province.path, 2025)}
    assert {"county-five-star-share", "recognised-counties", "local-supervisors"} <= lapsed


# Five-star township stations per county


def test_r25_five_star_share_counts_dated_reviews_per_county(hunan_plan, tree):
    """County A: 10 township stations, one five-star from 2021, a second from 2022."""
    stations = [tree.station_a, *township_stations(tree.town_a, 9)]
    rate(stations[0], 5, D(2021, 6, 1))
    rate(stations[1], 4, D(2021, 6, 1))
    rate(stations[1], 5, D(2022, 6, 1))
    rate(stations[2], 3, D(2022, 6, 1))
    share = {year: lines(tree.county_a, year)["county-five-star-share"] for year in (2021, 2022)}
    assert (share[2021].figure.part, share[2021].figure.whole) == (1, 10)
    assert share[2021].reached_text == "10%（1/10）"
    assert share[2021].status == rules.MET
    assert share[2022].figure.part == 2 and share[2022].status == rules.MET
    later = lines(tree.county_a, 2023)["county-five-star-share"]
    assert later.figure.part == 2 and later.status == rules.BEHIND  # 20 % of 30 %


def test_r25_share_is_compared_exactly(hunan_plan, tree):
    """1 of 11 stations is 9.09 %: short of 10 %, though it rounds to 9 or 10."""
    stations = [tree.station_a, *township_stations(tree.town_a, 10)]
    rate(stations[0], 5, D(2021, 3, 1))
    line = lines(tree.county_a, 2021)["county-five-star-share"]
    assert (line.figure.part, line.figure.whole, line.status) == (1, 11, rules.BEHIND)


@pytest.mark.parametrize(
    ("part", "whole", "owed", "status"),
    [(25, 250, 10, rules.MET), (24, 250, 10, rules.BEHIND), (3, 10, 30, rules.MET)],
)
def test_r25_share_status(part, whole, owed, status):
    assert rules.share_status(part=part, whole=whole, owed_percent=owed, elapsed=1.0) == status


def test_r25_at_least_one_five_star_station_per_county(hunan_plan, tree):
    rate(tree.station_a, 5, D(2022, 5, 1))
    rate(tree.station_b, 4, D(2021, 5, 1))
    assert lines(tree.county_a, 2021)["county-five-star-stations"].status == rules.BEHIND
    assert lines(tree.county_a, 2022)["county-five-star-stations"].status == rules.MET
    county_b = lines(tree.county_b, 2022)["county-five-star-stations"]
    assert (county_b.figure.part, county_b.status) == (0, rules.BEHIND)


def test_r25_one_five_star_station_in_ten_meets_both_in_2021(hunan_plan, tree):
    stations = [tree.station_b, *township_stations(tree.town_b, 9)]
    rate(stations[0], 5, D(2021, 2, 1))
    targets = lines(tree.county_b, 2021)
    assert targets["county-five-star-stations"].status == rules.MET
    assert targets["county-five-star-share"].status == rules.MET


def test_r25_undated_star_rating_is_not_counted(hunan_plan, tree):
    ServicePoint.objects.filter(pk=tree.station_a.pk).update(star_rating=5)
    line = lines(tree.county_a, 2022)["county-five-star-stations"]
    assert (line.figure.part, line.status) == (0, rules.BEHIND)


def test_r25_county_without_township_stations_is_not_applicable(hunan_plan, tree):
    county_c = factories.region("岳麓区", "430104", "county", tree.city)
    targets = lines(county_c, 2022)
    assert targets["county-five-star-share"].status == rules.NOT_APPLICABLE
    assert targets["county-five-star-stations"].status == rules.NOT_APPLICABLE
    assert targets["county-five-star-share"].reached_text == "—"


def test_r25_year_in_progress_is_judged_at_its_pace(hunan_plan, tree):
    """Mid-2022, 1 five-star station of 8 (12.5 %) is on track for 20 % by December."""
    stations = [tree.station_a, *township_stations(tree.town_a, 7)]
    rate(stations[0], 5, D(2021, 6, 1))
    line = lines(tree.county_a, 2022, today=D(2022, 7, 1))["county-five-star-share"]
    assert line.status == rules.ON_TRACK


def test_r25_city_and_province_count_the_counties_that_reach_theirs(hunan_plan, tree):
    rate(tree.station_a, 5, D(2021, 6, 1))
    rate(tree.station_b, 3, D(2021, 6, 1))
    for region in (tree.city, tree.province):
        line = lines(region, 2021)["county-five-star-stations"]
        assert (line.relation, line.met, line.counted) == (BELOW, 1, 2)
        assert line.reached_text == "1/2 个县/区达标"


def test_r25_province_reads_do_not_grow_with_the_counties(
    hunan_plan, tree, django_assert_max_num_queries
):
    """One grouped read per measure and level (five-star stations by county, the counties,
    villages, recognitions, rooms, local supervisors) and the rule book's version."""
    for n in range(1, 6):
        county = factories.region(f"县{n}", f"4301{20 + n}", "county", tree.city)
        town = factories.region(f"镇{n}", f"4301{20 + n}101", "township", county)
        rate(factories.ServicePointFactory(region=town), 5, D(2021, 6, 1))
    rulebook.all_rules()  # loaded once per process, not per page
    with django_assert_max_num_queries(7):
        targets = lines(tree.province, 2021)
    assert targets["county-five-star-stations"].met == 5


# Villages covered, counties recognised, five-star rooms, local supervisors


@pytest.fixture
def villages(tree):
    """Three villages under township A, one under township B."""
    return [
        factories.region(f"村{n}", f"430102001{n:03d}", "village", tree.town_a) for n in (1, 2, 3)
    ] + [factories.region("村4", "430103001001", "village", tree.town_b)]


def test_r25_village_coverage_share_province_wide(hunan_plan, tree, villages):
    Coverage.objects.create(
        region=villages[0], service_point=tree.station_a, covered_from=D(2021, 4, 1)
    )
    Coverage.objects.create(
        region=villages[3], service_point=tree.station_b, covered_from=D(2023, 4, 1)
    )
    coverage = {year: lines(tree.province, year)["village-coverage-share"] for year in (2021, 2023)}
    assert (coverage[2021].figure.part, coverage[2021].figure.whole) == (1, 4)
    assert coverage[2021].status == rules.MET  # 25 % of 10 %
    assert coverage[2023].figure.part == 2 and coverage[2023].status == rules.MET  # 50 % of 30 %


def test_r25_county_sees_its_part_of_a_province_target(hunan_plan, tree, villages):
    Coverage.objects.create(
        region=villages[0], service_point=tree.station_a, covered_from=D(2021, 4, 1)
    )
    line = lines(tree.county_a, 2021)["village-coverage-share"]
    assert (line.relation, line.figure.part, line.figure.whole) == (ABOVE, 1, 3)
    assert line.status == "" and "不单独考核" in line.status_label


def test_r25_coverage_must_be_a_village_served_from_above(tree, villages):
    with pytest.raises(ValidationError):
        Coverage(
            region=tree.town_a, service_point=tree.station_a, covered_from=D(2021, 1, 1)
        ).full_clean()
    with pytest.raises(ValidationError):  # station B sits in another township
        Coverage(
            region=villages[0], service_point=tree.station_b, covered_from=D(2021, 1, 1)
        ).full_clean()


def test_r25_recognised_counties_add_up_over_the_years(hunan_plan, tree):
    CountyRecognition.objects.create(region=tree.county_a, year=2021)
    CountyRecognition.objects.create(region=tree.county_b, year=2022)
    CountyRecognition.objects.create(region=tree.county_a, year=2022)  # named again: one county
    assert lines(tree.province, 2021)["recognised-counties"].figure.part == 1
    line = lines(tree.province, 2022)["recognised-counties"]
    assert (line.figure.part, line.owed, line.status) == (2, 40, rules.BEHIND)


def test_r25_five_star_rooms_at_the_plans_pace(hunan_plan, tree, villages):
    room = factories.ServicePointFactory(
        region=villages[0], kind=ServicePoint.Kind.COMMUNITY_ROOM, star_rating=None
    )
    rate(room, 5, D(2021, 9, 1), guide=ROOM_GUIDE)
    rate(tree.station_a, 5, D(2021, 9, 1))  # a township station is not a room
    line = lines(tree.province, 2021)["five-star-rooms"]
    assert (line.figure.part, line.owed, line.status) == (1, 2000, rules.BEHIND)


@pytest.fixture
def grade(db):
    return SupervisorGrade.objects.create(name="督导助理", rank=1)


def local_supervisor(region, grade, *, starts_on, level=CommitteeLevel.LOCAL):
    person = factories.PersonFactory(region=region)
    return supervision_services.supervisor_profile_create(
        person=person, committee_level=level, grade=grade, starts_on=starts_on, created_by=None
    )


def test_r16_local_supervisors_selected_in_the_province(hunan_plan, tree, grade):
    for n in range(20):
        local_supervisor(tree.county_a, grade, starts_on=D(2021, 3, 1 + n))
    local_supervisor(tree.county_b, grade, starts_on=D(2022, 3, 1))
    local_supervisor(tree.county_b, grade, starts_on=D(2021, 3, 1), level=CommitteeLevel.COUNTY)
    guangdong = factories.region("广东省", "440000", "province")
    local_supervisor(guangdong, grade, starts_on=D(2021, 3, 1))
    first = lines(tree.province, 2021)["local-supervisors"]
    assert (first.figure.part, first.owed) == (20, 60)
    assert first.status == rules.ON_TRACK  # 20 of 60, a third of the way through the plan
    assert lines(tree.province, 2022)["local-supervisors"].figure.part == 21
    assert lines(tree.province, 2023)["local-supervisors"].status == rules.BEHIND
    county = lines(tree.county_b, 2022)["local-supervisors"]
    assert (county.relation, county.figure.part) == (ABOVE, 1)


# The star rating history


def test_r25_star_rating_record_keeps_the_current_rating_in_step(tree):
    rate(tree.station_a, 4, D(2022, 6, 1))
    tree.station_a.refresh_from_db()
    assert tree.station_a.star_rating == 4
    rate(tree.station_a, 5, D(2023, 6, 1))
    rate(tree.station_a, 2, D(2021, 6, 1))  # an older review entered late
    tree.station_a.refresh_from_db()
    assert tree.station_a.star_rating == 5
    assert list(tree.station_a.star_ratings.values_list("stars", flat=True)) == [5, 4, 2]


def test_r25_star_rating_is_one_to_five_once_a_day(tree):
    with pytest.raises(ValidationError):
        rate(tree.station_a, 6, D(2022, 6, 1))
    rate(tree.station_a, 4, D(2022, 6, 1))
    with pytest.raises(ValidationError):
        rate(tree.station_a, 5, D(2022, 6, 1))


# The dashboard


@pytest.fixture
def rated(hunan_plan, tree):
    rate(tree.station_a, 5, D(2022, 6, 1))
    return tree


def test_r25_region_page_shows_the_county_targets(client, rated, zhang_min):
    client.force_login(zhang_min.user)
    page = client.get(reverse("quotas:region", args=[rated.county_a.pk]), {"year": "2023"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "区域指标" in html and "五星级乡镇（街道）社工站占比" in html
    assert "100%（1/1）" in html and "30%" in html
    assert "每个县市区不少于1个" in html and "R25" in html


def test_r25_region_page_invents_no_number_after_the_plan(client, rated, zhang_min):
    client.force_login(zhang_min.user)
    html = client.get(
        reverse("quotas:region", args=[rated.county_a.pk]), {"year": "2025"}
    ).content.decode()
    assert "区域指标" not in html
    assert "五星级乡镇（街道）社工站占比" in html  # named among the lapsed rules


@pytest.mark.parametrize(("who", "status"), [("chen_jing", 404), ("wang_fang", 404)])
def test_r25_region_page_refuses_wrong_user(client, request, rated, who, status):
    client.force_login(request.getfixturevalue(who).user)
    url = reverse("quotas:region", args=[rated.county_a.pk])
    assert client.get(url, {"year": "2023"}).status_code == status


def test_r25_excel_export_lists_the_targets(client, rated, zhang_min):
    client.force_login(zhang_min.user)
    response = client.get(
        reverse("quotas:region_export", args=[rated.county_a.pk]), {"year": "2023"}
    )
    sheet = load_workbook(io.BytesIO(response.content))["区域指标"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    share = next(row for row in rows if row[0] == "五星级乡镇（街道）社工站占比")
    assert share[2:5] == ["30%", "100%（1/1）", "已达标"] and share[5] == "R25"


def test_r25_only_counties_are_recognised(tree):
    with pytest.raises(ValidationError):
        CountyRecognition(region=tree.town_a, year=2021).full_clean()
    CountyRecognition(region=tree.county_a, year=2021).full_clean()


def test_r25_station_page_does_not_name_region_targets_as_lapsed(client, rated, zhang_min):
    client.force_login(zhang_min.user)
    html = client.get(
        reverse("quotas:station", args=[rated.station_a.pk]), {"year": "2025"}
    ).content.decode()
    assert "社工教育背景或持证人员占比" in html  # a lapsed station rule (R4)
    assert "五星级乡镇（街道）社工站占比" not in html
