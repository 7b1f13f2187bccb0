"""Excel export of a run's enrolments, attendance and completions (openpyxl → bytes)."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from core import units
from lms.models import CourseRun


def run_workbook(*, run: CourseRun, roster: list[dict]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("报名与结业")
    sheet.append([_("课程"), str(run.course), _("期次"), run.name])
    sheet.append(
        [
            _("姓名"),
            _("状态"),
            _("候补序号"),
            _("出勤课次"),
            _("计入学时（小时）"),
            _("是否结业"),
        ]
    )
    for row in roster:
        enrolment = row["enrolment"]
        sheet.append(
            [
                enrolment.person.name,
                enrolment.get_status_display(),
                enrolment.waitlist_position or "",
                row["attended"],
                units.hours_number(row["minutes"]),
                _("是") if row["completed"] else _("否"),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
