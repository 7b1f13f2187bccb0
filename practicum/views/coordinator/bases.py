"""Practice-base agreements (R15): the coordinator's list, new and edit pages; the detail page
and the signed document for everyone who may see the base; the host naming field supervisors."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.files import private_file_response
from core.query_params import query_text
from directory import selectors as directory_selectors
from practicum import permissions
from practicum.forms import coordinator as forms
from practicum.selectors import coordinator as selectors
from practicum.services import bases as services
from practicum.views.coordinator import common


def base_list(request: HttpRequest, university_id: int) -> HttpResponse:
    university = common.university_managed(user=request.user, university_id=university_id)
    page = common.paginate(request, selectors.bases_of(university=university))
    today = timezone.localdate()
    rows = [(base, services.is_expired(base=base, today=today)) for base in page]
    return render(
        request,
        "practicum/coordinator/base_list.html",
        {"university": university, "page": page, "rows": rows},
    )


@require_http_methods(["GET", "POST"])
def base_new(request: HttpRequest, university_id: int) -> HttpResponse:
    university = common.university_managed(user=request.user, university_id=university_id)
    query = query_text(request)
    points, agencies = directory_selectors.hosts_matching(query=query, limit=20)
    form = forms.AgreementForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            base = services.practice_base_create(
                university=university,
                host=form.host,
                document=form.new_document,
                by=request.user,
                **form.changes,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("实践基地协议已登记，请通知站点指定实习督导。"))
            return redirect("practicum:coord_base_detail", base.pk)
    return render(
        request,
        "practicum/coordinator/base_form.html",
        {
            "university": university,
            "form": form,
            "query": query,
            "points": points,
            "agencies": agencies,
            "base": None,
        },
    )


def base_detail(request: HttpRequest, pk: int) -> HttpResponse:
    base = common.base_visible(user=request.user, base_id=pk)
    today = timezone.localdate()
    return render(
        request,
        "practicum/coordinator/base_detail.html",
        {
            "base": base,
            "expired": services.is_expired(base=base, today=today),
            "expires_soon": services.expires_soon(base=base, today=today),
            "supervisors": base.field_supervisors.order_by("name", "pk"),
            "may_manage": permissions.may_manage(request.user, base.university),
            "may_host": permissions.may_host(request.user, base),
        },
    )


@require_http_methods(["GET", "POST"])
def base_edit(request: HttpRequest, pk: int) -> HttpResponse:
    base = common.base_managed(user=request.user, base_id=pk)
    form = forms.AgreementForm(
        request.POST or None, request.FILES or None, instance=base, with_host=False
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.practice_base_update(
                base=base, changes=form.changes, document=form.new_document, by=request.user
            )
        except ValidationError as error:
            base.refresh_from_db()
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("已保存，修改已记入操作日志。"))
            return redirect("practicum:coord_base_detail", base.pk)
    return render(
        request,
        "practicum/coordinator/base_form.html",
        {"university": base.university, "form": form, "base": base},
    )


def base_document(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed agreement, for whoever may see the base: its coordinators, the host station's
    head and the region offices above it, its field supervisors."""
    base = common.base_visible(user=request.user, base_id=pk)
    if not base.document:
        raise Http404
    return private_file_response(base.document, filename=base.document_name)


@require_http_methods(["GET", "POST"])
def base_supervisors(request: HttpRequest, pk: int) -> HttpResponse:
    """The host station names the base's field supervisors among its current staff."""
    base = common.base_hosted(user=request.user, base_id=pk)
    today = timezone.localdate()
    candidates = services.supervisor_candidates(base=base, today=today)
    form = forms.FieldSupervisorsForm(
        request.POST or None,
        candidates=candidates,
        initial={"people": list(base.field_supervisors.values_list("pk", flat=True))},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.field_supervisors_set(
                base=base, people=list(form.cleaned_data["people"]), by=request.user, today=today
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("实习督导已更新。"))
            return redirect("practicum:coord_base_detail", base.pk)
    return render(
        request, "practicum/coordinator/base_supervisors.html", {"base": base, "form": form}
    )
