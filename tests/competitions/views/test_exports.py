"""The organiser's exports (R14): scores per judge and criterion as Excel, results as PDF, with
entries named by code only (blind mode holds in exports)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from competitions.services import review
from tests import factories
from tests.competitions.views.conftest import HOUR, IDENTITY, submitted_entry
from tests.downloads import download_name
from tests.pdf_tools import pdf_fonts, pdf_text


@pytest.fixture
def scored(assignment, judges, times):
    first, second = assignment.entry.competition.criteria.order_by("position")
    review.scores_save(
        assignment=assignment,
        by=judges.expert.user,
        values={first.pk: (8, ""), second.pk: (6, "")},
        now=times.close + 2 * HOUR,
    )
    review.assignment_submit(assignment=assignment, by=None, now=times.close + 2 * HOUR)
    return assignment


def test_the_score_sheet_has_a_row_per_judge_and_entry(client, scored, zhang_min):
    client.force_login(zhang_min.user)
    response = client.get(reverse("competitions:export_scores", args=[scored.entry.competition_id]))
    assert response.status_code == 200
    assert download_name(response).endswith("评分明细.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:6] == ("作品编号", "作品标题", "评委", "提交时间", "专业性", "专业性 评语")
    assert rows[2][0] == scored.entry.code and rows[2][2] == "专家甲"
    assert (rows[2][4], rows[2][6]) == (8, 6)
    cells = " ".join(str(c) for row in rows for c in row if c is not None)
    assert not any(word in cells for word in IDENTITY)


def test_the_results_pdf_states_the_method(client, scored, zhang_min):
    client.force_login(zhang_min.user)
    url = reverse("competitions:export_results", args=[scored.entry.competition_id])
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "各评委总分的平均分" in text and scored.entry.code in text and "尚未公示" in text
    assert "一等奖" in text
    assert "主办：芙蓉区" in text  # the organiser, the author's county too: named as organiser only
    assert not any(word in text.replace("主办：芙蓉区", "") for word in IDENTITY)
    assert "WenQuanYi" in pdf_fonts(response.content)


def test_the_score_sheet_keeps_its_queries_flat(
    client, in_review, judges, zhang_min, tree, times, django_assert_max_num_queries
):
    for n in range(10):
        author = factories.PersonFactory(name=f"作者{n}", region=tree.county_a)
        factories.PositionFactory(person=author, service_point=tree.station_a)
        entry = submitted_entry(in_review, author, times=times, title=f"个案{n}")
        for judge in (judges.expert, judges.county_b):
            review.assignment_create(entry=entry, judge=judge, by=None, now=times.close + HOUR)
    client.force_login(zhang_min.user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("competitions:export_scores", args=[in_review.pk]))
    assert load_workbook(io.BytesIO(response.content)).worksheets[0].max_row == 22


@pytest.mark.parametrize("route", ["export_scores", "export_results"])
def test_exports_are_for_the_organiser(
    client, in_review, tree, zhang_min, chen_jing, wang_fang, judges, route
):
    url = reverse(f"competitions:{route}", args=[in_review.pk])
    for user in (chen_jing.user, wang_fang.user, judges.expert.user):
        client.force_login(user)
        assert client.get(url).status_code == 403  # a published competition is public
    draft = in_review
    draft.published_at = None
    draft.save(update_fields=["published_at"])
    client.force_login(chen_jing.user)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
