"""The certificate PDF: the frozen snapshot, a QR code to the verification page, the short code.

Drawn with ReportLab (core/drawn_pdf.py): a batch issues thousands of these."""

import segno
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from core import drawn_pdf
from core.drawn_pdf import grid, text
from core.links import absolute_url
from credentials.models import Certificate

QR_SIZE = 32 * mm


def _holder_table(snapshot: dict, width: float) -> Table:
    """Name, masked ID number and period; a part the snapshot lacks is left blank (as a
    template would), so an older or anonymised snapshot still draws."""
    holder, period = snapshot.get("holder", {}), snapshot.get("period", {})
    rows = [
        [
            text(_("姓名")),
            text(holder.get("name", "")),
            text(_("身份证号")),
            text(holder.get("id_number_masked", "")),
        ],
        [
            text(_("证明期间")),
            text(f"{period.get('starts_on', '')} ~ {period.get('ends_on', '')}"),
            "",
            "",
        ],
    ]
    table = grid(
        rows,
        header_cells=[(0, 0), (2, 0), (0, 1)],
        widths=[0.17 * width, 0.33 * width, 0.17 * width, 0.33 * width],
    )
    table.setStyle(TableStyle([("SPAN", (1, 1), (3, 1))]))
    return table


def _section(section: dict, width: float) -> list:
    heading = text(section["heading"], "heading")
    if not section.get("rows"):
        return [heading, text(section.get("empty", ""), "muted")]
    columns = len(section["columns"])
    rows = [[text(column) for column in section["columns"]]]
    rows += [
        [text(cell, "number" if i == columns - 1 else "cell") for i, cell in enumerate(row)]
        for row in section["rows"]
    ]
    header_cells = []
    if section.get("total"):
        last = len(rows)
        rows.append([text(_("合计")), *[""] * (columns - 2), text(section["total"], "number")])
        header_cells = [(0, last), (columns - 1, last)]
    table = grid(rows, widths=[width / columns] * columns, header_cells=header_cells, header_rows=1)
    if section.get("total") and columns > 2:
        table.setStyle(TableStyle([("SPAN", (0, len(rows) - 1), (columns - 2, len(rows) - 1))]))
    return [heading, table]


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


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate as PDF bytes: title, short code, statement, holder, the snapshot's
    sections, issuer and date, and the QR code of the verification URL."""
    snapshot = certificate.snapshot
    url = absolute_url("credentials:verify", certificate.code)
    issued_on = timezone.localtime(certificate.issued_at).date()
    width = drawn_pdf.page_width()
    story = [
        text(snapshot["title"], "title"),
        text(_("查验码 %(code)s") % {"code": certificate.short_code}, "code"),
        text(snapshot.get("statement", ""), "statement"),
        _holder_table(snapshot, width),
    ]
    for section in snapshot.get("sections", []):
        story += _section(section, width)
    signed = [
        text(_("签发单位：%(issuer)s") % {"issuer": certificate.issuer_name}),
        text(_("签发日期：%(date)s") % {"date": date_format(issued_on, "Y年n月j日")}),
        Spacer(0, 2 * mm),
        text(
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
    return drawn_pdf.render(story, title=snapshot["title"], author=certificate.issuer_name)
