import datetime as dt
import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from imports import columns, kinds, parsing
from tests.imports.files import csv_file, handmade_xlsx, inline_row, sheet_xml, xlsx_file

COLUMNS = kinds.kind_of(columns.SERVICE_POINTS).headers
REQUIRED = kinds.kind_of(columns.SERVICE_POINTS).required_headers
HEADER = ["编号", "名称", "类型", "所在区域代码", "合同开始"]


def read(uploaded_file):
    return parsing.read_rows(uploaded_file=uploaded_file, columns=COLUMNS, required=REQUIRED)


def refusal(uploaded_file) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        read(uploaded_file)
    return caught.value


def test_xlsx_rows_are_text_keyed_by_header_and_blank_rows_skipped():
    rows = read(
        xlsx_file(
            [
                HEADER,
                ["A-01", "一站", "乡镇/街道社工站", 430102001, dt.date(2023, 3, 1)],  # a datetime
                [None, None, None, None, None],
                ["A-02", " 二站 ", "乡镇/街道社工站", "430102001", 20.0],
            ]
        )
    )
    assert [row.line for row in rows] == [2, 4]
    assert rows[0].values["所在区域代码"] == "430102001"
    assert rows[0].values["合同开始"] == "2023-03-01"
    assert rows[1].values["名称"] == "二站"
    assert rows[1].values["合同开始"] == "20"
    assert rows[0].values["地址"] == ""  # a column the file lacks reads as blank


def test_header_marks_and_half_width_brackets_are_accepted():
    rows = read(
        xlsx_file(
            [["编号*", "名称＊", " 类型", "所在区域代码", "面积(平方米)"], ["A", "B", "C", "D", 5]]
        )
    )
    assert rows[0].values["面积（平方米）"] == "5"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
def test_csv_in_utf8_or_gbk(encoding):
    rows = read(
        csv_file(
            [HEADER, ["A-01", "定王台街道社工站", "乡镇/街道社工站", "430102001", ""]],
            encoding=encoding,
        )
    )
    assert rows[0].values["名称"] == "定王台街道社工站"
    assert rows[0].values["编号"] == "A-01"


@pytest.mark.parametrize("name", ["台账.xls", "台账.txt", "台账.pdf", "台账"])
def test_other_file_types_are_refused(name):
    error = refusal(SimpleUploadedFile(name, b"whatever"))
    assert error.code == "type"
    assert ".xlsx" in error.message


def test_oversized_file_is_refused(settings):
    settings.IMPORT_MAX_BYTES = 100
    error = refusal(csv_file([HEADER, ["x" * 200, "", "", "", ""]]))
    assert error.code == "size"
    assert "文件过大" in error.message


def test_too_many_rows_are_refused(settings):
    settings.IMPORT_MAX_ROWS = 2
    error = refusal(
        xlsx_file([HEADER, *([f"A-{n}", "站", "乡镇/街道社工站", "1", ""] for n in range(3))])
    )
    assert error.code == "rows"
    assert error.message == "文件过大或行数超过 2 行，请拆分后再上传。"


def test_max_rows_exactly_is_accepted(settings):
    settings.IMPORT_MAX_ROWS = 2
    assert len(read(xlsx_file([HEADER, *([f"A-{n}", "站", "类", "1", ""] for n in range(2))]))) == 2


def _zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content",
    [b"definitely not a zip", _zip_without_workbook(), xlsx_file([HEADER]).read()[:300]],
    ids=["garbage", "zip-without-workbook", "truncated"],
)
def test_damaged_xlsx_is_refused(content):
    error = refusal(SimpleUploadedFile("台账.xlsx", content))
    assert error.code == "damaged"
    assert "无法读取" in error.message


def test_missing_required_columns_are_named():
    error = refusal(xlsx_file([["编号", "名称"], ["A-01", "一站"]]))
    assert error.code == "columns"
    assert "类型、所在区域代码" in error.message


def test_a_file_without_data_rows_is_refused():
    assert refusal(xlsx_file([HEADER, [None] * 5])).code == "empty"
    assert refusal(csv_file([])).code == "empty"


def test_undecodable_csv_is_refused():
    error = refusal(SimpleUploadedFile("台账.csv", "编号".encode() + b"\x81\x30\xff\xff"))
    assert error.code == "encoding"
    assert "UTF-8" in error.message


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "是"),
        (False, "否"),
        (13912345678, "13912345678"),
        (13912345678.0, "13912345678"),
        (4.30102199001011e17, "4.30102199001011e+17"),  # Excel already lost the last digits
        (dt.date(2023, 3, 1), "2023-03-01"),
        (" 空格 ", "空格"),
    ],
)
def test_cell_text(value, text):
    assert parsing.cell_text(value) == text


