"""An application as the station and the coordinator see it, with the decision form of each
party the user may act for (R15). The coordinator's dashboard links here by the route name
"practicum:placement_application"."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from practicum import permissions
from practicum.forms.placement import DecisionForm
from practicum.models import Application
from practicum.selectors.hours import progress_of
from practicum.services import applications as service
from practicum.views.placement.common import application_for_user

PARTY_LABELS = {
    service.STATION: gettext_lazy("站点意见"),
    service.COORDINATOR: gettext_lazy("高校意见"),
}


def _open_parties(request: HttpRequest, application: Application) -> list[str]:
    """The parties the user decides for that have not decided yet."""
    if application.state != Application.State.PENDING:
        return []
    return [
        party
        for party in (service.STATION, service.COORDINATOR)
        if not getattr(application, f"{party}_decision")
        and service.party_allowed(user=request.user, application=application, party=party)
    ]


def application(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_for_user(user=request.user, application_id=pk)
    deciders = [
        service.party_allowed(user=request.user, application=application, party=party)
        for party in (service.STATION, service.COORDINATOR)
    ]
    may_read = (
        any(deciders)
        or permissions.is_student(request.user, application)
        or permissions.is_tutor(request.user, application)
        or permissions.is_field_supervisor(request.user, application.placement)
    )
    permissions.require(may_read)
    posted = DecisionForm(request.POST) if request.method == "POST" else None
    if posted is not None:
        if not posted.is_valid():
            for errors in posted.errors.values():
                for message in errors:
                    messages.error(request, message)
        else:
            data = posted.cleaned_data
            try:
                service.application_decide(
                    application=application,
                    party=data["party"],
                    accept=data["accept"],
                    reason=data["reason"],
                    user=request.user,
                )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("意见已记录。"))
                return redirect("practicum:placement_application", application.pk)
    forms = [
        {"label": PARTY_LABELS[party], "form": DecisionForm(initial={"party": party})}
        for party in _open_parties(request, application)
    ]
    progress = progress_of(application) if application.state == Application.State.ACCEPTED else None
    return render(
        request,
        "practicum/placement/application.html",
        {"application": application, "forms": forms, "progress": progress},
    )
