"""The coordinator's Excel export (R15): one row per accepted application of a university in a
term. ID numbers are never exported; hours go through `core.units`."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from core.units import hours_number
from directory.models import University
from practicum.selectors import coordinator as selectors
from practicum.selectors.hours import progress_by_application


def term_xlsx(*, university: University, term: str) -> bytes:
    applications = selectors.accepted_applications(university=university)
    if term:
        applications = applications.filter(placement__term=term)
    applications = list(applications)
    progress = progress_by_application(applications)
    certificates = selectors.practicum_certificates(applications=applications)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("实习名单")
    sheet.append(
        [
            _("学号"),
            _("姓名"),
            _("专业"),
            _("实习岗位"),
            _("实习单位"),
            _("实习期间"),
            _("已确认时数（小时）"),
            _("要求时数（小时）"),
            _("最终成绩"),
            _("实习证明查验码"),
        ]
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for application in applications:
        placement, student = application.placement, application.student
        hours = progress[application.pk]
        sheet.append(
            [
                student.student_number,
                student.person.name,
                student.programme.name,
                placement.title,
                str(placement.base.host),
                f"{placement.starts_on:%Y-%m-%d} — {placement.ends_on:%Y-%m-%d}",
                hours_number(hours.confirmed_minutes),
                hours_number(hours.required_minutes),
                application.final_grade,
                certificates.get(application.pk, ""),
            ]
        )
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()
