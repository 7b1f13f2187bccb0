import datetime as dt
import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from imports import columns, parsing
from tests.imports.files import csv_file, xlsx_file

COLUMNS = columns.headers(columns.SERVICE_POINTS)
REQUIRED = columns.required_headers(columns.SERVICE_POINTS)
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
