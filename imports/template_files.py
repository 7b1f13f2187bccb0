"""The downloadable template workbooks: a header row, one example row and a "说明" sheet.

The example row comes from the kind (`ImportKind.example`), built for the downloading user so
that the untouched template previews without errors.
"""

import datetime as dt
import io

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from accounts.models import User
from imports.kinds import Column, ImportKind

DATE_FORMAT = "yyyy-mm-dd"
EXAMPLE_ROWS = 1000  # rows below the header that get text formats and drop-down lists
REQUIRED_FILL = PatternFill("solid", fgColor="FDE9D9")


def filename(kind: ImportKind) -> str:
    return _("%(kind)s导入模板.xlsx") % {"kind": kind.label}


def template_workbook(*, kind: ImportKind, user: User) -> bytes:
    """The .xlsx template for `kind`, with an example row valid for `user`."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = str(kind.label)
    example = kind.example(user=user)
    for index, column in enumerate(kind.columns, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index, value=column.header)
        header.font = Font(bold=True, color="C00000" if column.required else "000000")
        if column.required:
            header.fill = REQUIRED_FILL
        value = sheet.cell(row=2, column=index, value=example.get(column.header, ""))
        if isinstance(value.value, dt.date):
            value.number_format = DATE_FORMAT
        if column.text_format:
            value.number_format = "@"
            sheet.column_dimensions[letter].number_format = "@"
        sheet.column_dimensions[letter].width = max(12, 2 * len(column.header) + 4)
        if allowed := _allowed(column):
            _drop_down(sheet, letter=letter, values=allowed)
    sheet.freeze_panes = "A2"
    _notes(workbook.create_sheet(_("说明")), kind=kind)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _allowed(column: Column) -> list[str]:
    return column.allowed() if column.allowed else []


def _drop_down(sheet, *, letter: str, values: list[str]) -> None:
    """A list to pick from; typing something else is allowed (the import checks it)."""
    listed = ",".join(values)
    validation = DataValidation(
        type="list", formula1=f'"{listed}"', allow_blank=True, showErrorMessage=False
    )
    validation.add(f"{letter}2:{letter}{EXAMPLE_ROWS + 1}")
    sheet.add_data_validation(validation)


def _notes(sheet, *, kind: ImportKind) -> None:
    sheet.append([_("列名"), _("是否必填"), _("说明"), _("可填写的值")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in kind.columns:
        allowed = "、".join(_allowed(column))
        sheet.append(
            [column.header, _("必填") if column.required else _("选填"), str(column.help), allowed]
        )
    sheet.append([])
    sheet.append(
        [_("填写说明"), "", _("第一行是表头，请勿修改；第二行是示例，导入前请改为真实数据或删除。")]
    )
    sheet.append(
        ["", "", _("任何一行有错误时整个文件都不会导入；请按预览页列出的错误修改后重新上传。")]
    )
    for letter, width in zip("ABCD", (20, 10, 70, 60), strict=True):
        sheet.column_dimensions[letter].width = width
