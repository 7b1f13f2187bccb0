"""The coordinator's dashboard (R15): placements and places taken, applications waiting for
the university, students' confirmed against required hours, evaluations due, agreements
expiring; and the Excel export of a term. A fixed number of queries whatever the rows."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from accounts import scope
from accounts.roles import Action
from core.query_params import query_text
from practicum import permissions
from practicum.models import Placement
from practicum.selectors import coordinator as selectors
from practicum.views.coordinator import common
from practicum.views.coordinator.xlsx import term_xlsx

SHORT_LIST = 20


def home(request: HttpRequest) -> HttpResponse:
    """The first university the user coordinates; 403 for anyone who coordinates none."""
    university = (
        scope.universities_visible_to(request.user, Action.MANAGE_PRACTICUM).order_by("pk").first()
    )
    permissions.require(university is not None)
    return redirect("practicum:coord_dashboard", university.pk)


def dashboard(request: HttpRequest, university_id: int) -> HttpResponse:
    university = common.university_managed(user=request.user, university_id=university_id)
    today = timezone.localdate()
    placements = selectors.placements_of(university=university).exclude(
        status=Placement.Status.CLOSED
    )
    waiting = selectors.applications_awaiting_university(university=university)
    in_progress = list(
        selectors.accepted_applications(university=university).filter(
            placement__ends_on__gte=today
        )[:SHORT_LIST]
    )
    return render(
        request,
        "practicum/coordinator/dashboard.html",
        {
            "university": university,
            "placements": list(placements[:SHORT_LIST]),
            "waiting": list(waiting[:SHORT_LIST]),
            "waiting_count": waiting.count(),
            "hours_rows": selectors.hours_rows(applications=in_progress),
            "evaluations_due": selectors.evaluations_due(university=university, today=today),
            "expiring": list(selectors.bases_expiring(university=university, today=today)),
            "terms": selectors.terms_of(university=university),
        },
    )


def export(request: HttpRequest, university_id: int) -> HttpResponse:
    """One row per accepted application of the term (`?term=`); no ID numbers."""
    university = common.university_managed(user=request.user, university_id=university_id)
    term = query_text(request, "term")
    response = HttpResponse(
        term_xlsx(university=university, term=term),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = _("实习名单-%(term)s.xlsx") % {"term": term or _("全部")}
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
