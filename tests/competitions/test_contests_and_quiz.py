"""The organiser's set-up and the quiz rounds (R14)."""

import datetime as dt
import random

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from audit.models import AuditEvent
from competitions import permissions, quiz, rules, selectors
from competitions.models import Attempt, Competition, Question
from competitions.services import contests
from competitions.services import quiz as quiz_services
from tests.competitions.conftest import CLOSE, DURING, OPEN, make_competition

BEFORE = OPEN - dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"award_levels": [{"name": "一等奖"}]}, "奖项设置有误"),
        ({"award_levels": [{"name": "一等奖", "count": 0}]}, "奖项设置有误"),
    ],
)
def test_publishing_checks_the_set_up(tree, zhang_min, changes, message):
    competition = make_competition(zhang_min.user, tree.county_a)
    contests.competition_update(competition=competition, by=zhang_min.user, changes=changes)
    with pytest.raises(ValidationError, match=message):
        contests.competition_publish(competition=competition, by=zhang_min.user, now=BEFORE)
    competition.refresh_from_db()
    assert competition.published_at is None


def test_a_draft_without_award_levels_is_refused(tree, zhang_min):
    competition = make_competition(zhang_min.user, tree.county_a)
    with pytest.raises(ValidationError, match="不能为空"):
        contests.competition_update(
            competition=competition, by=zhang_min.user, changes={"award_levels": []}
        )


def test_a_scored_contest_needs_a_rubric(tree, zhang_min):
    competition = make_competition(zhang_min.user, tree.county_a)
    contests.rubric_set(competition=competition, by=zhang_min.user, criteria=[])
    with pytest.raises(ValidationError, match="评分项"):
        contests.competition_publish(competition=competition, by=zhang_min.user, now=BEFORE)


def test_a_zero_weight_is_refused(tree, zhang_min):
    competition = make_competition(zhang_min.user, tree.county_a)
    with pytest.raises(ValidationError, match="权重"):
        contests.rubric_set(
            competition=competition, by=zhang_min.user, criteria=[{"name": "x", "weight": 0}]
        )
    assert competition.criteria.count() == 2


def test_only_an_organiser_office_creates_a_competition(tree, chen_jing):
    with pytest.raises(PermissionDenied):
        make_competition(chen_jing.user, tree.county_a)


def test_after_publishing_only_rules_and_dates_change_and_each_is_audited(case, zhang_min):
    with pytest.raises(ValidationError, match="只能修改"):
        contests.competition_update(
            competition=case, by=zhang_min.user, changes={"title": "新名称"}, now=DURING
        )
    later = CLOSE + dt.timedelta(days=2)
    contests.competition_update(
        competition=case,
        by=zhang_min.user,
        changes={"rules": "修订后的规则。", "submissions_close_at": later},
        now=DURING,
    )
    event = AuditEvent.objects.get(verb="competition.amend")
    assert event.before == {"rules": "评选规则全文。", "submissions_close_at": CLOSE.isoformat()}
    assert event.after == {"rules": "修订后的规则。", "submissions_close_at": later.isoformat()}


def test_a_passed_date_cannot_move(case, zhang_min):
    with pytest.raises(ValidationError, match="已过去的日期"):
        contests.competition_update(
            competition=case, by=zhang_min.user, changes={"submissions_open_at": DURING}, now=DURING
        )


def test_phases_follow_the_dates(case):
    assert selectors.phase_of(competition=case, now=BEFORE) == rules.Phase.CALL
    assert selectors.phase_of(competition=case, now=DURING) == rules.Phase.SUBMISSION
    assert selectors.phase_of(competition=case, now=CLOSE) == rules.Phase.REVIEW


