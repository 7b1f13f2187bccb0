"""Organisers' pages (R14): set-up, rubric, publishing checks, amendments, judges, progress,
ranking with its method, notice, objections, final results, and the logged reveal."""

import datetime as dt

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from competitions.models import Assignment, Competition, Criterion, Result
from competitions.services import results
from credentials.models import Certificate
from tests.competitions.conftest import (
    AFTER_REVIEW,
    DURING,
    IN_REVIEW,
    OPEN,
    make_competition,
)
from tests.competitions.views.scenario import (
    NOTICE_END,
    NOTICE_START,
    on_notice,
    scored,
    submitted,
)

FORM = {
    "title": "2026年征文比赛",
    "kind": "essay",
    "rules": "征文规则。",
    "award_levels": "一等奖 1\n二等奖：2",
    "entries_per_author": 1,
    "method": "mean",
    "tie_rule": "shared",
    "judges_per_entry": 2,
    "entries_per_judge": 10,
    "blind": "on",
    "submissions_open_at": "2026-05-01T09:00",
    "submissions_close_at": "2026-05-20T18:00",
    "review_closes_at": "2026-06-01T18:00",
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _url(name, *args):
    return reverse(f"competitions:{name}", args=args)


def test_the_list_shows_own_competitions(client, case, zhang_min, clock):
    clock(DURING)
    client.force_login(zhang_min.user)
    response = client.get(_url("organiser_list"))
    assert response.status_code == 200 and case.title in response.text


def test_the_list_reads_a_fixed_number_of_queries(
    client, zhang_min, tree, clock, django_assert_max_num_queries
):
    for number in range(10):
        make_competition(zhang_min.user, tree.county_a, title=f"评选{number}")
    clock(DURING)
    client.force_login(zhang_min.user)
    with django_assert_max_num_queries(8):
        response = client.get(_url("organiser_list"))
    assert response.text.count("评选") >= 10


@pytest.mark.parametrize("name", ["organiser_list", "organiser_new"])
def test_a_worker_may_not_organise(client, wang_fang, name):
    client.force_login(wang_fang.user)
    assert client.get(_url(name)).status_code == 403


def test_an_organiser_creates_a_draft(client, zhang_min, tree):
    client.force_login(zhang_min.user)
    assert client.get(_url("organiser_new")).status_code == 200
    response = client.post(
        _url("organiser_new"), {**FORM, "organiser": f"region-{tree.county_a.pk}"}
    )
    competition = Competition.objects.get()
    assert response["Location"] == _url("organiser_detail", competition.pk)
    assert competition.organiser_region == tree.county_a and competition.published_at is None
    assert competition.award_levels == [
        {"name": "一等奖", "count": 1},
        {"name": "二等奖", "count": 2},
    ]


def test_an_office_outside_scope_cannot_be_chosen(client, zhang_min, tree):
    client.force_login(zhang_min.user)
    response = client.post(
        _url("organiser_new"), {**FORM, "organiser": f"region-{tree.county_b.pk}"}
    )
    assert response.status_code == 200 and not Competition.objects.exists()


def test_another_countys_admin_gets_404_on_a_draft_and_403_once_published(
    client, zhang_min, chen_jing, wang_fang, tree
):
    draft = make_competition(zhang_min.user, tree.county_a)
    client.force_login(chen_jing.user)
    for name in ("organiser_detail", "organiser_edit", "organiser_rubric", "organiser_judges"):
        assert client.get(_url(name, draft.pk)).status_code == 404
    assert client.post(_url("organiser_publish", draft.pk)).status_code == 404
    draft.published_at = OPEN
    draft.save()
    assert client.get(_url("organiser_detail", draft.pk)).status_code == 403
    client.force_login(wang_fang.user)
    assert client.get(_url("organiser_ranking", draft.pk)).status_code == 403


def test_the_rubric_is_edited_on_a_draft(client, zhang_min, tree):
    draft = make_competition(zhang_min.user, tree.county_a)
    client.force_login(zhang_min.user)
    assert "专业性" in client.get(_url("organiser_rubric", draft.pk)).text
    data = {
        "criteria-TOTAL_FORMS": 2,
        "criteria-INITIAL_FORMS": 0,
        "criteria-0-name": "规范性",
        "criteria-0-weight": 3,
        "criteria-0-min_score": 0,
        "criteria-0-max_score": 5,
        "criteria-1-name": "",
        "criteria-1-min_score": 0,
        "criteria-1-max_score": 10,
    }
    client.post(_url("organiser_rubric", draft.pk), data)
    assert list(Criterion.objects.values_list("name", "weight")) == [("规范性", 3)]
    data["criteria-0-max_score"] = 0
    response = client.post(_url("organiser_rubric", draft.pk), data)
    assert "最高分须高于最低分" in response.text


def test_publishing_shows_what_is_missing(client, zhang_min, tree, clock):
    draft = make_competition(zhang_min.user, tree.county_a)
    draft.criteria.all().delete()
    Competition.objects.filter(pk=draft.pk).update(award_levels=[])
    clock(OPEN - dt.timedelta(days=1))
    client.force_login(zhang_min.user)
    response = client.post(_url("organiser_publish", draft.pk), follow=True)
    assert "请设置评分项" in response.text and "请设置奖项及名额" in response.text
    draft.refresh_from_db()
    assert draft.published_at is None


def test_after_publishing_an_amendment_is_audited(client, case, zhang_min, clock):
    clock(OPEN - dt.timedelta(hours=1))
    client.force_login(zhang_min.user)
    page = client.get(_url("organiser_edit", case.pk))
    assert "只能修改评选规则" in page.text and 'name="kind"' not in page.text
    data = {
        "rules": "修订后的规则。",
        "submissions_open_at": "2026-03-01T09:00",
        "submissions_close_at": "2026-03-12T09:00",
        "review_closes_at": "2026-03-21T09:00",
    }
    response = client.post(_url("organiser_edit", case.pk), data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.rules == "修订后的规则。"
    event = AuditEvent.objects.get(verb="competition.amend")
    assert set(event.after) == {"rules", "submissions_close_at"}


def test_judges_are_assigned_by_hand_and_balanced(
    client, case, wang_fang, judges, zhang_min, clock
):
    entry = submitted(case, wang_fang)
    clock(IN_REVIEW)
    client.force_login(zhang_min.user)
    page = client.get(_url("organiser_judges", case.pk))
    assert entry.code in page.text and "王芳" not in page.text
    response = client.post(
        _url("organiser_assign", case.pk),
        {"entry": entry.pk, "judge": judges.colleague.pk},
        follow=True,
    )
    assert "与作者同一站点" in response.text and not Assignment.objects.exists()
    client.post(_url("organiser_assign", case.pk), {"entry": entry.pk, "judge": 999999})
    assert not Assignment.objects.exists()
    judge_ids = [judges.expert.pk, judges.county_b.pk, judges.colleague.pk]
    response = client.post(_url("organiser_balance", case.pk), {"judges": judge_ids}, follow=True)
    assert "已自动分配 2 项评审" in response.text
    assert "专家甲" in response.text and "0/2" in response.text
    assignment = Assignment.objects.get(judge=judges.expert)
    client.post(_url("organiser_assignment_withdraw", case.pk, assignment.pk))
    assert Assignment.objects.count() == 1


def test_the_progress_page_reads_a_fixed_number_of_queries(
    client, case, wang_fang, judges, zhang_min, tree, clock, django_assert_max_num_queries
):
    scored(case, wang_fang, judges, tree)
    clock(IN_REVIEW)
    client.force_login(zhang_min.user)
    with django_assert_max_num_queries(16):
        response = client.get(_url("organiser_judges", case.pk))
    assert response.text.count("2/2") == 6


def test_the_ranking_states_its_method_and_goes_on_notice(
    client, case, wang_fang, judges, zhang_min, tree, clock
):
    made = scored(case, wang_fang, judges, tree)
    clock(AFTER_REVIEW)
    client.force_login(zhang_min.user)
    page = client.get(_url("organiser_ranking", case.pk))
    assert "各评委总分的平均分" in page.text and "同分并列" in page.text
    assert made[0].code in page.text and "王芳" not in page.text
    response = client.post(
        _url("organiser_notice", case.pk),
        {"starts_at": "2026-03-21T08:00", "ends_at": "2026-03-20T08:00"},
    )
    assert response.status_code == 400 and "公示须在评审截止后开始" in response.text
    client.post(
        _url("organiser_notice", case.pk),
        {"starts_at": "2026-03-21T10:00", "ends_at": "2026-03-28T10:00"},
    )
    assert Result.objects.count() == 3


def test_objections_are_answered_then_results_final_with_certificates(
    client, case, wang_fang, judges, zhang_min, chen_jing, tree, clock
):
    scored(case, wang_fang, judges, tree)
    on_notice(case, zhang_min)
    objection = results.objection_raise(
        competition=case, by=chen_jing.user, reason="请复核", now=NOTICE_START
    )
    clock(NOTICE_END)
    client.force_login(chen_jing.user)
    assert client.post(_url("organiser_answer", objection.pk), {"answer": "x"}).status_code == 404
    client.force_login(zhang_min.user)
    response = client.post(_url("organiser_finalise", case.pk), follow=True)
    assert "还有异议未答复" in response.text
    client.post(_url("organiser_answer", objection.pk), {"answer": "经复核无误"})
    objection.refresh_from_db()
    assert objection.answer == "经复核无误"
    response = client.post(_url("organiser_finalise", case.pk), follow=True)
    assert "结果已确定" in response.text
    assert Certificate.objects.filter(kind=Certificate.Kind.AWARD).count() == 2


def test_a_blind_entry_is_revealed_only_with_a_reason_and_logged(
    client, case, wang_fang, zhang_min, chen_jing, clock
):
    entry = submitted(case, wang_fang)
    clock(IN_REVIEW)
    client.force_login(chen_jing.user)
    assert client.get(_url("organiser_reveal", entry.pk)).status_code == 404
    client.force_login(zhang_min.user)
    page = client.get(_url("organiser_reveal", entry.pk))
    assert page.status_code == 200 and "王芳" not in page.text
    assert "王芳" not in client.post(_url("organiser_reveal", entry.pk), {"reason": ""}).text
    assert not AuditEvent.objects.filter(verb="competition_entry.reveal").exists()
    response = client.post(_url("organiser_reveal", entry.pk), {"reason": "核实参赛资格"})
    assert "王芳" in response.text and "定王台街道社工站" in response.text
    event = AuditEvent.objects.get(verb="competition_entry.reveal")
    assert event.after == {"reason": "核实参赛资格"}
