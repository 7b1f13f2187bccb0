"""A university's programmes and evaluation forms (R15): the hours a programme requires are
data per programme, and a form's rubric is at least one criterion scored out of 1 to 100."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from directory.models import University
from practicum.models import EvaluationForm, Programme

PROGRAMME_FIELDS = ("name", "degree", "required_hours")
MAX_SCORE_RANGE = (1, 100)


def criteria_problems(criteria: list[dict]) -> list[str]:
    """What is wrong with a rubric: no criterion, a blank or repeated name, a maximum score
    outside 1..100."""
    if not criteria:
        return [_("评价表至少需要一项评价指标。")]
    problems = []
    names = [str(row.get("name", "")).strip() for row in criteria]
    if any(not name for name in names):
        problems.append(_("评价指标名称不能为空。"))
    if len(set(names)) != len(names):
        problems.append(_("评价指标名称不能重复。"))
    low, high = MAX_SCORE_RANGE
    for row in criteria:
        score = row.get("max_score")
        if not isinstance(score, int) or isinstance(score, bool) or not low <= score <= high:
            problems.append(
                _("指标“%(name)s”的满分须在 %(low)s 到 %(high)s 之间。")
                % {"name": row.get("name", ""), "low": low, "high": high}
            )
    return problems


def _check_forms(university: University, forms) -> None:
    if any(form.university_id != university.pk for form in forms):
        raise ValidationError(_("只能选用本校的评价表。"))


@transaction.atomic
def programme_create(
    *, university: University, data: dict, evaluation_forms, by: User
) -> Programme:
    _check_forms(university, evaluation_forms)
    programme = Programme(university=university, **{f: data[f] for f in PROGRAMME_FIELDS})
    programme.full_clean()
    programme.save()
    programme.evaluation_forms.set(evaluation_forms)
    audit_record(actor=by, verb="programme.create", target=programme)
    return programme


@transaction.atomic
def programme_update(*, programme: Programme, data: dict, evaluation_forms, by: User) -> Programme:
    _check_forms(programme.university, evaluation_forms)
    before = {f: str(getattr(programme, f)) for f in PROGRAMME_FIELDS}
    for field in PROGRAMME_FIELDS:
        setattr(programme, field, data[field])
    programme.full_clean()
    programme.save()
    programme.evaluation_forms.set(evaluation_forms)
    audit_record(
        actor=by,
        verb="programme.update",
        target=programme,
        before=before,
        after={f: str(getattr(programme, f)) for f in PROGRAMME_FIELDS},
    )
    return programme


def _clean_criteria(criteria: list[dict]) -> list[dict]:
    problems = criteria_problems(criteria)
    if problems:
        raise ValidationError(problems)
    return [{"name": row["name"].strip(), "max_score": row["max_score"]} for row in criteria]


@transaction.atomic
def evaluation_form_create(
    *, university: University, name: str, criteria: list[dict], by: User
) -> EvaluationForm:
    form = EvaluationForm(university=university, name=name, criteria=_clean_criteria(criteria))
    form.full_clean()
    form.save()
    audit_record(actor=by, verb="evaluation_form.create", target=form, after={"criteria": criteria})
    return form


@transaction.atomic
def evaluation_form_update(
    *, form: EvaluationForm, name: str, criteria: list[dict], by: User
) -> EvaluationForm:
    """Evaluations already filled in keep the criteria they copied."""
    before = {"name": form.name, "criteria": form.criteria}
    form.name = name
    form.criteria = _clean_criteria(criteria)
    form.full_clean()
    form.save()
    audit_record(
        actor=by,
        verb="evaluation_form.update",
        target=form,
        before=before,
        after={"name": form.name, "criteria": form.criteria},
    )
    return form
