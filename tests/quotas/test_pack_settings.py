"""Region settings on policy packs (R13): the nearest pack at or above a region decides, the
national pack last; the packs' data sets each number only where a document (or a region's
adopted practice) gives it."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from quotas import packs
from quotas.models import PolicyPack
from quotas.selectors import pack_settings
from quotas.services import policy_packs
from tests import factories

TERM = {"supervisor_term_source": "测试条款"}


@pytest.fixture
def national_term(db):
    return factories.PolicyPackFactory(
        region=None, supervisor_term_min_years=1, supervisor_term_max_years=9, **TERM
    )


def test_r13_nearest_pack_at_or_above_the_region_decides(tree, national_term):
    city = factories.PolicyPackFactory(
        region=tree.city, supervisor_term_min_years=2, supervisor_term_max_years=4, **TERM
    )
    county = factories.PolicyPackFactory(
        region=tree.county_a, supervisor_term_min_years=3, supervisor_term_max_years=5, **TERM
    )
    assert pack_settings.nearest(region=tree.town_a, name="supervisor_term_min_years") == (
        3,
        county,
    )
    assert pack_settings.nearest(region=tree.county_a, name="supervisor_term_min_years") == (
        3,
        county,
    )
    assert pack_settings.nearest(region=tree.town_b, name="supervisor_term_min_years") == (2, city)
    assert pack_settings.nearest(region=tree.province, name="supervisor_term_min_years") == (
        1,
        national_term,
    )


def test_r13_a_pack_that_does_not_set_a_value_is_passed_over(tree, national_term):
    factories.PolicyPackFactory(region=tree.county_a)  # sets nothing
    assert pack_settings.nearest(region=tree.town_a, name="supervisor_term_min_years") == (
        1,
        national_term,
    )


def test_r13_no_pack_sets_it_no_value(tree):
    factories.PolicyPackFactory(
        region=tree.county_b, supervisor_term_min_years=3, supervisor_term_max_years=5, **TERM
    )
    assert pack_settings.nearest(region=tree.town_a, name="supervisor_term_min_years") is None
    assert pack_settings.nearest(region=None, name="supervisor_term_min_years") is None


def test_r13_a_lower_pack_may_turn_a_setting_off(beijing):
    district = factories.region("西城区", "110102", "county", beijing.city)
    pack = factories.PolicyPackFactory(
        region=district, professional_staff_test=False, professional_staff_source="区级决定"
    )
    pilot = dt.date(2021, 6, 1)
    assert pack_settings.nearest(region=district, name="professional_staff_test", on=pilot) == (
        False,
        pack,
    )
    assert pack_settings.nearest(
        region=beijing.station.region, name="professional_staff_test", on=pilot
    )[0]


def test_r13_settings_are_read_from_memory_and_follow_a_change(tree, national_term):
    pack_settings.nearest(region=tree.town_a, name="supervisor_term_min_years")
    with CaptureQueriesContext(connection) as queries:
        for _ in range(20):
            pack_settings.nearest(region=tree.town_a, name="supervisor_term_max_years")
    assert not [query for query in queries if "quotas_policypack" in query["sql"]]
    national_term.supervisor_term_max_years = 6
    national_term.save()
    assert pack_settings.nearest(region=tree.town_a, name="supervisor_term_max_years")[0] == 6


def test_r6_hangzhou_suggests_3_to_5_years_and_jiaxing_adopts_it(zhejiang):
    for station, name in [
        (zhejiang.hangzhou_station, "hangzhou"),
        (zhejiang.pinghu_station, "pinghu"),
    ]:
        value, pack = pack_settings.nearest(region=station.region, name="supervisor_term_min_years")
        assert (value, pack.supervisor_term_max_years, pack.name) == (3, 5, name)
    hangzhou = PolicyPack.objects.get(name="hangzhou")
    assert hangzhou.supervisor_term_source == "四、（四）：“建议督导服务期可设为3-5年”"
    for name in ("haining", "pinghu"):
        source = PolicyPack.objects.get(name=name).supervisor_term_source
        assert source.startswith("本地做法：参照《关于全面推进乡镇（街道）社会工作站建设的实施意见")


def test_r6_no_term_in_hunan(tree):
    for name in ("hunan", "national"):
        policy_packs.policy_pack_load(name=name)
    assert pack_settings.nearest(region=tree.town_a, name="supervisor_term_min_years") is None


def test_r24_no_pack_sets_a_load_ratio():
    """About 40 workers per supervisor is Shenzhen practice, in no seed document."""
    assert not [
        name
        for name, pack in packs.PACKS.items()
        if "settings" in pack
        and any(key.startswith("workers_per_supervisor") for key in pack["settings"])
    ]


def test_r3_only_beijing_adopts_the_professional_staff_test():
    adopting = {
        name
        for name, pack in packs.PACKS.items()
        if pack.get("settings", {}).get("professional_staff_test")
    }
    assert adopting == {"beijing"}
    assert packs.PACKS["beijing"]["settings"]["rural_relaxation"] is True


def test_r17_national_pack_holds_the_platform_default_weights(db):
    pack, _, _ = policy_packs.policy_pack_load(name="national")
    assert (
        pack.evaluation_rule_points,
        pack.evaluation_report_points,
        pack.evaluation_quality_points,
    ) == (50, 20, 30)
    assert pack.evaluation_grades == [[90, "优秀"], [75, "良好"], [60, "合格"], [0, "不合格"]]
    assert pack.evaluation_source == "平台默认（政策文件未规定）"
    assert pack_settings.nearest(region=None, name="evaluation_grades") == (
        pack.evaluation_grades,
        pack,
    )


def test_reloading_a_pack_clears_a_setting_its_data_no_longer_holds(zhejiang, monkeypatch):
    data = {**packs.PACKS["pinghu"]}
    data.pop("settings")
    monkeypatch.setitem(packs.PACKS, "pinghu", data)
    pack, _, _ = policy_packs.policy_pack_load(name="pinghu")
    assert (pack.supervisor_term_min_years, pack.supervisor_term_source) == (None, "")


def test_a_pack_with_bad_grades_is_refused(db, monkeypatch):
    data = {**packs.PACKS["national"]}
    data["settings"] = {**data["settings"], "evaluation_grades": [[60, "合格"], [90, "优秀"]]}
    monkeypatch.setitem(packs.PACKS, "national", data)
    with pytest.raises(policy_packs.PackError):
        policy_packs.policy_pack_load(name="national")
    assert not PolicyPack.objects.exists()


@pytest.mark.parametrize(
    "values",
    [
        {"supervisor_term_min_years": 3, "supervisor_term_max_years": 5},  # no source
        {"supervisor_term_min_years": 3, **TERM},  # one end only
        {"supervisor_term_max_years": 5, **TERM},
        {"supervisor_term_min_years": 5, "supervisor_term_max_years": 3, **TERM},
        {"workers_per_supervisor": 40},  # no source
        {"workers_per_supervisor": 0, "workers_per_supervisor_source": "本地选择"},
        {"professional_staff_test": True},
        {"rural_relaxation": True},
        {
            "evaluation_rule_points": 50,
            "evaluation_report_points": 20,
            "evaluation_quality_points": 20,  # 90 in all
            "evaluation_grades": [[0, "合格"]],
            "evaluation_source": "本地选择",
        },
        {
            "evaluation_rule_points": 50,
            "evaluation_report_points": 20,
            "evaluation_quality_points": 30,
            "evaluation_grades": [[0, "合格"]],  # no source
        },
    ],
)
def test_a_setting_is_whole_and_cited(db, values):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.PolicyPackFactory(**values)
