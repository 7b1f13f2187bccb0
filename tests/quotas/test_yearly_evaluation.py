import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.roles import Role
from quotas import rules
from quotas.models import YearlyEvaluation
from quotas.services import yearly_evaluations
from supervision import services as supervision_services
from tests import factories

TODAY = dt.date(2026, 2, 1)


@pytest.mark.parametrize(
    ("total", "grade"), [(95, "优秀"), (80, "良好"), (60, "合格"), (10, "不合格")]
)
def test_grades(total, grade):
    assert rules.grade_for(total) == grade


def test_filing_freezes_the_sheet_and_locks_the_year(hunan, tree, zhang_min):
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
def test_bad_evaluations_are_refused(hunan, tree, zhang_min, year, quality):
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


def test_page_for_county_only(client, hunan, tree, zhang_min, chen_jing):
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
    hunan, tree, zhang_min, monkeypatch
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
