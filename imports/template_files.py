"""The downloadable template workbooks: a header row, one example row and a "说明" sheet.

The example row is built from the downloading user's own scope (a region and a station they
manage, an unused code, ID and mobile number), so the untouched template previews without errors.
"""

import datetime as dt
import io

import openpyxl
from django.db.models import TextChoices
from django.utils.translation import gettext as _
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from directory import rules
from directory import selectors as directory_selectors
from directory.identity import id_check_char
from directory.models import Person, Position, Region, ServicePoint
from imports import cells, columns

CHOICES: dict[str, type[TextChoices]] = {
    "类型": ServicePoint.Kind,
    "特色领域": ServicePoint.Specialty,
    "学历": Person.Education,
    "岗位": Position.Role,
}
YES_NO = ("示范型", "社工专业", "专职")
DATE_FORMAT = "yyyy-mm-dd"
EXAMPLE_ROWS = 1000  # rows below the header that get text formats and drop-down lists
REQUIRED_FILL = PatternFill("solid", fgColor="FDE9D9")


def filename(kind: str) -> str:
    names = {columns.SERVICE_POINTS: _("服务站点导入模板"), columns.PEOPLE: _("人员导入模板")}
    return f"{names[kind]}.xlsx"


def template_workbook(*, kind: str, user: User) -> bytes:
    """The .xlsx template for `kind`, with an example row valid for `user`."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _("服务站点") if kind == columns.SERVICE_POINTS else _("人员")
    example = (
        _service_point_example(user) if kind == columns.SERVICE_POINTS else _person_example(user)
    )
    for index, column in enumerate(columns.COLUMNS[kind], start=1):
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
        if allowed := _allowed(column.header):
            _drop_down(sheet, letter=letter, values=allowed)
    sheet.freeze_panes = "A2"
    _notes(workbook.create_sheet(_("说明")), kind=kind)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _allowed(header: str) -> list[str]:
    if header in CHOICES:
        return cells.labels(choices=CHOICES[header]).split("、")
    if header in YES_NO:
        return ["是", "否"]
    return []


def _drop_down(sheet, *, letter: str, values: list[str]) -> None:
    """A list to pick from; typing something else is allowed (the import checks it)."""
    listed = ",".join(values)
    validation = DataValidation(
        type="list", formula1=f'"{listed}"', allow_blank=True, showErrorMessage=False
    )
    validation.add(f"{letter}2:{letter}{EXAMPLE_ROWS + 1}")
    sheet.add_data_validation(validation)


def _notes(sheet, *, kind: str) -> None:
    sheet.append([_("列名"), _("是否必填"), _("说明"), _("可填写的值")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in columns.COLUMNS[kind]:
        allowed = "、".join(_allowed(column.header))
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


def _first_region(user: User, *levels: str) -> Region | None:
    regions = scope.regions_visible_to(user, Action.MANAGE_DIRECTORY)
    for level in levels:
        if region := regions.filter(level=level).order_by("depth", "code").first():
            return region
    return None


def _service_point_example(user: User) -> dict:
    region = _first_region(user, "township", "county", "village", "city")
    if region is None:
        return {"名称": _("示例社工站"), "类型": str(ServicePoint.Kind.TOWNSHIP_STATION.label)}
    kind = next(kind for kind, level in rules.SERVICE_POINT_LEVEL.items() if level == region.level)
    agency = scope.agencies_visible_to(user, Action.MANAGE_DIRECTORY).order_by("pk").first()
    return {
        "编号": _unused_code(region=region),
        "名称": _("%(region)s社工站（示例）") % {"region": region.name},
        "类型": str(ServicePoint.Kind(kind).label),
        "所在区域代码": region.code,
        "星级": 3,
        "示范型": "否",
        "特色领域": str(ServicePoint.Specialty.ELDERLY.label),
        "品牌名称": _("暖心驿站"),
        "承接机构信用代码": agency.credit_code if agency else "",
        "面积（平方米）": 300,
        "合同开始": dt.date(2024, 1, 1),
        "合同结束": dt.date(2026, 12, 31),
        "地址": _("%(region)s示例路 1 号") % {"region": region.name},
    }


def _person_example(user: User) -> dict:
    region = _first_region(user, "county", "city", "province", "township", "village")
    point = scope.service_points_visible_to(user, Action.MANAGE_DIRECTORY).order_by("code").first()
    area = region.code[:6] if region and region.code[:6].isdigit() else "430102"
    example = {
        "姓名": _("李晓华"),
        "身份证号": _unused_id_number(area=area),
        "手机号": _unused_mobile(),
        "学历": str(Person.Education.BACHELOR.label),
        "社工专业": "是",
        "档案所属区域代码": region.code if region else "",
        "电子邮箱": "lixiaohua@example.com",
    }
    if point:
        example.update(
            {
                "服务站点编号": point.code,
                "岗位": str(Position.Role.RESIDENT_WORKER.label),
                "专职": "是",
                "任职起始日期": dt.date(2024, 3, 1),
            }
        )
    return example


def _unused_code(*, region: Region) -> str:
    codes = [f"{region.code}-{sequence:02d}" for sequence in range(1, 1000)]
    taken = directory_selectors.service_point_codes_in_use(codes=codes)
    return next((code for code in codes if code not in taken), "")


def _unused_id_number(*, area: str) -> str:
    """A fictional ID number with a valid check digit that nobody in the database holds."""
    for sequence in range(1, 1000):
        first17 = f"{area}19950615{sequence:03d}"
        number = first17 + id_check_char(first17)
        if not directory_selectors.id_number_in_use(number=number):
            return number
    return ""


def _unused_mobile() -> str:
    for sequence in range(1, 1000):
        mobile = f"138{sequence:08d}"
        if not directory_selectors.mobile_in_use(number=mobile):
            return mobile
    return ""
