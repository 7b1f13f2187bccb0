"""Supervision documents: a station's yearly archive (PDF and Excel) and a supervisor's
portfolio (PDF), each returned as bytes (R7)."""

import io

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from core import drawn_pdf, units
from core.drawn_pdf import grid, lines, text
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
    """Every session of a station's year with each supervisee's confirmation.

    Drawn with ReportLab (core/drawn_pdf.py), as the portfolio: a busy station's year is long."""
    context = _archive_context(service_point=service_point, year=year)
    totals = context["totals"]
    width = drawn_pdf.page_width()
    summary = _("已开展督导 %(n)s 次，共 %(h)s 小时（每次只计一次）") % {
        "n": totals["sessions"],
        "h": units.hours(totals["minutes"]),
    }
    generated_at = date_format(context["generated_at"], "Y-m-d H:i")
    story = [
        text(
            _("%(name)s %(year)s 年度督导档案") % {"name": service_point.name, "year": year}, "h1"
        ),
        text(
            " · ".join(
                [
                    service_point.code,
                    service_point.region.name,
                    summary,
                    _("生成时间 %(at)s") % {"at": generated_at},
                ]
            ),
            "muted",
        ),
    ]
    for session in context["sessions"]:
        story += _archive_session(session, width=width)
    if not context["sessions"]:
        story.append(text(_("本年度没有督导记录。")))
    return drawn_pdf.render(story, title=f"{service_point.name} {year}")


def _archive_session(session, *, width: float) -> list:
    started = timezone.localtime(session.started_at).strftime("%H:%M")
    supervisors = "、".join(f"{s.person.name}（{s.grade}）" for s in session.supervisors.all())
    facts = [
        str(session.get_form_display()),
        str(session.get_providing_level_display()),
        _("%(m)s 分钟") % {"m": session.duration_minutes},
        str(session.get_status_display()),
        _("第 %(v)s 版") % {"v": session.version},
        _("督导：%(names)s") % {"names": supervisors},
    ]
    flowables = [
        text(f"{session.held_on} {started} · {session.topic}", "heading"),
        text(" · ".join(facts)),
    ]
    for label, value in (
        (_("讨论的个案：%(text)s"), session.cases_discussed),
        (_("记录：%(text)s"), session.notes),
        (_("后续行动：%(text)s"), session.follow_up),
    ):
        if value:
            flowables.append(lines(label % {"text": value}))
    rows = [[text(_("社工")), text(_("分钟")), text(_("确认状态")), text(_("说明"))]]
    for part in session.supervisees.all():
        note = part.dispute_reason + (f" / {part.resolution}" if part.resolution else "")
        rows.append(
            [
                text(part.person.name),
                text(part.minutes),
                text(part.get_state_display()),
                lines(note),
            ]
        )
    shares = (20, 12, 18, 50)
    widths = [width * share / 100 for share in shares]
    return [*flowables, grid(rows, widths=widths, header_rows=1)]


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
    and, under its own heading, supervision of placement students (R7, R15).

    Drawn with ReportLab (core/drawn_pdf.py): the busiest supervisors have hundreds of sessions,
    a long table that WeasyPrint takes seconds to lay out."""
    profile = supervisor
    width = drawn_pdf.page_width()
    facts = [str(profile.get_committee_level_display()), str(profile.grade)]
    if profile.specialties:
        facts.append(profile.specialties)
    if profile.mentor:
        facts.append(_("带教督导：%(mentor)s") % {"mentor": profile.mentor})
    generated_at = date_format(timezone.localtime(), "Y-m-d H:i")
    facts.append(_("生成时间 %(at)s") % {"at": generated_at})
    story = [
        text(_("%(name)s 督导工作档案") % {"name": profile.person.name}, "h1"),
        text(" · ".join(facts), "muted"),
        *_table(
            _("等级经历"),
            [_("等级"), _("起始日期")],
            [[c.grade, c.starts_on] for c in profile.grade_changes.select_related("grade")],
            width=width,
        ),
        *_table(
            _("督导站点与任期"),
            [_("站点/区域"), _("模式"), _("任期")],
            [
                [a.scope, a.get_mode_display(), f"{a.starts_on} ~ {a.end_on}"]
                for a in selectors.assignments_of(supervisor=profile)
            ],
            width=width,
        ),
        *_table(
            _("按年度统计（小时）"),
            [_("年度"), _("次数"), _("督导时长"), _("已全部确认")],
            [
                [
                    y["year"],
                    y["sessions"],
                    units.hours(y["minutes"]),
                    units.hours(y["confirmed_minutes"]),
                ]
                for y in selectors.given_by_year(supervisor=profile)
            ],
            width=width,
        ),
        *_table(
            _("督导记录"),
            [_("日期"), _("站点"), _("形式"), _("主题"), _("分钟"), _("人数"), _("确认")],
            [
                [
                    s.held_on,
                    s.service_point.name,
                    s.get_form_display(),
                    s.topic,
                    s.duration_minutes,
                    s.supervisee_count,
                    _("待确认") if s.open else _("已确认"),
                ]
                for s in selectors.sessions_for_portfolio(supervisor=profile)
            ],
            width=width,
            shares=(12, 22, 12, 29, 8, 8, 9),
        ),
    ]
    student_years = student_supervision_by_year(person=profile.person)
    if student_years:
        story += _table(
            _("学生实习督导"),
            [_("年度"), _("次数"), _("督导时长")],
            [[y["year"], y["count"], units.hours(y["minutes"])] for y in student_years],
            width=width,
            note=_("为实习学生提供的个别或小组督导，单独列示，不计入督导服务时数要求。"),
        )
    return drawn_pdf.render(story, title=profile.person.name)


def _table(heading, columns, rows, *, width, shares=None, note="") -> list:
    """A heading, an optional note and a ruled table whose header repeats on every page."""
    shares = shares or [1] * len(columns)
    widths = [width * share / sum(shares) for share in shares]
    body = [[text(column) for column in columns], *[[text(cell) for cell in row] for row in rows]]
    flowables = [text(heading, "heading")]
    if note:
        flowables.append(text(note, "muted"))
    return [*flowables, grid(body, widths=widths, header_rows=1)]
