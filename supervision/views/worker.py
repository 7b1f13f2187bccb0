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
from supervision import answers, forms, permissions, selectors, services
from supervision.models import CommitteeLevel, Supervisee
from supervision.views.common import back_url, choice_param, error_text, page_of


def received(request: HttpRequest) -> HttpResponse:
    """Supervision the signed-in worker received, to confirm or dispute."""
    person = own_person(user=request.user)
    today = timezone.localdate()
    year = periods.year_param(request, today=today)
    state = choice_param(request, "state", Supervisee.State.values)
    first, last = dt.date(year or today.year, 1, 1), dt.date(year or today.year, 12, 31)
    page = page_of(request, selectors.received_by(person=person, year=year, state=state))
    return render(
        request,
        "supervision/received.html",
        {
            "page": page,
            "parts": answers.with_actions(user=request.user, parts=page.object_list),
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
    back = back_url(request, reverse("supervision:received"))
    if not answers.may_confirm(user=request.user, part=part, locked=answers.part_locked(part=part)):
        messages.error(
            request,
            _("这条记录现在不能确认：已经处理过，督导活动尚未开展或已取消，或所在年度已锁定。"),
        )
        return redirect(back)
    try:
        services.supervisee_confirm(supervisee=part, confirmed_by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("已确认 %(name)s 的督导时长。") % {"name": part.person.name})
    return redirect(back)


def part_dispute(request: HttpRequest, pk: int) -> HttpResponse:
    part = permissions.supervisee_for_answer(user=request.user, supervisee_id=pk)
    if not answers.may_dispute(user=request.user, part=part, locked=answers.part_locked(part=part)):
        messages.error(
            request,
            _(
                "这条记录现在不能提出异议：已有异议或已处理，督导活动尚未开展或已取消，或所在年度已锁定。"
            ),
        )
        return redirect("supervision:session_detail", part.session_id)
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
