import datetime as dt

import pytest

from credentials.models import Qualification, Registration
from quotas import packs
from quotas.models import PolicyPack, PolicyRule
from quotas.selectors import rule_results, rulebook
from quotas.services import policy_packs
from supervision import services as supervision_services
from supervision.models import CommitteeLevel, SessionForm
from tests import factories
from tests.supervision.conftest import at

D = dt.date
MID_2025 = D(2025, 7, 2)


def by_code(results):
    return {result.rule.code: result for result in results}


def test_pack_loads_twice_without_changes(hunan):
    _, created, changed = policy_packs.policy_pack_load(name="hunan")
    assert (created, changed) == (0, 0)
    # the plan's person and station rules, its region targets (R16, R25), R8/R12 carried forward
    assert hunan.rules.count() == 6 + 6 + 4


def test_pack_load_stores_each_rules_clause_and_quote(hunan):
    stored = {rule.code: (rule.source_clause, rule.source_quote) for rule in hunan.rules.all()}
    assert stored == {
        rule["code"]: (rule["source_clause"], rule["source_quote"])
        for rule in packs.PACKS["hunan"]["rules"]
    }


def test_r13_hunan_county_worker_owes_city_and_county_quotas(hunan, wang_fang, credit):
    results = by_code(rule_results.evaluate_person(person=wang_fang, year=2025, today=MID_2025))
    assert {
        "worker-city-supervision",
        "worker-county-supervision",
        "worker-city-training",
        "worker-county-training",
    } <= set(results)
    assert results["worker-city-supervision"].owed == 12 * 60
    assert results["worker-county-supervision"].owed == 24 * 60


def test_r13_county_hours_do_not_count_for_the_city_rule(hunan, wang_fang, credit):
    credit(wang_fang, 30 * 60, level="county")
    results = by_code(rule_results.evaluate_person(person=wang_fang, year=2025, today=MID_2025))
    assert results["worker-county-training"].achieved == 30 * 60
    assert results["worker-city-training"].achieved == 0
    assert results["worker-city-training"].status == "behind"


def test_sentence_and_gap_in_chinese(hunan, wang_fang, credit):
    credit(wang_fang, 14 * 60, level="county")
    result = by_code(rule_results.evaluate_person(person=wang_fang, year=2025, today=MID_2025))[
        "worker-county-training"
    ]
    assert result.sentence == "县级培训：已完成 14.0/40.0 小时"
    assert result.gap == "还差 26.0 小时"


@pytest.mark.parametrize(
    ("hours", "today", "status"),
    [
        (40, MID_2025, "met"),
        (21, MID_2025, "on_track"),
        (17, MID_2025, "at_risk"),
        (5, MID_2025, "behind"),
        (39, D(2026, 1, 5), "behind"),
    ],
)
def test_each_status(hunan, wang_fang, credit, hours, today, status):
    credit(wang_fang, hours * 60, level="county")
    result = by_code(rule_results.evaluate_person(person=wang_fang, year=2025, today=today))[
        "worker-county-training"
    ]
    assert result.status == status


def test_r8_confirmed_supervision_counts_pending_shows_apart(
    hunan, tree, wang_fang, li_qiang, county_supervisor
):
    profile = county_supervisor
    sessions = [
        supervision_services.session_log(
            service_point=tree.station_a,
            supervisors=[profile],
            providing_level=CommitteeLevel.COUNTY,
            form=SessionForm.CIRCUIT,
            started_at=at(2025, month, 3),
            duration_minutes=120,
            status="held",
            topic="个案督导",
            supervisees=[(wang_fang, 120)],
            logged_by=li_qiang.user,
        )
        for month in (3, 4)
    ]
    supervision_services.supervisee_confirm(
        supervisee=sessions[0].supervisees.get(), confirmed_by=wang_fang.user
    )
    result = by_code(rule_results.evaluate_person(person=wang_fang, year=2025, today=MID_2025))[
        "worker-county-supervision"
    ]
    assert (result.achieved, result.pending) == (120, 120)
    assert result.sentence == "县级督导：已完成 2.0/24.0 小时（另有 2.0 小时待确认）"


def test_r22_registration_period_and_not_applicable(national, wang_fang, credit):
    qualification = Qualification.objects.create(
        person=wang_fang, level="assistant", certificate_number="A1", passed_on=D(2022, 6, 1)
    )
    results = by_code(rule_results.evaluate_person(person=wang_fang, year=2025, today=MID_2025))
    assert results["continuing-education-assistant"].status == "n/a"
    assert "continuing-education-intermediate" not in results
    Registration.objects.create(
        qualification=qualification, starts_on=D(2023, 1, 1), ends_on=D(2025, 12, 31)
    )
    credit(wang_fang, 20 * 60, on=D(2023, 5, 1))
    credit(wang_fang, 30 * 60, on=D(2025, 2, 1))
    credit(wang_fang, 10 * 60, on=D(2022, 5, 1))  # before the period
    result = by_code(rule_results.evaluate_person(person=wang_fang, year=2025, today=MID_2025))[
        "continuing-education-assistant"
    ]
    assert (result.achieved, result.owed) == (50 * 60, 72 * 60)
    assert (result.starts_on, result.ends_on) == (D(2023, 1, 1), D(2025, 12, 31))


