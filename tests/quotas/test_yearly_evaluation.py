import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.roles import Role
from quotas import packs, rules
from quotas.models import YearlyEvaluation
from quotas.services import yearly_evaluations
from supervision import services as supervision_services
from tests import factories

TODAY = dt.date(2026, 2, 1)


DEFAULT_GRADES = packs.PACKS["national"]["settings"]["evaluation_grades"]
OWN_WEIGHTS = {
    "evaluation_rule_points": 60,
    "evaluation_report_points": 30,
    "evaluation_quality_points": 10,
    "evaluation_grades": [[80, "好"], [0, "差"]],
    "evaluation_source": "本地选择：县级考核办法",
}


@pytest.mark.parametrize(
    ("total", "grade"), [(95, "优秀"), (90, "优秀"), (80, "良好"), (60, "合格"), (10, "不合格")]
)
def test_r17_grades_of_the_platform_default(total, grade):
    assert rules.grade_for(total, bands=DEFAULT_GRADES) == grade


@pytest.mark.parametrize(("total", "grade"), [(95, "好"), (79, "差")])
def test_r17_grades_are_the_bands_given(total, grade):
    assert rules.grade_for(total, bands=OWN_WEIGHTS["evaluation_grades"]) == grade


@pytest.mark.parametrize(
    ("bands", "valid"),
    [
        (DEFAULT_GRADES, True),
        ([[0, "合格"]], True),
        ([], False),
        ([[90, "优秀"], [60, "合格"]], False),  # no band down to 0
        ([[60, "合格"], [90, "优秀"], [0, "不合格"]], False),  # not falling
        ([[101, "优秀"], [0, "不合格"]], False),
        ([[90, "优秀"], [90, "良好"], [0, "不合格"]], False),
        ([[90, ""], [0, "不合格"]], False),
        ([["90", "优秀"], [0, "不合格"]], False),
        ({"90": "优秀"}, False),
    ],
)
def test_r17_grade_bands_cover_every_total(bands, valid):
    assert rules.grades_are_valid(bands) is valid


def test_r17_no_weights_no_evaluation(hunan, tree, zhang_min):
    assert (
        yearly_evaluations.score_sheet(service_point=tree.station_a, year=2025, today=TODAY) == []
    )
    with pytest.raises(ValidationError, match="没有政策包规定年度评估的权重与等次"):
        yearly_evaluations.evaluation_file(
            service_point=tree.station_a,
            year=2025,
            quality=20,
            comment="",
            by=zhang_min.user,
            today=TODAY,
        )


def test_r17_a_region_pack_overrides_the_default_weights(
    county_reports, hunan, national, tree, zhang_min
):
    factories.PolicyPackFactory(region=tree.county_a, title="芙蓉区考核办法", **OWN_WEIGHTS)
    sheet = yearly_evaluations.score_sheet(service_point=tree.station_a, year=2025, today=TODAY)
    assert sum(item["max"] for item in sheet) == 90  # 60 for the rules, 30 for the reports
    filed = yearly_evaluations.evaluation_file(
        service_point=tree.station_a,
        year=2025,
        quality=10,
        comment="",
        by=zhang_min.user,
        today=TODAY,
    )
    assert filed.sheet[-1]["max"] == 10
    assert filed.grade == ("好" if filed.total >= 80 else "差")
    assert filed.weights_source == "《芙蓉区考核办法》本地选择：县级考核办法"
    other = yearly_evaluations.weights_for(service_point=tree.station_b, year=2025)
    assert (other.quality_points, other.source) == (30, "平台默认（政策文件未规定）")


def test_r17_sheet_says_where_its_weights_come_from(
    county_reports, client, hunan, national, tree, zhang_min
):
    client.force_login(zhang_min.user)
    url = reverse("quotas:station_evaluation", args=[tree.station_a.pk, 2025])
    page = client.get(url).content.decode()
    assert "权重与等次：平台默认（政策文件未规定）" in page
    assert "服务质量评估（0–30 分）" in page
    factories.PolicyPackFactory(region=tree.county_a, title="芙蓉区考核办法", **OWN_WEIGHTS)
    page = client.get(url).content.decode()
    assert "权重与等次：《芙蓉区考核办法》本地选择：县级考核办法" in page
    assert "服务质量评估（0–10 分）" in page
    assert client.post(url, {"quality": "10"}).status_code == 302
    filed = client.get(url).content.decode()
    assert "权重与等次：《芙蓉区考核办法》本地选择：县级考核办法" in filed


