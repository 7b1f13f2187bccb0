"""Yearly evaluation of a station (R17): a score sheet built from the year's rule results and
monthly reports, plus the evaluator's quality score; filing it locks the supervision year.

No document sets the sheet's weights or grades: they are the nearest policy pack's (the
national pack holds the platform's default), and the sheet says where they come from."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from core.conflicts import refused_on_conflict
from directory.models import ServicePoint
from quotas import rules
from quotas.models import MonthlyReport, YearlyEvaluation
from quotas.selectors import obligations, pack_settings, rule_results
from supervision import services as supervision_services


@dataclass(frozen=True)
class Weights:
    """The sheet's points (out of 100) and grade bands, and where they come from."""

    rule_points: int  # shared among the station's rules
    report_points: int  # the monthly reports the region's policy asked for, on time
    quality_points: int  # the evaluator's judgement of service quality
    grades: list[list]  # [floor, label], highest first
    source: str  # the pack's citation, after its title for a region's pack


def weights_for(*, service_point: ServicePoint, year: int) -> Weights | None:
    """The weights and grades of the nearest pack at or above the station that sets them for
    `year` (in force on its last day); None when no pack does (the station cannot be scored)."""
    found = pack_settings.nearest(
        region=service_point.region, name="evaluation_rule_points", on=dt.date(year, 12, 31)
    )
    if found is None:
        return None
    _, pack = found
    source = pack.evaluation_source
    return Weights(
        rule_points=pack.evaluation_rule_points,
        report_points=pack.evaluation_report_points,
        quality_points=pack.evaluation_quality_points,
        grades=pack.evaluation_grades,
        source=f"《{pack.title}》{source}" if pack.region else source,
    )


def score_sheet(*, service_point: ServicePoint, year: int, today: dt.date) -> list[dict]:
    """The automatic items: each applicable station rule, then the reports on time among those
    the region's policy asked for that year (R17), under the station's weights. Empty where no
    weights apply, or where neither a rule nor a report applies (nothing to score)."""
    weights = weights_for(service_point=service_point, year=year)
    if weights is None:
        return []
    rule_points = weights.rule_points
    results = [
        r
        for r in rule_results.evaluate_station(service_point=service_point, year=year, today=today)
        if r.counted and not r.rule.advisory  # advisory rules are shown, never scored (R1)
    ]
    owed = months_owed(service_point=service_point, year=year)
    if not owed:
        # R17: no report was asked for this year; the rules carry the report points too.
        if not results:
            return []
        return _shared(results, points=rule_points + weights.report_points) + [
            {
                "item": _("本年度本地区政策未规定月报，月报分并入指标分"),
                "source": "R17",
                "max": 0,
                "score": 0,
            }
        ]
    on_time = sum(
        1
        for report in MonthlyReport.objects.filter(
            service_point=service_point,
            month__in=owed,
            status__in=(MonthlyReport.Status.SUBMITTED, MonthlyReport.Status.ACCEPTED),
        )
        if report.submitted_at
        and not rules.report_is_late(
            due_on=report.due_on,
            submitted_on=timezone.localdate(report.submitted_at),
            today=report.month,
        )
    )
    points = weights.report_points + (0 if results else rule_points)
    return [
        *_shared(results, points=rule_points),
        {
            "item": _("按时报送月报 %(n)s/%(owed)s 个月") % {"n": on_time, "owed": len(owed)},
            "source": "R17",
            "max": points,
            "score": rules.proportional_score(achieved=on_time, owed=len(owed), points=points),
        },
    ]


def months_owed(*, service_point: ServicePoint, year: int) -> list[dt.date]:
    """R17: the months of `year` for which the station's region asked for a report."""
    path, packs = service_point.region.path, obligations.all_packs()
    return [
        month
        for month in (dt.date(year, number, 1) for number in range(1, 13))
        if obligations.report_cycle_for(path=path, month=month, packs=packs) is not None
    ]


def _shared(results: list, *, points: int) -> list[dict]:
    """The station's rules, `points` shared among them as evenly as whole points allow."""
    sheet = []
    for index, result in enumerate(results):
        share = points // len(results) + (1 if index < points % len(results) else 0)
        sheet.append(
            {
                "item": result.sentence,
                "source": f"{result.rule.rule_ref} {result.rule.source_clause}",
                "rule_id": result.rule.pk,
                "max": share,
                "score": rules.proportional_score(
                    achieved=result.achieved, owed=result.owed, points=share
                ),
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
    weights = weights_for(service_point=service_point, year=year)
    if weights is None:
        raise ValidationError(_("没有政策包规定年度评估的权重与等次，无法评估。"))
    sheet = score_sheet(service_point=service_point, year=year, today=today)
    if not sheet:
        raise ValidationError(_("该年度本站没有适用的指标，本地区政策也未规定月报，无法评估。"))
    if not 0 <= quality <= weights.quality_points:
        raise ValidationError(
            _("服务质量评分应在 0 到 %(max)s 分之间。") % {"max": weights.quality_points}
        )
    if YearlyEvaluation.objects.filter(service_point=service_point, year=year).exists():
        raise ValidationError(_("该年度已完成年度评估。"))
    sheet.append(
        {
            "item": _("服务质量评估"),
            "source": "R17",
            "max": weights.quality_points,
            "score": quality,
        }
    )
    total = sum(item["score"] for item in sheet)
    with refused_on_conflict(_("该年度已完成年度评估。")):
        filed = YearlyEvaluation.objects.create(
            service_point=service_point,
            year=year,
            sheet=sheet,
            total=total,
            grade=rules.grade_for(total, bands=weights.grades),
            weights_source=weights.source,
            comment=comment.strip(),
            evaluated_by=by,
        )
    supervision_services.year_close(service_point=service_point, year=year, closed_by=by)
    audit_record(actor=by, verb="yearly_evaluation.file", target=filed, after={"total": total})
    return filed
