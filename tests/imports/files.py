"""Import files built in memory: rows of the two kinds as dicts, written as .xlsx or .csv."""

import csv
import io
import zipfile

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl.utils import get_column_letter

from imports import kinds
from tests import factories

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_file(lines: list[list], *, name: str = "导入.xlsx") -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    for line in lines:
        workbook.active.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


def sheet_xml(rows: str, *, dimension: str = "A1") -> bytes:
    """A worksheet part with `rows` (XML of <row> elements) and a claimed `dimension`."""
    namespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return (
        f'<worksheet xmlns="{namespace}"><dimension ref="{dimension}"/>'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()


def inline_row(number: int, values: list[str]) -> str:
    """Row `number` of a worksheet part, with `values` as inline strings from column A."""
    cells = "".join(
        f'<c r="{get_column_letter(column)}{number}" t="inlineStr"><is><t>{value}</t></is></c>'
        for column, value in enumerate(values, start=1)
    )
    return f'<row r="{number}">{cells}</row>'


def handmade_xlsx(sheet: bytes, *, name: str = "导入.xlsx") -> SimpleUploadedFile:
    """A workbook written by openpyxl whose first sheet is replaced by `sheet`, deflated."""
    original = xlsx_file([["-"]]).read()
    built = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(original)) as source,
        zipfile.ZipFile(built, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            is_sheet = item.filename == "xl/worksheets/sheet1.xml"
            target.writestr(item.filename, sheet if is_sheet else source.read(item.filename))
    return SimpleUploadedFile(name, built.getvalue(), content_type=XLSX)


def csv_file(
    lines: list[list], *, name: str = "导入.csv", encoding: str = "utf-8-sig"
) -> SimpleUploadedFile:
    text = io.StringIO()
    csv.writer(text).writerows(lines)
    return SimpleUploadedFile(name, text.getvalue().encode(encoding), content_type="text/csv")


def lines_of(kind: str, rows: list[dict]) -> list[list]:
    """A header line and one line per row dict (missing columns blank)."""
    headers = kinds.kind_of(kind).headers
    return [headers, *([row.get(header, "") for header in headers] for row in rows)]


def point_row(tree, changes: dict | None = None) -> dict:
    """A valid township station in county A, with `changes` (keyed by header) applied."""
    row = {
        "编号": f"IMP-{factories.make_mobile()[-6:]}",
        "名称": "新建社工站",
        "类型": "乡镇/街道社工站",
        "所在区域代码": tree.town_a.code,
        "星级": "3",
        "示范型": "否",
        "特色领域": "老年社会工作",
        "面积（平方米）": "300",
        "合同开始": "2023-03-01",
        "合同结束": "2025/2/28",
        "地址": "某路 1 号",
    }
    return {**row, **(changes or {})}


def person_row(tree, changes: dict | None = None) -> dict:
    """A valid resident worker at station A, filed in county A, with `changes` applied."""
    row = {
        "姓名": "赵一",
        "身份证号": factories.make_id_number(),
        "手机号": factories.make_mobile(),
        "学历": "本科",
        "社工专业": "是",
        "档案所属区域代码": tree.county_a.code,
        "服务站点编号": tree.station_a.code,
        "岗位": "驻站社工",
        "专职": "是",
        "任职起始日期": "2023/3/1",
    }
    return {**row, **(changes or {})}


def upload(kind: str, rows: list[dict], *, as_csv: bool = False) -> SimpleUploadedFile:
    lines = lines_of(kind, rows)
    return csv_file(lines) if as_csv else xlsx_file(lines)
