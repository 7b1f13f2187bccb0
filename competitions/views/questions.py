"""The organiser's question banks (R14): the questions of every region whose contests they run,
with the way in to the Excel import of questions."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from competitions import permissions, question_import, selectors
from competitions.views.common import paginate


def bank(request: HttpRequest) -> HttpResponse:
    permissions.organiser_required(user=request.user)
    page = paginate(request, selectors.questions_for_organiser(user=request.user))
    return render(
        request,
        "competitions/question_bank.html",
        {"page": page, "import_kind": question_import.KEY},
    )
