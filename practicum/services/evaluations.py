"""Mid-term and final evaluations of a placement and the tutor's final grade (R15, issue item 6)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from core.conflicts import refused_on_conflict
from practicum import completion_rules, permissions
from practicum.models import Application, Evaluation, EvaluationForm
from practicum.services.completion import practicum_complete_if_ready


def party_allowed(*, user: User, application: Application, party: str) -> bool:
    """Whether `user` is the party that fills in this side of the evaluation: the placement's
    field supervisor, the tutor, or the student themself."""
    if party == Evaluation.Party.FIELD_SUPERVISOR:
        return permissions.is_field_supervisor(user, application.placement)
    if party == Evaluation.Party.TUTOR:
        return permissions.is_tutor(user, application)
    if party == Evaluation.Party.SELF:
        return permissions.is_student(user, application)
    return False


def _locked(application: Application) -> Application:
    """The application row, locked so that two submissions of one evaluation queue up."""
    return Application.objects.select_for_update().get(pk=application.pk)


def _refuse_unless_accepted(application: Application) -> None:
    if application.state != Application.State.ACCEPTED:
        raise ValidationError(_("只有已录用的实习才能评价。"))


@transaction.atomic
def evaluation_submit(
    *,
    application: Application,
    stage: str,
    party: str,
    form: EvaluationForm,
    scores: dict[str, tuple[int | None, str]],
    overall_comment: str,
    by: User,
) -> Evaluation:
    """Submit one party's evaluation at one stage, final once submitted (R15): only that party
    (403 otherwise), only for an accepted placement, on one of the programme's forms, every
    criterion scored within its range with a comment, and an overall comment."""
    if stage not in Evaluation.Stage.values or party not in Evaluation.Party.values:
        raise ValidationError(_("评价阶段或评价方无效。"))
    if not party_allowed(user=by, application=application, party=party):
        raise PermissionDenied(_("您不是这项评价的评价人。"))
    application = _locked(application)
    _refuse_unless_accepted(application)
    if not application.student.programme.evaluation_forms.filter(pk=form.pk).exists():
        raise ValidationError(_("请选择本专业使用的评价表。"))
    if Evaluation.objects.filter(application=application, stage=stage, party=party).exists():
        raise ValidationError(_("这一阶段的评价已经提交，不能再修改。"))
    errors = completion_rules.score_errors(criteria=form.criteria, scores=scores)
    overall_comment = (overall_comment or "").strip()
    if not overall_comment:
        errors.append(_("请填写总体评语。"))
    if errors:
        raise ValidationError(errors)
    recorded = {
        criterion["name"]: {
            "score": scores[criterion["name"]][0],
            "comment": scores[criterion["name"]][1].strip(),
        }
        for criterion in form.criteria
    }
    with refused_on_conflict(_("这一阶段的评价已经提交，不能再修改。")):
        evaluation = Evaluation.objects.create(
            application=application,
            stage=stage,
            party=party,
            form=form,
            criteria=form.criteria,
            scores=recorded,
            overall_comment=overall_comment,
            evaluator=by,
        )
    audit_record(
        actor=by,
        verb="practicum_evaluation.submit",
        target=evaluation,
        after={"stage": stage, "party": party, "total": completion_rules.total_score(recorded)},
    )
    return evaluation


@transaction.atomic
def grade_enter(*, application: Application, grade: str, by: User):
    """The tutor enters the final grade once their final evaluation is in; final once entered
    (R15). If the placement is then complete, its certificate is issued. Returns the
    certificate, or None while something is still missing."""
    if not permissions.is_tutor(by, application):
        raise PermissionDenied(_("只有校内导师可以评定最终成绩。"))
    application = _locked(application)
    _refuse_unless_accepted(application)
    if grade not in completion_rules.Grade.values:
        raise ValidationError(_("请选择有效的成绩等级。"))
    if application.final_grade:
        raise ValidationError(_("最终成绩已经评定，不能再修改。"))
    final_by_tutor = application.evaluations.filter(
        stage=Evaluation.Stage.FINAL, party=Evaluation.Party.TUTOR
    )
    if not final_by_tutor.exists():
        raise ValidationError(_("请先提交校内导师的终期评价，再评定最终成绩。"))
    application.final_grade = grade
    application.graded_by = by
    application.graded_at = timezone.now()
    application.save(update_fields=["final_grade", "graded_by", "graded_at"])
    audit_record(actor=by, verb="practicum_grade.enter", target=application, after={"grade": grade})
    return practicum_complete_if_ready(application=application, by=by)
