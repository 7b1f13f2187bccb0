"""Reading an uploaded .xlsx or .csv file into rows of text keyed by the Chinese header.

No database access: the file's type, size, encoding, row count and header are checked here, and
every refusal is a `ValidationError` with a Chinese message that the upload form shows. This is
the one reader of uploaded sheets (bulk imports and the training sign-in sheet alike).

A few kilobytes of .xlsx can expand to a million rows, so the work is bounded before and while
parsing: the zip directory's sizes are checked before openpyxl opens anything (zipfile never
inflates a part beyond its declared size), and no line past the row limit is ever read.
"""

import csv
import datetime as dt
import io
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import PurePath
from zipfile import BadZipFile, ZipFile

import openpyxl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl.utils.exceptions import InvalidFileException

from core.files import inflates_absurdly

EXTENSIONS = (".xlsx", ".csv")
# Excel keeps 15 significant digits: a longer number (an ID typed as a number) is already wrong
# and stays in scientific notation, so the row check can say why.
MAX_EXACT_FLOAT = 10**15
MAX_COLUMNS = 100  # cells read per line; the templates have 13 columns at most
# What a damaged or disguised .xlsx raises inside openpyxl: zip, deflate and XML errors.
XLSX_ERRORS = (BadZipFile, InvalidFileException, KeyError, ValueError, OSError, EOFError,
               SyntaxError, zlib.error)  # fmt: skip


@dataclass(frozen=True)
class RawRow:
    """One non-blank data row: its line in the sheet (the header is line 1) and its cells."""

    line: int
    values: dict[str, str]


def read_rows(
    *, uploaded_file: UploadedFile, columns: Sequence[str], required: Sequence[str]
) -> list[RawRow]:
    """The file's rows as text keyed by `columns`; blank rows are skipped.

    Refuses other file types, files over IMPORT_MAX_BYTES, workbooks expanding past
    IMPORT_MAX_UNCOMPRESSED_BYTES (or absurdly), more than IMPORT_MAX_ROWS lines below the
    first, damaged workbooks, undecodable text and a header missing any of `required`.
    """
    extension = PurePath(uploaded_file.name or "").suffix.lower()
    if extension not in EXTENSIONS:
        raise ValidationError(
            _("只能导入 .xlsx 或 .csv 文件（.xls 请先用 Excel 另存为 .xlsx）。"), code="type"
        )
    if uploaded_file.size > settings.IMPORT_MAX_BYTES:
        raise ValidationError(
            _("文件过大（%(size)s），上限为 %(limit)s，请拆分后分批导入。")
            % {
                "size": filesizeformat(uploaded_file.size),
                "limit": filesizeformat(settings.IMPORT_MAX_BYTES),
            },
            code="size",
        )
    uploaded_file.seek(0)
    if extension == ".xlsx":
        _check_expansion(uploaded_file)
        uploaded_file.seek(0)
        return _read_xlsx(uploaded_file, columns=columns, required=required)
    return _collect(_csv_lines(uploaded_file.read()), columns=columns, required=required)


def _max_lines() -> int:
    """Lines read at most, blank ones included: the header and IMPORT_MAX_ROWS below it."""
    return settings.IMPORT_MAX_ROWS + 1


def _too_large(*, code: str) -> ValidationError:
    return ValidationError(
        _("文件过大或行数超过 %(max)s 行，请拆分后再上传。") % {"max": settings.IMPORT_MAX_ROWS},
        code=code,
    )


def _check_expansion(file) -> None:
    """Refuse a workbook whose parts together expand past IMPORT_MAX_UNCOMPRESSED_BYTES, or one
    part of which expands absurdly, from the zip directory alone (nothing is inflated here)."""
    try:
        with ZipFile(file) as archive:
            parts = archive.infolist()
    except XLSX_ERRORS:
        raise _damaged() from None
    total = sum(part.file_size for part in parts)
    if total > settings.IMPORT_MAX_UNCOMPRESSED_BYTES or any(map(inflates_absurdly, parts)):
        raise _too_large(code="expanded")


def _read_xlsx(file, *, columns: Sequence[str], required: Sequence[str]) -> list[RawRow]:
    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except XLSX_ERRORS:
        raise _damaged() from None
    try:
        if not workbook.worksheets:
            raise _damaged()
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # follow the cells present, not a claimed (forgeable) size
        # One line past the limit is enough to refuse: openpyxl stops at `max_row`, also across
        # a jump from row 2 to row 1,000,000, and reads no cell right of `max_col`.
        lines = sheet.iter_rows(max_row=_max_lines() + 1, max_col=MAX_COLUMNS, values_only=True)
        return _collect(lines, columns=columns, required=required)
    except XLSX_ERRORS:
        raise _damaged() from None
    finally:
        workbook.close()


def _damaged() -> ValidationError:
    return ValidationError(
        _(
            "无法读取该 Excel 文件，文件可能已损坏或并非 .xlsx 格式。"
            "请用 Excel 打开后另存为 .xlsx 再上传。"
        ),
        code="damaged",
    )


def _csv_lines(data: bytes) -> Iterator[list[str]]:
    """CSV saved by Excel in China is often GBK; UTF-8 (with or without BOM) is tried first."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise ValidationError(
                _("无法识别 CSV 文件的编码，请另存为 UTF-8 编码的 CSV 或 .xlsx 文件。"),
                code="encoding",
            ) from None
    try:
        yield from csv.reader(io.StringIO(text, newline=""))
    except csv.Error:
        raise ValidationError(_("CSV 文件格式有误，无法读取。"), code="csv") from None


def _collect(lines: Iterable, *, columns: Sequence[str], required: Sequence[str]) -> list[RawRow]:
    """Find the header (the first non-blank line), then keep the non-blank rows below it.

    Stops at the first line past the limit, before reading any more of the file."""
    header: list[str] | None = None
    rows: list[RawRow] = []
    for line_number, line in enumerate(lines, start=1):
        if line_number > _max_lines():
            raise _too_large(code="rows")
        cells = [cell_text(value) for value in islice(line, MAX_COLUMNS)]
        if not any(cells):
            continue
        if header is None:
            header = [normalise_header(cell) for cell in cells]
            _check_header(header, required=required)
            continue
        by_header = dict(zip(header, cells, strict=False))
        rows.append(RawRow(line_number, {column: by_header.get(column, "") for column in columns}))
    if not rows:
        raise ValidationError(_("文件中没有可导入的数据行。"), code="empty")
    return rows


def _check_header(header: list[str], *, required: Sequence[str]) -> None:
    missing = [column for column in required if column not in header]
    if missing:
        raise ValidationError(
            _("缺少必填列：%(columns)s。请使用下载的模板，不要修改表头。")
            % {"columns": "、".join(missing)},
            code="columns",
        )


def normalise_header(text: str) -> str:
    """`编号*` and `面积(平方米)` read as `编号` and `面积（平方米）`."""
    text = re.sub(r"\s+", "", text).rstrip("*＊")
    return text.replace("(", "（").replace(")", "）")


def cell_text(value) -> str:
    """A cell as text: Excel dates as ISO dates, whole floats without `.0`, yes/no as 是/否."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < MAX_EXACT_FLOAT:
        return str(int(value))
    return str(value).strip()