def test_organiser_loader_hides_drafts_and_refuses_wrong_roles(
    tree, zhang_min, chen_jing, case, wang_fang
):
    draft = make_competition(zhang_min.user, tree.county_a)
    assert permissions.competition_for_organiser(user=zhang_min.user, competition_id=draft.pk)
    with pytest.raises(Http404):
        permissions.competition_for_organiser(user=chen_jing.user, competition_id=draft.pk)
    with pytest.raises(PermissionDenied):
        permissions.competition_for_organiser(user=chen_jing.user, competition_id=case.pk)
    with pytest.raises(Http404):
        permissions.competition_for_organiser(user=wang_fang.user, competition_id=draft.pk)
    with pytest.raises(PermissionDenied):
        permissions.competition_for_organiser(user=wang_fang.user, competition_id=case.pk)
    with pytest.raises(Http404):
        permissions.published_competition(competition_id=draft.pk)


def _bank(region, zhang_min):
    """Two topics at difficulty 1: 政策 has 4 single-choice questions (key 0), 伦理 3
    multiple-choice ones (keys 0 and 1)."""
    for n in range(4):
        quiz_services.question_create(
            region=region,
            by=zhang_min.user,
            kind="single",
            text=f"政策题{n}",
            options=["甲", "乙", "丙"],
            key=[0],
            topic="政策",
            difficulty=1,
        )
    for n in range(3):
        quiz_services.question_create(
            region=region,
            by=zhang_min.user,
            kind="multiple",
            text=f"伦理题{n}",
            options=["甲", "乙", "丙"],
            key=[0, 1],
            topic="伦理",
            difficulty=1,
        )


BLUEPRINT = [
    {"topic": "政策", "difficulty": 1, "count": 2},
    {"topic": "伦理", "difficulty": 1, "count": 1},
]


@pytest.fixture
def round_(tree, zhang_min):
    _bank(tree.city, zhang_min)  # the city's bank serves the county's contest
    competition = make_competition(
        zhang_min.user,
        tree.county_a,
        kind=Competition.Kind.QUIZ,
        quiz_minutes=30,
        blueprint=BLUEPRINT,
    )
    return contests.competition_publish(competition=competition, by=zhang_min.user, now=BEFORE)


def test_a_quiz_blueprint_the_bank_cannot_fill_is_not_published(tree, zhang_min):
    _bank(tree.city, zhang_min)
    too_many = [{"topic": "伦理", "difficulty": 1, "count": 4}]
    competition = make_competition(
        zhang_min.user,
        tree.county_a,
        kind=Competition.Kind.QUIZ,
        quiz_minutes=30,
        blueprint=too_many,
    )
    with pytest.raises(ValidationError, match="只有 3 道"):
        contests.competition_publish(competition=competition, by=zhang_min.user, now=BEFORE)


def test_an_attempt_draws_by_the_blueprint_from_its_seed(round_, wang_fang):
    attempt = quiz_services.attempt_start(
        competition=round_, person=wang_fang, by=None, now=DURING, seed=7
    )
    paper = list(selectors.paper_of(attempt=attempt))
    assert sorted(a.question.topic for a in paper) == ["伦理", "政策", "政策"]
    redrawn = quiz.draw(
        blueprint=rules.blueprint_lines(round_.blueprint),
        bank=selectors.question_bank(competition=round_),
        rng=random.Random(7),
    )
    assert [a.question_id for a in paper] == redrawn
    assert attempt.due_at == DURING + dt.timedelta(minutes=30)


def test_one_attempt_per_person(round_, wang_fang):
    quiz_services.attempt_start(competition=round_, person=wang_fang, by=None, now=DURING)
    with pytest.raises(ValidationError, match="只能答题一次"):
        quiz_services.attempt_start(competition=round_, person=wang_fang, by=None, now=DURING)
    assert Attempt.objects.count() == 1


def test_the_time_is_capped_at_the_close(round_, wang_fang):
    late = CLOSE - dt.timedelta(minutes=10)
    attempt = quiz_services.attempt_start(competition=round_, person=wang_fang, by=None, now=late)
    assert attempt.due_at == CLOSE


def _answer_all(attempt, right: bool, now):
    for answer in selectors.paper_of(attempt=attempt):
        key = answer.question.key if right else [2]
        quiz_services.answer_save(
            attempt=attempt, by=None, question_id=answer.question_id, chosen=key, now=now
        )


