"""Review and results (R14): conflicts through the services, blind view, scores, ranking,
notice and objections, award certificates."""

import dataclasses
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from audit.models import AuditEvent
from competitions import permissions, selectors
from competitions.models import Assignment, Objection, Result, Score
from competitions.services import entries, results, review
from credentials import verification
from credentials.models import Certificate
from supervision.models import CommitteeLevel, SupervisorProfile
from tests import factories
from tests.competitions.conftest import AFTER_REVIEW, CASE_TEXT, DURING, IN_REVIEW, judge_person

NOTICE_START = AFTER_REVIEW
NOTICE_END = AFTER_REVIEW + dt.timedelta(days=7)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _submitted(case, author, title="独居老人个案"):
    entry = entries.entry_create(competition=case, author=author, title=title, by=None, now=DURING)
    entries.entry_update(entry=entry, by=None, title=title, sections=CASE_TEXT, now=DURING)
    return entries.entry_submit(entry=entry, by=None, deidentified=True, now=DURING)


@pytest.fixture
def entry(case, wang_fang):
    return _submitted(case, wang_fang)


def test_a_judge_in_conflict_is_never_assigned(entry, judges, zhang_min):
    with pytest.raises(ValidationError, match="与作者同一站点"):
        review.assignment_create(
            entry=entry, judge=judges.colleague, by=zhang_min.user, now=IN_REVIEW
        )
    assert not Assignment.objects.exists()


def test_a_recorded_supervision_pair_blocks_the_supervisor(entry, tree, wang_fang):
    supervisor = judge_person("督导丁", tree)
    profile = factories.linked_supervisor(
        supervisor, tree.station_b, committee_level=CommitteeLevel.CITY
    )
    assert selectors.conflict_reasons_for(entry=entry, judge=supervisor) == []
    SupervisorProfile.objects.create(
        person=wang_fang, committee_level=CommitteeLevel.LOCAL, grade=profile.grade, mentor=profile
    )
    assert selectors.conflict_reasons_for(entry=entry, judge=supervisor) == ["supervision"]


def test_balanced_assignment_skips_conflicts(entry, judges, zhang_min):
    created, missing = review.assignments_balance(
        competition=entry.competition,
        judges=[judges.expert, judges.county_b, judges.colleague],
        by=zhang_min.user,
        now=IN_REVIEW,
    )
    assert {a.judge_id for a in created} == {judges.expert.pk, judges.county_b.pk}
    assert missing == {}


def test_a_declared_conflict_withdraws_the_assignment_and_is_honoured(entry, judges, zhang_min):
    assignment = review.assignment_create(
        entry=entry, judge=judges.expert, by=zhang_min.user, now=IN_REVIEW
    )
    review.conflict_declare(assignment=assignment, by=None, reason="曾指导该站", now=IN_REVIEW)
    assert not Assignment.objects.exists()
    with pytest.raises(ValidationError, match="本人申报回避"):
        review.assignment_create(entry=entry, judge=judges.expert, by=None, now=IN_REVIEW)


@pytest.fixture
def assignment(entry, judges, zhang_min):
    return review.assignment_create(
        entry=entry, judge=judges.expert, by=zhang_min.user, now=IN_REVIEW
    )


def _criteria(competition):
    first, second = competition.criteria.order_by("position")
    return first, second


@pytest.mark.parametrize(
    ("value", "comment", "message"),
    [(11, "", "须在 0.0 至 10.0 之间"), (1, "", "须填写评语"), ("x", "", "须为数字")],
)
def test_a_bad_score_saves_nothing(assignment, value, comment, message):
    first, second = _criteria(assignment.entry.competition)
    with pytest.raises(ValidationError, match=message):
        review.scores_save(
            assignment=assignment,
            by=None,
            values={second.pk: (5, ""), first.pk: (value, comment)},
            now=IN_REVIEW,
        )
    assert not Score.objects.exists()


def test_submit_requires_every_criterion(assignment):
    first, second = _criteria(assignment.entry.competition)
    review.scores_save(
        assignment=assignment, by=None, values={first.pk: (1, "太简略")}, now=IN_REVIEW
    )
    with pytest.raises(ValidationError, match="创新性"):
        review.assignment_submit(assignment=assignment, by=None, now=IN_REVIEW)
    review.scores_save(assignment=assignment, by=None, values={second.pk: (6, "")}, now=IN_REVIEW)
    assert review.assignment_submit(assignment=assignment, by=None, now=IN_REVIEW).submitted_at


