"""The public competition pages (R14): index and detail for anyone, results with no personal
data, objections during the notice for the signed-in only."""

import datetime as dt

import pytest
from django.urls import reverse

from competitions.models import Objection
from tests.competitions.conftest import DURING, OPEN, make_competition
from tests.competitions.views.scenario import NOTICE_END, NOTICE_START, on_notice, scored


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def noticed(case, wang_fang, judges, tree, zhang_min):
    made = scored(case, wang_fang, judges, tree)
    on_notice(case, zhang_min)
    return made


def test_the_index_lists_published_competitions_to_anyone(client, case, zhang_min, tree, clock):
    clock(DURING)
    make_competition(zhang_min.user, tree.county_a, title="尚未发布的草稿")
    response = client.get(reverse("competitions:index"))
    assert response.status_code == 200
    assert case.title in response.text and "报送中" in response.text
    assert "尚未发布的草稿" not in response.text


def test_the_index_reads_a_fixed_number_of_queries(
    client, zhang_min, tree, clock, django_assert_max_num_queries
):
    clock(DURING)
    for number in range(12):
        competition = make_competition(zhang_min.user, tree.county_a, title=f"评选{number}")
        competition.published_at = OPEN - dt.timedelta(days=1)
        competition.save()
    with django_assert_max_num_queries(4):
        response = client.get(reverse("competitions:index"))
    assert response.text.count("评选1") >= 3


def test_a_draft_or_unknown_competition_is_not_found(client, zhang_min, tree):
    draft = make_competition(zhang_min.user, tree.county_a)
    assert client.get(reverse("competitions:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("competitions:detail", args=[999999])).status_code == 404


def test_the_detail_shows_rules_dates_awards_and_the_rubric(client, case, clock):
    clock(DURING)
    response = client.get(reverse("competitions:detail", args=[case.pk]))
    assert response.status_code == 200
    for text in ("评选规则全文。", "一等奖 1 名", "专业性", "各评委总分的平均分", "登录后报送作品"):
        assert text in response.text


def test_the_notice_shows_results_without_personal_data(client, case, noticed, clock):
    clock(NOTICE_START + dt.timedelta(hours=1))
    response = client.get(reverse("competitions:detail", args=[case.pk]))
    assert response.status_code == 200
    assert noticed[0].code in response.text and "一等奖" in response.text
    for private in ("王芳", "赵作者", "钱作者", "定王台街道社工站", "专家甲"):
        assert private not in response.text
    assert "登录后可对公示结果提出异议" in response.text
    assert 'name="reason"' not in response.text


def test_a_signed_in_visitor_objects_during_the_notice(client, case, noticed, chen_jing, clock):
    clock(NOTICE_START + dt.timedelta(hours=1))
    client.force_login(chen_jing.user)
    page = client.get(reverse("competitions:detail", args=[case.pk]))
    assert 'name="reason"' in page.text
    url = reverse("competitions:objection_raise", args=[case.pk])
    response = client.post(url, {"reason": "分数有误", "entry": noticed[1].pk}, follow=True)
    assert "异议已提交" in response.text
    objection = Objection.objects.get()
    assert objection.entry == noticed[1] and objection.raised_by == chen_jing.user
    assert "分数有误" in response.text and "待答复" in response.text


def test_an_objection_after_the_notice_is_refused(client, case, noticed, chen_jing, clock):
    clock(NOTICE_END)
    client.force_login(chen_jing.user)
    url = reverse("competitions:objection_raise", args=[case.pk])
    response = client.post(url, {"reason": "迟到的异议"}, follow=True)
    assert "不在公示期内" in response.text
    assert not Objection.objects.exists()


def test_an_objection_naming_an_entry_not_on_the_notice_is_refused(
    client, case, noticed, chen_jing, zhang_min, tree, clock
):
    other = make_competition(zhang_min.user, tree.county_a, title="另一评选")
    clock(NOTICE_START + dt.timedelta(hours=1))
    client.force_login(chen_jing.user)
    url = reverse("competitions:objection_raise", args=[other.pk])
    assert client.post(url, {"reason": "x"}).status_code == 404
    url = reverse("competitions:objection_raise", args=[case.pk])
    client.post(url, {"reason": "x", "entry": 999999})
    assert not Objection.objects.exists()


def test_objecting_needs_a_sign_in(client, case, noticed, clock):
    clock(NOTICE_START + dt.timedelta(hours=1))
    response = client.post(reverse("competitions:objection_raise", args=[case.pk]), {"reason": "x"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not Objection.objects.exists()
