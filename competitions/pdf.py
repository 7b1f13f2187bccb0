"""Competition documents for the organiser, each returned as bytes (R14): the scores per judge
and criterion as a workbook (openpyxl), the results as a PDF (WeasyPrint). Entries are named by
code and title only, never by author: blind mode holds in exports."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from competitions import selectors
from competitions.models import Competition
from core.pdf import render_pdf


def scores_xlsx(*, competition: Competition) -> bytes:
    """One row per judge and entry with the score and comment of each criterion, and a sheet
    with the rubric; the same numbers the ranking is computed from."""
    criteria, rows = selectors.score_sheet(competition=competition)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("评分明细")
    sheet.append([_("%(title)s 评分明细") % {"title": competition.title}])
    sheet["A1"].font = Font(bold=True, size=14)
    headers = [_("作品编号"), _("作品标题"), _("评委"), _("提交时间")]
    for criterion in criteria:
        headers += [criterion.name, _("%(name)s 评语") % {"name": criterion.name}]
    sheet.append(headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        submitted = (
            timezone.localtime(row.submitted_at).strftime("%Y-%m-%d %H:%M")
            if row.submitted_at
            else _("未提交")
        )
        cells = [row.entry_code, row.entry_title, row.judge, submitted]
        for criterion in criteria:
            value, comment = row.scores.get(criterion.pk, (None, ""))
            cells += [value, comment]
        sheet.append(cells)
    rubric = workbook.create_sheet(_("评分标准"))
    rubric.append([_("评分项"), _("权重"), _("最低分"), _("最高分"), _("说明")])
    for cell in rubric[1]:
        cell.font = Font(bold=True)
    for criterion in criteria:
        rubric.append(
            [
                criterion.name,
                criterion.weight,
                criterion.min_score,
                criterion.max_score,
                criterion.description,
            ]
        )
    rubric.append([])
    rubric.append([_("计分方法"), str(competition.get_method_display())])
    rubric.append([_("同分规则"), str(competition.get_tie_rule_display())])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def results_pdf(*, competition: Competition) -> bytes:
    """The ranking with award levels and the method it was computed by: the stored results
    once put on notice, before that the ranking recomputed from the submitted scores (marked
    as not yet on notice); for a quiz, the leaderboard."""
    context = {
        "competition": competition,
        "organiser": str(competition.organiser),
        "generated_at": timezone.localtime(),
    }
    if competition.kind == Competition.Kind.QUIZ:
        context["leaderboard"] = selectors.leaderboard(competition=competition, now=timezone.now())
    elif competition.notice_starts_at is not None:
        context["rows"] = [
            {"rank": r.rank, "entry": r.entry, "score": r.score, "award": r.award_level}
            for r in selectors.results_of(competition=competition)
        ]
    else:
        context["rows"] = [
            {"rank": r.rank, "entry": r.entry, "score": r.score, "award": r.award}
            for r in selectors.ranking(competition=competition).rows
        ]
        context["draft"] = True
    return render_pdf(template="competitions/pdf/results.html", context=context)
