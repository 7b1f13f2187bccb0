"""Worker pages: supervision received, confirmed or disputed (station heads confirm too)."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import periods
from directory.permissions import own_person
from supervision import forms, permissions, selectors, services
from supervision.models import CommitteeLevel, Supervisee
from supervision.views.common import back_url, choice_param, error_text, page_of


def received(request: HttpRequest) -> HttpResponse:
    """Supervision the signed-in worker received, to confirm or dispute."""
    person = own_person(user=request.user)
    today = timezone.localdate()
    year = periods.year_param(request, today=today)
    state = choice_param(request, "state", Supervisee.State.values)
    first, last = dt.date(year or today.year, 1, 1), dt.date(year or today.year, 12, 31)
    return render(
        request,
        "supervision/received.html",
        {
            "page": page_of(request, selectors.received_by(person=person, year=year, state=state)),
            "totals": [
                (CommitteeLevel(level).label, counts)
                for level, counts in selectors.minutes_received(
                    person=person, starts_on=first, ends_on=last
                ).items()
            ],
            "totals_year": first.year,
            "year": year,
            "state": state,
            "states": Supervisee.State.choices,
        },
    )


@require_POST
def part_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    part = permissions.supervisee_for_answer(user=request.user, supervisee_id=pk)
    try:
        services.supervisee_confirm(supervisee=part, confirmed_by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("已确认 %(name)s 的督导时长。") % {"name": part.person.name})
    return redirect(back_url(request, reverse("supervision:received")))


def part_dispute(request: HttpRequest, pk: int) -> HttpResponse:
    part = permissions.supervisee_for_answer(user=request.user, supervisee_id=pk)
    form = forms.DisputeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.supervisee_dispute(
                supervisee=part, reason=form.cleaned_data["reason"], disputed_by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("异议已提交，将由县级民政管理员处理。"))
            return redirect("supervision:session_detail", part.session_id)
    return render(request, "supervision/part_dispute.html", {"form": form, "part": part})