def test_r17_sheet_without_weights_offers_no_form(client, hunan, tree, zhang_min):
    client.force_login(zhang_min.user)
    url = reverse("quotas:station_evaluation", args=[tree.station_a.pk, 2025])
    page = client.get(url).content.decode()
    assert "没有政策包规定年度评估的权重与等次，无法评估。" in page
    assert 'name="quality"' not in page


def test_filing_freezes_the_sheet_and_locks_the_year(
    county_reports, hunan, national, tree, zhang_min
):
    filed = yearly_evaluations.evaluation_file(
        service_point=tree.station_a,
        year=2025,
        quality=25,
        comment="服务扎实",
        by=zhang_min.user,
        today=TODAY,
    )
    assert filed.total == sum(item["score"] for item in filed.sheet)
    assert filed.sheet[-1] == {"item": "服务质量评估", "source": "R17", "max": 30, "score": 25}
    assert (filed.grade, filed.weights_source) == (
        rules.grade_for(filed.total, bands=DEFAULT_GRADES),
        "平台默认（政策文件未规定）",
    )
    assert supervision_services.year_locked(service_point=tree.station_a, year=2025)
    with pytest.raises(ValidationError):
        yearly_evaluations.evaluation_file(
            service_point=tree.station_a,
            year=2025,
            quality=25,
            comment="",
            by=zhang_min.user,
            today=TODAY,
        )


@pytest.mark.parametrize(("year", "quality"), [(2026, 20), (2025, 31), (2025, -1)])
def test_bad_evaluations_are_refused(
    county_reports, hunan, national, tree, zhang_min, year, quality
):
    with pytest.raises(ValidationError):
        yearly_evaluations.evaluation_file(
            service_point=tree.station_a,
            year=year,
            quality=quality,
            comment="",
            by=zhang_min.user,
            today=TODAY,
        )
    assert not YearlyEvaluation.objects.exists()


def test_page_for_county_only(county_reports, client, hunan, national, tree, zhang_min, chen_jing):
    url = reverse("quotas:station_evaluation", args=[tree.station_a.pk, 2025])
    head = factories.UserFactory()
    factories.RoleGrantFactory(user=head, role=Role.STATION_HEAD, service_point=tree.station_a)
    client.force_login(head)
    assert client.get(url).status_code == 200
    assert client.post(url, {"quality": "20"}).status_code == 403
    client.force_login(chen_jing.user)
    assert client.get(url).status_code == 404
    client.force_login(zhang_min.user)
    response = client.post(url, {"quality": "20", "comment": "良好"})
    assert response.status_code == 302
    assert YearlyEvaluation.objects.get().evaluated_by == zhang_min.user


@pytest.mark.parametrize("year", ["0", "2014", "9999", "10000"])
def test_evaluation_of_a_year_outside_the_portal_is_404(client, hunan, tree, zhang_min, year):
    client.force_login(zhang_min.user)
    url = f"/quotas/stations/{tree.station_a.pk}/evaluation/{year}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"quality": "20"}).status_code == 404
    assert not YearlyEvaluation.objects.exists()


def test_an_evaluation_filed_meanwhile_is_refused_with_a_message(
    county_reports, hunan, national, tree, zhang_min, monkeypatch
):
    real = yearly_evaluations.score_sheet

    def filed_by_a_colleague_meanwhile(**kwargs):
        sheet = real(**kwargs)
        YearlyEvaluation.objects.create(
            service_point=tree.station_a, year=2025, sheet=sheet, total=0, grade="不合格"
        )
        return sheet

    monkeypatch.setattr(yearly_evaluations, "score_sheet", filed_by_a_colleague_meanwhile)
    with pytest.raises(ValidationError, match="该年度已完成年度评估"):
        yearly_evaluations.evaluation_file(
            service_point=tree.station_a,
            year=2025,
            quality=20,
            comment="",
            by=zhang_min.user,
            today=TODAY,
        )
