"""The certificate PDF: the frozen snapshot, a QR code to the verification page, the short code.

Drawn with ReportLab rather than WeasyPrint: a certificate is one short page of fixed shape, and a
batch issues thousands of them; ReportLab lays one out in a fraction of WeasyPrint's time. The
Chinese font is the one WeasyPrint's documents use (WenQuanYi Micro Hei, found through
fontconfig), registered once per process and embedded as a subset.
"""

import functools
import io
import shutil
import subprocess
from xml.sax.saxutils import escape

import segno
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from core.links import absolute_url
from credentials.models import Certificate

FONT_FAMILY = "WenQuanYi Micro Hei"
FONT = "WenQuanYiMicroHei"
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#666666")
RULE = colors.HexColor("#bbbbbb")
SHADE = colors.HexColor("#f3f4f6")
QR_SIZE = 32 * mm


@functools.cache
def _font() -> str:
    """Register the Chinese font with ReportLab once per process; returns its name."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        raise RuntimeError("fontconfig (fc-match) is missing: the certificate font cannot be found")
    found = subprocess.run(  # noqa: S603 (a fixed program and arguments)
        [fc_match, "--format=%{file}\n%{index}", FONT_FAMILY],
        capture_output=True,
        check=True,
        text=True,
    ).stdout.split("\n")
    pdfmetrics.registerFont(TTFont(FONT, found[0], subfontIndex=int(found[1] or 0)))
    return FONT


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "body", fontName=_font(), fontSize=10, leading=15, textColor=INK, wordWrap="CJK"
    )
    return {
        "body": body,
        "title": ParagraphStyle("title", body, fontSize=18, leading=26, alignment=TA_CENTER),
        "code": ParagraphStyle("code", body, textColor=MUTED, alignment=TA_CENTER, fontSize=9),
        "statement": ParagraphStyle(
            "statement", body, fontSize=11, leading=17, spaceBefore=4 * mm, spaceAfter=4 * mm
        ),
        "heading": ParagraphStyle(
            "heading", body, fontSize=12, leading=18, spaceBefore=5 * mm, spaceAfter=1 * mm
        ),
        "cell": ParagraphStyle("cell", body),
        "number": ParagraphStyle("number", body, alignment=TA_RIGHT),
        "muted": ParagraphStyle("muted", body, fontSize=9, leading=13, textColor=MUTED),
    }


def _text(value, style: str) -> Paragraph:
    """Snapshot values are data, never markup: escaped before ReportLab reads them."""
    return Paragraph(escape(str(value)), _styles()[style])


def _grid(rows: list[list], *, header_cells: list[tuple[int, int]], widths=None) -> Table:
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    style += [("BACKGROUND", cell, cell, SHADE) for cell in header_cells]
    return Table(rows, colWidths=widths, style=TableStyle(style), hAlign="LEFT", repeatRows=0)


def _holder_table(snapshot: dict, width: float) -> Table:
    holder, period = snapshot["holder"], snapshot["period"]
    rows = [
        [
            _text(_("姓名"), "cell"),
            _text(holder["name"], "cell"),
            _text(_("身份证号"), "cell"),
            _text(holder["id_number_masked"], "cell"),
        ],
        [
            _text(_("证明期间"), "cell"),
            _text(f"{period['starts_on']} ~ {period['ends_on']}", "cell"),
            "",
            "",
        ],
    ]
    table = _grid(
        rows,
        header_cells=[(0, 0), (2, 0), (0, 1)],
        widths=[0.17 * width, 0.33 * width, 0.17 * width, 0.33 * width],
    )
    table.setStyle(TableStyle([("SPAN", (1, 1), (3, 1))]))
    return table


def _section(section: dict, width: float) -> list:
    flowables = [_text(section["heading"], "heading")]
    if not section["rows"]:
        return [*flowables, _text(section["empty"], "muted")]
    columns = len(section["columns"])
    rows = [[_text(column, "cell") for column in section["columns"]]]
    rows += [
        [_text(cell, "number" if i == columns - 1 else "cell") for i, cell in enumerate(row)]
        for row in section["rows"]
    ]
    header_cells = [(i, 0) for i in range(columns)]
    if section["total"]:
        last = len(rows)
        rows.append(
            [_text(_("合计"), "cell"), *[""] * (columns - 2), _text(section["total"], "number")]
        )
        header_cells += [(0, last), (columns - 1, last)]
    table = _grid(rows, header_cells=header_cells, widths=[width / columns] * columns)
    if section["total"] and columns > 2:
        table.setStyle(TableStyle([("SPAN", (0, len(rows) - 1), (columns - 2, len(rows) - 1))]))
    return [*flowables, table]


class _QrCode(Flowable):
    """The QR code (segno) as one filled vector path, `QR_SIZE` wide with a two-module quiet
    zone; each row's dark runs are one rectangle each."""

    def __init__(self, url: str):
        super().__init__()
        self.matrix = segno.make(url, error="m").matrix
        self.width = self.height = QR_SIZE

    def draw(self) -> None:
        step = QR_SIZE / (len(self.matrix) + 4)
        path = self.canv.beginPath()
        for y, row in enumerate(self.matrix):
            top = QR_SIZE - (y + 3) * step
            for x, length in _dark_runs(row):
                path.rect((x + 2) * step, top, length * step, step)
        self.canv.setFillColor(colors.black)
        self.canv.drawPath(path, stroke=0, fill=1)


def _dark_runs(row) -> list[tuple[int, int]]:
    """(start, length) of each run of dark modules in a QR matrix row."""
    runs, start = [], None
    for x, dark in enumerate([*row, 0]):
        if dark and start is None:
            start = x
        elif not dark and start is not None:
            runs.append((start, x - start))
            start = None
    return runs


def _page_number(canvas, document) -> None:
    canvas.saveState()
    canvas.setFont(_font(), 8)
    canvas.setFillColor(MUTED)
    canvas.drawCentredString(A4[0] / 2, 10 * mm, str(canvas.getPageNumber()))
    canvas.restoreState()


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate as PDF bytes: title, short code, statement, holder, the snapshot's
    sections, issuer and date, and the QR code of the verification URL."""
    snapshot = certificate.snapshot
    url = absolute_url("credentials:verify", certificate.code)
    issued_on = timezone.localtime(certificate.issued_at).date()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=18 * mm,
        bottomMargin=20 * mm,
        title=snapshot["title"],
        author=certificate.issuer_name,
        creator="",
        producer="",
    )
    width = document.width
    code = _("查验码 %(code)s") % {"code": certificate.short_code}
    story = [
        _text(snapshot["title"], "title"),
        _text(code, "code"),
        _text(snapshot["statement"], "statement"),
        _holder_table(snapshot, width),
    ]
    for section in snapshot["sections"]:
        story += _section(section, width)
    signed = [
        _text(_("签发单位：%(issuer)s") % {"issuer": certificate.issuer_name}, "body"),
        _text(
            _("签发日期：%(date)s") % {"date": date_format(issued_on, "Y年n月j日")},
            "body",
        ),
        Spacer(0, 2 * mm),
        _text(
            _("扫描二维码或访问 %(verify_url)s 查验真伪；也可在查验页输入查验码。")
            % {"verify_url": url},
            "muted",
        ),
    ]
    foot = Table(
        [[signed, _QrCode(url)]],
        colWidths=[width - QR_SIZE - 6 * mm, QR_SIZE + 6 * mm],
        style=TableStyle(
            [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("ALIGN", (1, 0), (1, 0), "RIGHT")]
        ),
    )
    story += [Spacer(0, 10 * mm), foot]
    document.build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    return buffer.getvalue()
