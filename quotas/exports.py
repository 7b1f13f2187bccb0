"""Excel exports of dashboards (openpyxl), the same numbers as the pages."""

import io
from collections.abc import Sequence

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from quotas.selectors.dashboards import Dashboard
from quotas.selectors.region_targets import TargetLine


def dashboard_workbook(board: Dashboard, *, targets: Sequence[TargetLine] = ()) -> bytes:
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
    if board.computed_at:
        at = timezone.localtime(board.computed_at).strftime("%Y-%m-%d %H:%M")
        sheet.append([])
        sheet.append([_("统计于 %(at)s") % {"at": at}])
    if board.counting:
        sheet.append([_("导出时下级站点的数据正在后台重新统计，表中为上次统计的结果。")])
    rules_sheet = workbook.create_sheet(_("指标依据"))
    rules_sheet.append([_("指标"), _("规则编号"), _("依据文件"), _("条款")])
    for rule in board.rules:
        rules_sheet.append([rule.title, rule.rule_ref, rule.pack.title, rule.source_clause])
    if targets:
        _targets_sheet(workbook.create_sheet(_("区域指标")), targets, year=board.year)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _targets_sheet(sheet, targets: Sequence[TargetLine], *, year: int) -> None:
    """The region targets (R16, R25), as the page's table shows them."""
    sheet.append(
        [
            _("指标"),
            _("考核对象"),
            _("%(year)s 年指标") % {"year": year},
            _("完成情况"),
            _("状态"),
            _("规则编号"),
            _("依据文件"),
            _("条款"),
        ]
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in targets:
        rule = line.rule
        sheet.append(
            [
                rule.title,
                line.subject,
                line.owed_text,
                line.reached_text,
                line.status_label,
                rule.rule_ref,
                rule.pack.title,
                rule.source_clause,
            ]
        )


def _cells(rules, tallies) -> list:
    cells = []
    for rule in rules:
        tally = tallies.get(rule.pk)
        if tally is None or not tally.total:
            cells += [None, None, None]
        else:
            cells += [tally.counts["met"], tally.total, tally.met_percent]
    return cells