def test_an_answer_after_the_time_is_up_is_refused_and_the_paper_handed_in(round_, wang_fang):
    attempt = quiz_services.attempt_start(competition=round_, person=wang_fang, by=None, now=DURING)
    first = selectors.paper_of(attempt=attempt).first()
    quiz_services.answer_save(
        attempt=attempt,
        by=None,
        question_id=first.question_id,
        chosen=first.question.key,
        now=DURING,
    )
    late = attempt.due_at + dt.timedelta(seconds=1)
    with pytest.raises(ValidationError, match="时间已到"):
        quiz_services.answer_save(
            attempt=attempt, by=None, question_id=first.question_id, chosen=[2], now=late
        )
    attempt.refresh_from_db()
    assert attempt.finished_at == attempt.due_at and attempt.score == 1
    assert selectors.paper_of(attempt=attempt).first().chosen == first.question.key


def test_a_question_not_on_the_paper_is_refused(round_, wang_fang):
    attempt = quiz_services.attempt_start(competition=round_, person=wang_fang, by=None, now=DURING)
    drawn = set(selectors.paper_of(attempt=attempt).values_list("question_id", flat=True))
    other = Question.objects.exclude(pk__in=drawn).first()
    with pytest.raises(ValidationError, match="不在您的试卷中"):
        quiz_services.answer_save(
            attempt=attempt, by=None, question_id=other.pk, chosen=[0], now=DURING
        )


def test_scoring_leaderboard_and_item_analysis(round_, wang_fang, tree):
    from tests import factories

    rival = factories.PersonFactory(region=tree.county_a)
    factories.PositionFactory(person=rival, service_point=tree.station_a)
    mine = quiz_services.attempt_start(competition=round_, person=wang_fang, by=None, now=DURING)
    theirs = quiz_services.attempt_start(competition=round_, person=rival, by=None, now=DURING)
    _answer_all(mine, True, DURING)
    _answer_all(theirs, False, DURING)
    quiz_services.attempt_finish(attempt=mine, by=None, now=DURING + dt.timedelta(minutes=5))
    assert quiz_services.attempts_time_out(now=CLOSE) == 1
    assert (mine.score, Attempt.objects.get(pk=theirs.pk).score) == (3, 0)
    assert selectors.leaderboard(competition=round_, now=DURING) == []
    board = selectors.leaderboard(competition=round_, now=CLOSE)
    assert [(row["rank"], row["person"], row["score"]) for row in board] == [
        (1, wang_fang, 3),
        (2, rival, 0),
    ]
    analysis = selectors.item_analysis(competition=round_)
    drawn = {a.question_id for a in selectors.paper_of(attempt=mine)}
    drawn |= {a.question_id for a in selectors.paper_of(attempt=theirs)}
    assert {row["question"].pk for row in analysis} == drawn
    for row in analysis:
        right_share = row["right"] / row["drawn"]
        assert row["percent"] == round(100 * right_share)


def test_the_whole_paper_saves_only_the_answers_that_changed(round_, wang_fang):
    attempt = quiz_services.attempt_start(competition=round_, person=wang_fang, by=None, now=DURING)
    paper = list(selectors.paper_of(attempt=attempt))
    answers = {a.question_id: a.question.key for a in paper}
    assert quiz_services.answers_save(attempt=attempt, by=None, answers=answers, now=DURING) == 3
    assert quiz_services.answers_save(attempt=attempt, by=None, answers=answers, now=DURING) == 0
    changed = {**answers, paper[0].question_id: [2]}
    assert quiz_services.answers_save(attempt=attempt, by=None, answers=changed, now=DURING) == 1
    with pytest.raises(ValidationError, match="时间已到"):
        quiz_services.answers_save(
            attempt=attempt, by=None, answers=answers, now=attempt.due_at + dt.timedelta(seconds=1)
        )
    attempt.refresh_from_db()
    assert attempt.score == 2  # handed in as it stood: the first answer changed to a wrong one
    with pytest.raises(ValidationError, match="已交卷"):
        quiz_services.answers_save(attempt=attempt, by=None, answers=answers, now=DURING)