def test_a_judge_in_conflict_since_assignment_cannot_open_or_score(assignment, tree, judges):
    factories.PositionFactory(person=judges.expert, service_point=tree.station_a)
    with pytest.raises(PermissionDenied):
        permissions.assignment_for_judge(user=judges.expert.user, assignment_id=assignment.pk)
    first, _second = _criteria(assignment.entry.competition)
    with pytest.raises(ValidationError, match="利益冲突"):
        review.scores_save(
            assignment=assignment, by=None, values={first.pk: (5, "")}, now=IN_REVIEW
        )


def test_a_judge_not_assigned_gets_a_404(assignment, judges):
    with pytest.raises(Http404):
        permissions.assignment_for_judge(user=judges.county_b.user, assignment_id=assignment.pk)


def test_the_blind_view_names_no_author_station_region_or_file(assignment, wang_fang, tree):
    entry = assignment.entry
    upload = factories_upload()
    entry.submitted_at = None  # a file added while a draft, as authors do
    entry.save()
    attachment, _w = entries.entry_file_add(entry=entry, by=None, upload=upload, now=DURING)
    view = selectors.judge_view(entry=entry)
    text = repr(dataclasses.asdict(view))
    for secret in (
        wang_fang.name,
        tree.station_a.name,
        tree.town_a.name,
        tree.county_a.name,
        attachment.original_name,
        "王芳的案例",
    ):
        assert secret not in text
    assert view.files[0].name == f"{entry.code}-1.pdf"
    _file, name = permissions.entry_file_for_user(user=assignment.judge.user, file_id=attachment.pk)
    assert name == f"{entry.code}-1.pdf"


def factories_upload():
    return SimpleUploadedFile("王芳的案例.pdf", b"%PDF-1.4 body")


def test_the_organiser_reveal_is_logged(entry, zhang_min):
    identity = review.identity_reveal(entry=entry, by=zhang_min.user, reason="核实获奖资格")
    assert identity["author"] == "王芳"
    event = AuditEvent.objects.get(verb="competition_entry.reveal")
    assert event.after == {"reason": "核实获奖资格"}


def test_judges_see_only_their_own_scores_until_the_review_closes(entry, judges, zhang_min):
    first, second = _criteria(entry.competition)
    mine, theirs = (
        review.assignment_create(entry=entry, judge=j, by=None, now=IN_REVIEW)
        for j in (judges.expert, judges.county_b)
    )
    for a, v in ((mine, 5), (theirs, 7)):
        review.scores_save(
            assignment=a, by=None, values={first.pk: (v, ""), second.pk: (v, "")}, now=IN_REVIEW
        )
        review.assignment_submit(assignment=a, by=None, now=IN_REVIEW)
    during = selectors.scores_seen_by_judge(assignment=mine, now=IN_REVIEW)
    assert [row[0] for row in during] == ["mine"]
    after = selectors.scores_seen_by_judge(assignment=mine, now=AFTER_REVIEW)
    assert sorted(row[0] for row in after) == ["mine", "other"]
    assert judges.county_b.name not in repr(after)


@pytest.fixture
def scored(case, tree, wang_fang, judges):
    """Three entries scored by two judges. Totals (weights 60/40, range 0–10):
    A: judge 1 (9, 8) → 86, judge 2 (8, 8) → 80, mean 83 — first prize;
    B: (7, 7) → 70 and (8, 6) → 72, mean 71 — second prize;
    C: (6, 5) → 56 and (5, 5) → 50, mean 53 — no award."""
    colleague = factories.PersonFactory(region=tree.county_a)
    factories.PositionFactory(person=colleague, service_point=tree.station_a)
    third = factories.PersonFactory(region=tree.county_a)
    factories.PositionFactory(person=third, service_point=tree.station_a)
    made = [
        _submitted(case, author, title)
        for author, title in ((wang_fang, "甲"), (colleague, "乙"), (third, "丙"))
    ]
    first, second = _criteria(case)
    marks = {0: [(9, 8), (8, 8)], 1: [(7, 7), (8, 6)], 2: [(6, 5), (5, 5)]}
    for index, entry in enumerate(made):
        for judge, (a, b) in zip((judges.expert, judges.county_b), marks[index], strict=True):
            assignment = review.assignment_create(entry=entry, judge=judge, by=None, now=IN_REVIEW)
            review.scores_save(
                assignment=assignment,
                by=None,
                values={first.pk: (a, ""), second.pk: (b, "")},
                now=IN_REVIEW,
            )
            review.assignment_submit(assignment=assignment, by=None, now=IN_REVIEW)
    return made


