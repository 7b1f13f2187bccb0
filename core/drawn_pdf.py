"""PDF documents drawn with ReportLab, for the ones people wait for or that come by the thousand
(certificates, long portfolios): ReportLab lays a page out in a fraction of WeasyPrint's time,
and long tables cost it little. Other documents stay templates (core/pdf.py).

The Chinese font is the one WeasyPrint's documents use (WenQuanYi Micro Hei, found through
fontconfig), registered once per process and embedded as a subset. Text from the database is
escaped here: ReportLab reads paragraphs as markup.
"""

import functools
import io
import shutil
import subprocess
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

FONT_FAMILY = "WenQuanYi Micro Hei"
FONT = "WenQuanYiMicroHei"
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#666666")
RULE = colors.HexColor("#bbbbbb")
SHADE = colors.HexColor("#f3f4f6")


@functools.cache
def font() -> str:
    """Register the Chinese font with ReportLab once per process; returns its name."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        raise RuntimeError("fontconfig (fc-match) is missing: the PDF font cannot be found")
    found = subprocess.run(  # noqa: S603 (a fixed program and arguments)
        [fc_match, "--format=%{file}\n%{index}", FONT_FAMILY],
        capture_output=True,
        check=True,
        text=True,
    ).stdout.split("\n")
    pdfmetrics.registerFont(TTFont(FONT, found[0], subfontIndex=int(found[1] or 0)))
    return FONT


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "body", fontName=font(), fontSize=10, leading=15, textColor=INK, wordWrap="CJK"
    )
    return {
        "body": body,
        "title": ParagraphStyle("title", body, fontSize=18, leading=26, alignment=TA_CENTER),
        "h1": ParagraphStyle("h1", body, fontSize=16, leading=22, spaceAfter=2 * mm),
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


def text(value, style: str = "body") -> Paragraph:
    """A paragraph of `value` (data, never markup) in one of `styles()`."""
    return Paragraph(escape(str(value)), styles()[style])


def lines(value, style: str = "body") -> Paragraph:
    """Like `text`, with the value's line breaks kept."""
    return Paragraph(escape(str(value)).replace("\n", "<br/>"), styles()[style])


def grid(
    rows: list[list],
    *,
    widths: list[float],
    header_cells: list[tuple[int, int]] = (),
    header_rows: int = 0,
) -> Table:
    """A ruled table; `header_cells` shaded, the first `header_rows` also repeated on every page."""
    style = [
        ("FONT", (0, 0), (-1, -1), font(), 10),  # plain strings too, not only paragraphs
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        style.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE))
    style += [("BACKGROUND", cell, cell, SHADE) for cell in header_cells]
    return Table(
        rows, colWidths=widths, style=TableStyle(style), hAlign="LEFT", repeatRows=header_rows
    )


def page_width() -> float:
    """The width of the text on an A4 page with `render`'s margins."""
    return A4[0] - 32 * mm


def _page_number(canvas, document) -> None:
    canvas.saveState()
    canvas.setFont(font(), 8)
    canvas.setFillColor(MUTED)
    canvas.drawCentredString(A4[0] / 2, 10 * mm, str(canvas.getPageNumber()))
    canvas.restoreState()


def render(story: list, *, title: str, author: str = "") -> bytes:
    """Lay `story` out on A4 pages (margins as in pdf/base.html), numbered, and return the PDF."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=18 * mm,
        bottomMargin=20 * mm,
        title=title,
        author=author,
        creator="",
        producer="",
        initialFontName=font(),
    )
    document.build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    return buffer.getvalue()
