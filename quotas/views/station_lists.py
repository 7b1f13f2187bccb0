"""A station's service list and negative list (R19), kept by its head and the county."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from quotas import permissions
from quotas.forms import StationListItemForm
from quotas.models import StationListItem
from quotas.selectors import station_lists as selectors
from quotas.services import station_lists as services


@require_http_methods(["GET", "POST"])
def station_lists(request: HttpRequest, pk: int) -> HttpResponse:
    point = permissions.station_for_reports(user=request.user, service_point_id=pk)
    today = timezone.localdate()
    action = request.POST.get("action", "")
    form = StationListItemForm(request.POST if action == "add" else None)
    if request.method == "POST":
        try:
            if action == "add":
                if form.is_valid():
                    services.station_list_item_add(
                        service_point=point,
                        kind=form.cleaned_data["kind"],
                        text=form.cleaned_data["text"],
                        by=request.user,
                    )
                    messages.success(request, _("已加入清单。"))
                    return redirect("quotas:station_lists", pk=point.pk)
            elif action == "remove":
                item = permissions.list_item_of_station(
                    service_point=point, item_id=request.POST.get("item", "")
                )
                services.station_list_item_remove(item=item, by=request.user)
                messages.success(request, _("已从清单中移除。"))
                return redirect("quotas:station_lists", pk=point.pk)
            elif action == "seed":
                added = services.station_lists_seed(service_point=point, by=request.user, on=today)
                messages.success(request, _("已按现行政策加入 %(n)s 项。") % {"n": added})
                return redirect("quotas:station_lists", pk=point.pk)
            else:
                messages.error(request, _("无效的操作。"))
        except ValidationError as error:
            messages.error(request, error.messages[0])
    listed = selectors.lists_of_station(service_point=point)
    return render(
        request,
        "quotas/station_lists.html",
        {
            "point": point,
            "form": form,
            "lists": [(kind, label, listed[kind]) for kind, label in StationListItem.Kind.choices],
            "missing": [
                (StationListItem.Kind(kind).label, seed)
                for kind, seed in selectors.seed_missing(
                    service_point=point, listed=listed, on=today
                ).items()
            ],
        },
    )
