"""The organiser's exports of a competition (R14): scores per judge and criterion (Excel) and
the results with the method stated (PDF)."""

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from competitions import pdf, permissions

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    patch_cache_control(response, private=True, no_store=True)
    return response


def scores_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    competition = permissions.competition_for_organiser(user=request.user, competition_id=pk)
    return _download(
        pdf.scores_xlsx(competition=competition),
        content_type=XLSX_TYPE,
        filename=_("%(title)s-评分明细.xlsx") % {"title": competition.title},
    )


def results_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    competition = permissions.competition_for_organiser(user=request.user, competition_id=pk)
    return _download(
        pdf.results_pdf(competition=competition),
        content_type="application/pdf",
        filename=_("%(title)s-评选结果.pdf") % {"title": competition.title},
    )
