"""Evaluations and the final grade, without HTTP (R15, issue item 6)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from practicum import completion_rules
from practicum.models import Evaluation, EvaluationForm
from practicum.services import evaluations
from tests.practicum.completion.conftest import evaluation_row, full_scores

FIELD, TUTOR, SELF = (
    Evaluation.Party.FIELD_SUPERVISOR,
    Evaluation.Party.TUTOR,
    Evaluation.Party.SELF,
)
MID, FINAL = Evaluation.Stage.MIDTERM, Evaluation.Stage.FINAL


def submit(
    practicum, application, *, party, by, stage=MID, scores=None, comment="总体良好。", form=None
):
    form = form or practicum.form
    return evaluations.evaluation_submit(
        application=application,
        stage=stage,
        party=party,
        form=form,
        scores=full_scores(form) if scores is None else scores,
        overall_comment=comment,
        by=by,
    )


@pytest.mark.parametrize(
    ("party", "who"), [(FIELD, "field_supervisor"), (TUTOR, "tutor"), (SELF, "student")]
)
def test_r15_each_party_evaluates_its_own_side(practicum, accepted, party, who):
    person = getattr(practicum, who)
    user = person.person.user if who == "student" else person.user
    evaluation = submit(practicum, accepted, party=party, by=user)
    assert evaluation.criteria == practicum.form.criteria
    assert evaluation.scores["专业态度"] == {"score": 8, "comment": "表现良好"}
    assert AuditEvent.objects.filter(verb="practicum_evaluation.submit").count() == 1


@pytest.mark.parametrize(
    ("party", "who"),
    [
        (FIELD, "tutor"),
        (TUTOR, "field_supervisor"),
        (TUTOR, "other_tutor"),
        (SELF, "coordinator"),
        (FIELD, "head_a"),
        (FIELD, "worker"),
    ],
)
def test_r15_anyone_not_the_party_is_refused(practicum, accepted, party, who):
    with pytest.raises(PermissionDenied):
        submit(practicum, accepted, party=party, by=getattr(practicum, who).user)
    assert not Evaluation.objects.exists()


def test_another_student_cannot_self_evaluate(practicum, accepted):
    with pytest.raises(PermissionDenied):
        submit(practicum, accepted, party=SELF, by=practicum.second_student.person.user)


def test_r15_pending_application_cannot_be_evaluated(practicum, pending):
    with pytest.raises(ValidationError, match="已录用"):
        submit(practicum, pending, party=TUTOR, by=practicum.tutor.user)


def test_r15_one_evaluation_per_stage_and_party_final_once_submitted(practicum, accepted):
    submit(practicum, accepted, party=TUTOR, by=practicum.tutor.user)
    with pytest.raises(ValidationError, match="已经提交"):
        submit(practicum, accepted, party=TUTOR, by=practicum.tutor.user, comment="改一下")
    submit(practicum, accepted, party=TUTOR, by=practicum.tutor.user, stage=FINAL)
    assert Evaluation.objects.count() == 2


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        ({"专业态度": (11, "好"), "专业技能": (5, "好")}, "0 到 10"),
        ({"专业态度": (-1, "好"), "专业技能": (5, "好")}, "0 到 10"),
        ({"专业态度": (None, "好"), "专业技能": (5, "好")}, "未评分"),
        ({"专业态度": (5, " "), "专业技能": (5, "好")}, "须填写评语"),
        ({"专业态度": (5, "好")}, "专业技能"),
    ],
)
def test_r15_rubric_needs_every_score_in_range_with_a_comment(practicum, accepted, scores, message):
    with pytest.raises(ValidationError, match=message):
        submit(practicum, accepted, party=TUTOR, by=practicum.tutor.user, scores=scores)
    assert not Evaluation.objects.exists()


def test_overall_comment_is_required(practicum, accepted):
    with pytest.raises(ValidationError, match="总体评语"):
        submit(practicum, accepted, party=TUTOR, by=practicum.tutor.user, comment="  ")


def test_form_must_be_one_the_programme_uses(practicum, accepted):
    foreign = EvaluationForm.objects.create(
        university=practicum.university, name="另一张表", criteria=[{"name": "x", "max_score": 5}]
    )
    with pytest.raises(ValidationError, match="本专业使用的评价表"):
        submit(practicum, accepted, party=TUTOR, by=practicum.tutor.user, form=foreign)


def test_r15_grade_needs_the_tutors_final_evaluation(practicum, accepted):
    with pytest.raises(ValidationError, match="终期评价"):
        evaluations.grade_enter(application=accepted, grade="good", by=practicum.tutor.user)
    evaluation_row(accepted, stage=FINAL, party=TUTOR, form=practicum.form, by=practicum.tutor.user)
    assert (
        evaluations.grade_enter(application=accepted, grade="good", by=practicum.tutor.user) is None
    )
    accepted.refresh_from_db()
    assert accepted.final_grade == "good" and accepted.graded_by == practicum.tutor.user
    with pytest.raises(ValidationError, match="已经评定"):
        evaluations.grade_enter(application=accepted, grade="excellent", by=practicum.tutor.user)


@pytest.mark.parametrize("who", ["field_supervisor", "coordinator", "other_tutor", "head_a"])
def test_r15_only_the_tutor_grades(practicum, accepted, who):
    evaluation_row(accepted, stage=FINAL, party=TUTOR, form=practicum.form, by=practicum.tutor.user)
    with pytest.raises(PermissionDenied):
        evaluations.grade_enter(application=accepted, grade="good", by=getattr(practicum, who).user)


def test_grade_must_be_one_of_the_five(practicum, accepted):
    evaluation_row(accepted, stage=FINAL, party=TUTOR, form=practicum.form, by=practicum.tutor.user)
    with pytest.raises(ValidationError, match="成绩等级"):
        evaluations.grade_enter(application=accepted, grade="A+", by=practicum.tutor.user)


def test_grade_labels():
    assert [str(label) for label in completion_rules.Grade.labels] == [
        "优秀",
        "良好",
        "中等",
        "及格",
        "不及格",
    ]