def test_r22_training_of_another_kind_does_not_count(national, wang_fang, credit):
    qualification = Qualification.objects.create(
        person=wang_fang, level="intermediate", certificate_number="B1", passed_on=D(2022, 6, 1)
    )
    Registration.objects.create(
        qualification=qualification, starts_on=D(2023, 1, 1), ends_on=D(2025, 12, 31)
    )
    credit(wang_fang, 20 * 60, kind="continuing", on=D(2024, 5, 1))
    credit(wang_fang, 30 * 60, kind="practice", on=D(2024, 6, 1))
    result = by_code(rule_results.evaluate_person(person=wang_fang, year=2025, today=MID_2025))[
        "continuing-education-intermediate"
    ]
    assert (result.achieved, result.owed) == (20 * 60, 90 * 60)


def test_r11_hangzhou_counts_distinct_days_of_training(tree, wang_fang, credit):
    """R11: no document converts a training day into hours: days attended are counted."""
    zhejiang = factories.region("浙江省", "330000", "province")
    hangzhou = factories.region("杭州市", "330100", "city", zhejiang)
    county = factories.region("西湖区", "330106", "county", hangzhou)
    town = factories.region("北山街道", "330106001", "township", county)
    station = factories.ServicePointFactory(region=town)
    worker = factories.PersonFactory(region=county)
    factories.PositionFactory(person=worker, service_point=station)
    policy_packs.policy_pack_load(name="hangzhou")
    credit(worker, 12 * 60, level="city", on=D(2025, 3, 1))  # a long day is still one day
    credit(worker, 90, level="county", kind="practice", on=D(2025, 4, 2))
    credit(worker, 60, level="county", kind="policy", on=D(2025, 4, 2))  # same day, another kind
    result = by_code(rule_results.evaluate_person(person=worker, year=2025, today=MID_2025))[
        "worker-training-days"
    ]
    assert (result.achieved, result.owed) == (2, 3)
    assert result.sentence == "年度培训：已完成 2/3 天"
    assert PolicyPack.objects.get(name="hangzhou").hours_per_day is None


def test_r11_a_pack_that_states_hours_per_day_converts_with_them(tree, wang_fang, credit):
    zhejiang = factories.region("浙江省", "330000", "province")
    factories.region("杭州市", "330100", "city", zhejiang)
    pack, _, _ = policy_packs.policy_pack_load(name="hangzhou")
    PolicyPack.objects.filter(pk=pack.pk).update(hours_per_day=6)
    rule = PolicyRule.objects.select_related("pack").get(pack=pack, code="worker-training-days")
    assert rule_results._owed(rule, 2025) == 3 * 6 * 60


@pytest.mark.parametrize(("year", "share"), [(2021, 30), (2022, 40), (2023, 50)])
def test_r4_certified_share_grows_within_the_plan(hunan, tree, wang_fang, year, share):
    """R4: 30 % in 2021, 10 points more each year of the 2021–2023 plan."""
    results = by_code(
        rule_results.evaluate_station(service_point=tree.station_a, year=year, today=MID_2025)
    )
    assert results["station-certified-share"].owed == share


def test_r4_share_uses_verified_certificates_and_degrees(hunan, tree, wang_fang):
    colleague = factories.PersonFactory(region=tree.county_a, social_work_major=False)
    factories.PositionFactory(person=colleague, service_point=tree.station_a)
    results = by_code(
        rule_results.evaluate_station(service_point=tree.station_a, year=2023, today=MID_2025)
    )
    share = results["station-certified-share"]
    assert share.owed == 50 and share.achieved == 50  # 王芳 has a social-work degree
    assert share.status == "met"


def test_r4_r18_after_the_plan_no_rule_is_in_force(hunan, tree):
    """After 2023 neither share is in force (Hunan carries only its hours forward): no number,
    and the station's page names the lapsed rules instead."""
    later = by_code(
        rule_results.evaluate_station(service_point=tree.station_a, year=2025, today=MID_2025)
    )
    assert "station-certified-share" not in later
    assert "station-service-time-share" not in later
    lapsed = {rule.code for rule in rulebook.lapsed_above(tree.town_a.path, 2025)}
    assert {"station-certified-share", "station-service-time-share"} <= lapsed


def test_rules_out_of_force_do_not_apply(hunan_plan, wang_fang):
    """R8/R12 end with Hunan's plan: with nothing carried forward, 2025 has no rule."""
    assert rule_results.evaluate_person(person=wang_fang, year=2025, today=MID_2025) == []
    assert rule_results.evaluate_person(person=wang_fang, year=2023, today=MID_2025)


def test_r8_r12_carried_forward_are_labelled_as_such(hunan, wang_fang):
    results = rule_results.evaluate_person(person=wang_fang, year=2025, today=MID_2025)
    assert results and all(result.rule.carried_forward for result in results)
    assert {r.rule.decided_by for r in results} == {"湖南省民政厅"}
    assert all(
        result.rule.carried_forward_from.in_force_until == D(2023, 12, 31) for result in results
    )


def test_other_regions_rules_do_not_apply(wang_fang, tree):
    factories.region("北京市", "110000", "province")  # sorts first: the tree's paths move
    policy_packs.policy_pack_load(name="beijing")
    station = type(tree.station_a).objects.select_related("region").get(pk=tree.station_a.pk)
    assert rule_results.evaluate_station(service_point=station, year=2025, today=MID_2025) == []
