"""Pure rules for evaluating and completing a placement (R15): the rubric's scores, the grades a
tutor may give, and when a placement is complete. No ORM, no clock."""

from collections.abc import Iterable, Mapping

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Grade(models.TextChoices):
    """The final grade the university tutor enters (R15, issue item 6)."""

    EXCELLENT = "excellent", gettext_lazy("优秀")
    GOOD = "good", gettext_lazy("良好")
    FAIR = "fair", gettext_lazy("中等")
    PASS = "pass", gettext_lazy("及格")
    FAIL = "fail", gettext_lazy("不及格")


def grade_label(value: str) -> str:
    """The grade's Chinese label, or the stored value if it is not one of ours."""
    try:
        return str(Grade(value).label)
    except ValueError:
        return value


def score_errors(
    *, criteria: Iterable[Mapping], scores: Mapping[str, tuple[int | None, str]]
) -> list[str]:
    """What is wrong with a filled-in rubric (R15): every criterion needs a whole score within
    0..max_score and a comment. `scores` maps a criterion's name to (score, comment)."""
    errors = []
    for criterion in criteria:
        name, top = criterion["name"], criterion["max_score"]
        score, comment = scores.get(name, (None, ""))
        if score is None:
            errors.append(_("“%(name)s”未评分。") % {"name": name})
        elif not 0 <= score <= top:
            errors.append(
                _("“%(name)s”的分数应在 0 到 %(top)s 之间。") % {"name": name, "top": top}
            )
        if not (comment or "").strip():
            errors.append(_("“%(name)s”须填写评语。") % {"name": name})
    return errors


def missing_for_completion(
    *, hours_met: bool, final_parties: Iterable[str], grade: str
) -> list[str]:
    """What still stands between a placement and its certificate (R15, issue item 7): confirmed
    hours meeting the programme's requirement, the field supervisor's and the tutor's final
    evaluations, and a passing grade from the tutor. Empty when the placement is complete.
    The self-evaluation is asked for but does not hold up the certificate."""
    parties = set(final_parties)
    missing = []
    if not hours_met:
        missing.append(_("已确认实习时数未达到专业要求"))
    if "field" not in parties:
        missing.append(_("站点督导的终期评价"))
    if "tutor" not in parties:
        missing.append(_("校内导师的终期评价"))
    if not grade:
        missing.append(_("最终成绩"))
    elif grade == Grade.FAIL:
        missing.append(_("及格及以上的最终成绩"))
    return missing


def total_score(scores: Mapping[str, Mapping]) -> int:
    """The sum of an evaluation's scores."""
    return sum(int(part["score"]) for part in scores.values())