def test_a_forged_sheet_size_is_ignored():
    """A workbook claiming 16384 columns × 1048576 rows is read by the cells it really has."""
    original = xlsx_file([HEADER, ["A-01", "一站", "乡镇/街道社工站", "430102001", ""]]).read()
    forged = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(forged, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.endswith("sheet1.xml"):
                content = re.sub(
                    rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD1048576"', content
                )
            target.writestr(item, content)
    rows = read(SimpleUploadedFile("台账.xlsx", forged.getvalue()))
    assert [row.values["编号"] for row in rows] == ["A-01"]


# Bounded work: a small upload must not cost seconds of parsing.

TOO_LARGE = "文件过大或行数超过 5000 行，请拆分后再上传。"


@pytest.fixture
def lines_read(monkeypatch) -> list[int]:
    """The width of every line the parser pulls from the file, in order."""
    widths: list[int] = []
    collect = parsing._collect

    def counting(lines, **options):
        def tapped():
            for line in lines:
                widths.append(len(tuple(line)))
                yield line

        return collect(tapped(), **options)

    monkeypatch.setattr(parsing, "_collect", counting)
    return widths


@pytest.fixture
def openpyxl_unused(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl was asked to parse the workbook")

    monkeypatch.setattr(parsing.openpyxl, "load_workbook", refuse)


def test_a_million_identical_rows_are_refused_before_parsing(settings, openpyxl_unused):
    """6 MB of worksheet deflated to a few kilobytes: refused from the zip directory alone."""
    settings.IMPORT_MAX_ROWS = 5000
    rows = inline_row(1, HEADER) + "<row/>" * 1_000_000
    uploaded = handmade_xlsx(sheet_xml(rows, dimension="A1:E1000001"))
    assert uploaded.size < 64 * 1024
    error = refusal(uploaded)
    assert (error.code, error.message) == ("expanded", TOO_LARGE)


def test_a_workbook_expanding_past_the_limit_is_refused_before_parsing(settings, openpyxl_unused):
    settings.IMPORT_MAX_UNCOMPRESSED_BYTES = 16 * 1024
    settings.IMPORT_MAX_ROWS = 5000
    lines = [HEADER, *([f"A-{n}", "站", "乡镇/街道社工站", "1", ""] for n in range(100))]
    error = refusal(xlsx_file(lines))
    assert (error.code, error.message) == ("expanded", TOO_LARGE)


def test_a_row_a_million_lines_down_stops_the_reading_at_the_limit(settings, lines_read):
    """A sheet of 1 KB claiming 1,000,000 rows: openpyxl would fill in 999,997 blank lines."""
    settings.IMPORT_MAX_ROWS = 5000
    rows = (
        inline_row(1, HEADER)
        + inline_row(2, ["A-01", "一站", "乡镇/街道社工站", "430102001", ""])
        + inline_row(1_000_000, ["A-02"])
    )
    uploaded = handmade_xlsx(sheet_xml(rows, dimension="A1:E1000000"))
    assert uploaded.size < 16 * 1024
    error = refusal(uploaded)
    assert (error.code, error.message) == ("rows", TOO_LARGE)
    assert len(lines_read) == 5000 + 2  # the header, the allowed rows and the one too many


def test_blank_lines_count_towards_the_limit(settings, lines_read):
    settings.IMPORT_MAX_ROWS = 3
    error = refusal(csv_file([HEADER, *([""] * 10), ["A-01", "一站", "类", "1", ""]]))
    assert error.code == "rows"
    assert len(lines_read) == 5


def test_cells_right_of_the_column_limit_are_never_read(lines_read):
    far = '<c r="XFD2" t="inlineStr"><is><t>远</t></is></c>'
    row = inline_row(2, ["A-01", "一站", "乡镇/街道社工站", "430102001", ""])
    rows = inline_row(1, HEADER) + row.replace("</row>", far + "</row>")
    [read_row] = read(handmade_xlsx(sheet_xml(rows, dimension="A1:XFD2")))
    assert read_row.values["编号"] == "A-01"
    assert max(lines_read) <= parsing.MAX_COLUMNS
