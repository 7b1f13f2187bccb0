"""Excel exports of dashboards (openpyxl), the same numbers as the pages."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from quotas.selectors.dashboards import Dashboard


def dashboard_workbook(board: Dashboard) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("指标完成情况")
    sheet.append(
        [
            _("%(region)s %(year)s 年度指标完成情况")
            % {"region": board.region.name, "year": board.year}
        ]
    )
    sheet["A1"].font = Font(bold=True, size=14)
    headers = [_("站点/区域"), _("人数")]
    for rule in board.rules:
        headers += [
            f"{rule.title} " + _("达标人数"),
            f"{rule.title} " + _("适用人数"),
            f"{rule.title} " + _("达标率%"),
        ]
    sheet.append(headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    sheet.append([_("合计"), board.people, *_cells(board.rules, board.totals)])
    for row in board.rows:
        sheet.append([row.name, row.people, *_cells(board.rules, row.tallies)])
    rules_sheet = workbook.create_sheet(_("指标依据"))
    rules_sheet.append([_("指标"), _("规则编号"), _("依据文件"), _("条款")])
    for rule in board.rules:
        rules_sheet.append([rule.title, rule.rule_ref, rule.pack.title, rule.source_clause])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cells(rules, tallies) -> list:
    cells = []
    for rule in rules:
        tally = tallies.get(rule.pk)
        if tally is None or not tally.total:
            cells += [None, None, None]
        else:
            cells += [tally.counts["met"], tally.total, tally.met_percent]
    return cells
