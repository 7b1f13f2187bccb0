"""Yearly evaluation of a station (R17): a score sheet built from the year's rule results and
monthly reports, plus the evaluator's quality score; filing it locks the supervision year."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from core.conflicts import refused_on_conflict
from directory.models import ServicePoint
from quotas import rules
from quotas.models import MonthlyReport, YearlyEvaluation
from quotas.selectors import rule_results
from supervision import services as supervision_services

RULE_POINTS = 50  # shared among the station's rules
REPORT_POINTS = 20  # twelve monthly reports on time
QUALITY_POINTS = 30  # the evaluator's judgement of service quality


def score_sheet(*, service_point: ServicePoint, year: int, today: dt.date) -> list[dict]:
    """The automatic items: each applicable station rule, then the monthly reports."""
    results = [
        r
        for r in rule_results.evaluate_station(service_point=service_point, year=year, today=today)
        if r.counted and not r.rule.advisory  # advisory rules are shown, never scored (R1)
    ]
    sheet = []
    for index, result in enumerate(results):
        share = RULE_POINTS // len(results) + (1 if index < RULE_POINTS % len(results) else 0)
        sheet.append(
            {
                "item": result.sentence,
                "source": f"{result.rule.rule_ref} {result.rule.source_clause}",
                "max": share,
                "score": rules.proportional_score(
                    achieved=result.achieved, owed=result.owed, points=share
                ),
            }
        )
    on_time = sum(
        1
        for report in MonthlyReport.objects.filter(
            service_point=service_point,
            month__year=year,
            status__in=(MonthlyReport.Status.SUBMITTED, MonthlyReport.Status.ACCEPTED),
        )
        if report.submitted_at and timezone.localdate(report.submitted_at) <= report.due_on
    )
    points = REPORT_POINTS + (0 if results else RULE_POINTS)
    sheet.append(
        {
            "item": _("按时报送月报 %(n)s/12 个月") % {"n": on_time},
            "source": "R17",
            "max": points,
            "score": rules.proportional_score(achieved=on_time, owed=12, points=points),
        }
    )
    return sheet


@transaction.atomic
def evaluation_file(
    *, service_point: ServicePoint, year: int, quality: int, comment: str, by, today: dt.date
) -> YearlyEvaluation:
    """Freeze the sheet with the evaluator's quality score, grade it and lock the year."""
    if year >= today.year:
        raise ValidationError(_("只能对已经结束的年度进行年度评估。"))
    if not 0 <= quality <= QUALITY_POINTS:
        raise ValidationError(_("服务质量评分应在 0 到 %(max)s 分之间。") % {"max": QUALITY_POINTS})
    if YearlyEvaluation.objects.filter(service_point=service_point, year=year).exists():
        raise ValidationError(_("该年度已完成年度评估。"))
    sheet = score_sheet(service_point=service_point, year=year, today=today)
    sheet.append(
        {"item": _("服务质量评估"), "source": "R17", "max": QUALITY_POINTS, "score": quality}
    )
    total = sum(item["score"] for item in sheet)
    with refused_on_conflict(_("该年度已完成年度评估。")):
        filed = YearlyEvaluation.objects.create(
            service_point=service_point,
            year=year,
            sheet=sheet,
            total=total,
            grade=rules.grade_for(total),
            comment=comment.strip(),
            evaluated_by=by,
        )
    supervision_services.year_close(service_point=service_point, year=year, closed_by=by)
    audit_record(actor=by, verb="yearly_evaluation.file", target=filed, after={"total": total})
    return filed
