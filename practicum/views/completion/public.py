"""The public portal's placements (R15): a list with filters by region, period and field of
practice, and a placement's page. Anyone may read them; no personal data is shown."""

import datetime as dt

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from directory import selectors as directory_selectors
from practicum.models import Placement
from practicum.selectors import public as selectors
from practicum.views.completion.common import paginate

COUNTY_DEPTH = 3


class PlacementFilter(forms.Form):
    region = forms.TypedChoiceField(label=_("区域"), required=False, coerce=int, empty_value=None)
    month = forms.CharField(
        label=_("月份"), required=False, widget=forms.DateInput(attrs={"type": "month"})
    )
    term = forms.ChoiceField(label=_("学期"), required=False)
    field = forms.ChoiceField(
        label=_("实务领域"), required=False, choices=[("", _("全部")), *Placement.Field.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regions = directory_selectors.regions_to_depth(depth=COUNTY_DEPTH)
        self.fields["region"].choices = [("", _("全部")), *((r.pk, r.name) for r in regions)]
        self.fields["term"].choices = [
            ("", _("全部")),
            *((t, t) for t in selectors.terms_published()),
        ]

    def clean_month(self) -> dt.date | None:
        value = self.cleaned_data["month"]
        if not value:
            return None
        year, _dash, month = value.partition("-")
        try:
            return dt.date(int(year), int(month), 1)
        except ValueError:
            raise forms.ValidationError(_("月份格式应为 年-月，如 2026-03。")) from None


@login_not_required
@require_GET
def placement_list(request: HttpRequest) -> HttpResponse:
    filters = PlacementFilter(request.GET or None)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    region = None
    if criteria.get("region"):
        region = directory_selectors.region_with_id(region_id=criteria["region"])
    placements = selectors.placements_public(
        region_path=region.path if region else None,
        month=criteria.get("month"),
        term=criteria.get("term", ""),
        field=criteria.get("field", ""),
    )
    return render(
        request,
        "practicum/completion/public_list.html",
        {"filters": filters, "page": paginate(request, placements)},
    )


@login_not_required
@require_GET
def placement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    placement = selectors.placement_public(placement_id=pk)
    return render(request, "practicum/completion/public_detail.html", {"placement": placement})
