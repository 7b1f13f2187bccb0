"""Supervision documents: a station's yearly archive (PDF and Excel) and a supervisor's
portfolio (PDF), each returned as bytes (R7)."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from core.pdf import render_pdf
from directory.models import ServicePoint
from practicum.selectors.supervision_given import student_supervision_by_year
from supervision import selectors
from supervision.models import SupervisorProfile


def _archive_context(*, service_point: ServicePoint, year: int) -> dict:
    return {
        "point": service_point,
        "year": year,
        "sessions": list(selectors.sessions_for_archive(service_point=service_point, year=year)),
        "totals": selectors.station_minutes(service_point=service_point, year=year),
        "generated_at": timezone.localtime(),
    }


def station_archive_pdf(*, service_point: ServicePoint, year: int) -> bytes:
    """Every session of a station's year with each supervisee's confirmation."""
    return render_pdf(
        template="supervision/pdf/station_archive.html",
        context=_archive_context(service_point=service_point, year=year),
    )


def station_archive_xlsx(*, service_point: ServicePoint, year: int) -> bytes:
    """The same archive as a workbook: one sheet of sessions, one of supervisees."""
    context = _archive_context(service_point=service_point, year=year)
    workbook = Workbook()
    sessions = workbook.active
    sessions.title = _("督导记录")
    sessions.append(
        [
            _("编号"),
            _("日期"),
            _("开始时间"),
            _("时长（分钟）"),
            _("督导形式"),
            _("提供层级"),
            _("状态"),
            _("督导"),
            _("主题"),
            _("讨论的个案"),
            _("记录"),
            _("后续行动"),
            _("版本"),
        ]
    )
    parts = workbook.create_sheet(_("受督导人"))
    parts.append(
        [
            _("记录编号"),
            _("日期"),
            _("社工"),
            _("分钟"),
            _("确认状态"),
            _("异议理由"),
            _("处理意见"),
        ]
    )
    for session in context["sessions"]:
        sessions.append(
            [
                session.pk,
                session.held_on,
                timezone.localtime(session.started_at).strftime("%H:%M"),
                session.duration_minutes,
                session.get_form_display(),
                session.get_providing_level_display(),
                session.get_status_display(),
                "、".join(s.person.name for s in session.supervisors.all()),
                session.topic,
                session.cases_discussed,
                session.notes,
                session.follow_up,
                session.version,
            ]
        )
        for part in session.supervisees.all():
            parts.append(
                [
                    session.pk,
                    session.held_on,
                    part.person.name,
                    part.minutes,
                    part.get_state_display(),
                    part.dispute_reason,
                    part.resolution,
                ]
            )
    for sheet in (sessions, parts):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def portfolio_pdf(*, supervisor: SupervisorProfile) -> bytes:
    """All supervision a supervisor gave: stations and terms, sessions, confirmed hours by year,
    and, under its own heading, supervision of placement students (R7, R15)."""
    return render_pdf(
        template="supervision/pdf/portfolio.html",
        context={
            "profile": supervisor,
            "grade_changes": supervisor.grade_changes.select_related("grade"),
            "assignments": selectors.assignments_of(supervisor=supervisor),
            "years": selectors.given_by_year(supervisor=supervisor),
            "sessions": selectors.sessions_for_portfolio(supervisor=supervisor),
            "student_years": student_supervision_by_year(person=supervisor.person),
            "generated_at": timezone.localtime(),
        },
    )