def test_the_ranking_is_recomputed_from_the_raw_scores(case, scored):
    ranking = selectors.ranking(competition=case)
    assert ranking.method == "mean" and ranking.method_label
    assert [(r.entry.title, r.score, r.rank, r.award) for r in ranking.rows] == [
        ("甲", 83.0, 1, "一等奖"),
        ("乙", 71.0, 2, "二等奖"),
        ("丙", 53.0, 3, ""),
    ]


def test_the_ranking_reads_a_fixed_number_of_queries(case, scored, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        selectors.ranking(competition=case)


def test_the_notice_stores_results_and_objections_keep_to_its_window(
    case, scored, zhang_min, chen_jing
):
    with pytest.raises(ValidationError, match="评审截止后"):
        results.notice_publish(
            competition=case,
            by=zhang_min.user,
            starts_at=NOTICE_START,
            ends_at=NOTICE_END,
            now=IN_REVIEW,
        )
    results.notice_publish(
        competition=case,
        by=zhang_min.user,
        starts_at=NOTICE_START,
        ends_at=NOTICE_END,
        now=AFTER_REVIEW,
    )
    assert list(Result.objects.values_list("rank", "award_level")) == [
        (1, "一等奖"),
        (2, "二等奖"),
        (3, ""),
    ]
    with pytest.raises(ValidationError, match="异议理由"):
        results.objection_raise(competition=case, by=chen_jing.user, reason=" ", now=NOTICE_START)
    results.objection_raise(
        competition=case, by=chen_jing.user, reason="分数有误", entry=scored[0], now=NOTICE_START
    )
    with pytest.raises(ValidationError, match="不在公示期内"):
        results.objection_raise(
            competition=case, by=chen_jing.user, reason="迟到的异议", now=NOTICE_END
        )
    assert Objection.objects.count() == 1


def test_finalise_waits_for_answers_and_issues_verifiable_awards(
    case, scored, zhang_min, chen_jing, tree, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    coauthor = factories.PersonFactory(name="合作者甲", region=tree.county_b)
    scored[0].coauthors.add(coauthor)
    results.notice_publish(
        competition=case,
        by=zhang_min.user,
        starts_at=NOTICE_START,
        ends_at=NOTICE_END,
        now=AFTER_REVIEW,
    )
    objection = results.objection_raise(
        competition=case, by=chen_jing.user, reason="请复核", now=NOTICE_START
    )
    with pytest.raises(ValidationError, match="公示期结束后"):
        results.results_finalise(competition=case, by=zhang_min.user, now=NOTICE_START)
    with pytest.raises(ValidationError, match="异议未答复"):
        results.results_finalise(competition=case, by=zhang_min.user, now=NOTICE_END)
    results.objection_answer(objection=objection, by=zhang_min.user, answer="经复核无误")
    with django_capture_on_commit_callbacks(execute=True):  # the PDFs rendered: issued
        results.results_finalise(competition=case, by=zhang_min.user, now=NOTICE_END)
    awards = Certificate.objects.filter(kind=Certificate.Kind.AWARD)
    assert sorted(awards.values_list("holder__name", flat=True)) == sorted(
        ["王芳", "合作者甲", scored[1].author.name]
    )
    first = Result.objects.get(rank=1).certificate
    payload = verification.public_payload(verification.certificate_by_code(first.short_code))
    assert payload["status"] == "valid" and payload["holder"]["name"] == "王芳"
    rows = dict(payload["sections"][0]["rows"])
    assert rows["奖项"] == "一等奖" and rows["作品"] == "甲"
    assert rows["竞赛评选"] == case.title
