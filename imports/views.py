"""The import pages: upload, preview, commit, result and templates.

The same views are mounted twice: in the Wagtail admin (namespace "imports", the default
instance) and in the site (instance "imports_site", for importers who have no admin access).
Each page is drawn in the frame of the mount it was reached through, and its links and
redirects stay in that mount (`surface`).
"""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from imports import forms, permissions, selectors, services, surface, template_files
from imports.models import ImportBatch

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def forbidden_as_403(view: Callable) -> Callable:
    """Answer PermissionDenied with a 403 page; Wagtail would otherwise redirect to its home."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return surface.render(
                request,
                "imports/forbidden.html",
                {"title": _("无权访问"), "icon": "warning"},
                status=403,
            )

    return wrapped


@forbidden_as_403
def upload(request: HttpRequest) -> HttpResponse:
    """The upload form; `?kind=` preselects a kind (the link from the app that owns it)."""
    importable = permissions.require_importer(user=request.user)
    if chosen := request.POST.get("kind") or request.GET.get("kind"):
        permissions.kind_for_user(user=request.user, key=chosen)
    form = forms.UploadForm(
        request.POST or None, request.FILES or None, kinds=importable, initial={"kind": chosen}
    )
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.import_preview(
                user=request.user,
                kind=form.cleaned_data["kind"],
                uploaded_file=form.cleaned_data["file"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return surface.redirect(request, "preview", batch.pk)
    return surface.render(
        request,
        "imports/upload.html",
        {
            "title": _("批量导入"),
            "form": form,
            "kinds": importable,
            "batches": selectors.recent_batches_for_user(user=request.user),
        },
    )


@forbidden_as_403
@require_GET
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    batch, kind = permissions.batch_for_user(user=request.user, batch_id=pk)
    if batch.status == ImportBatch.Status.COMMITTED:
        return surface.redirect(request, "result", batch.pk)
    only_errors = request.GET.get("errors") == "1"
    return surface.render(
        request,
        "imports/preview.html",
        {
            "title": _("导入预览"),
            "subtitle": batch.filename,
            "batch": batch,
            "kind": kind,
            "rows": selectors.preview_rows(batch=batch, kind=kind, only_errors=only_errors),
            "only_errors": only_errors,
        },
    )


@forbidden_as_403
@require_POST
def commit(request: HttpRequest, pk: int) -> HttpResponse:
    batch, _kind = permissions.batch_for_user(user=request.user, batch_id=pk)
    try:
        batch = services.import_commit(batch=batch, user=request.user)
    except services.ImportRefused as refused:
        messages.error(request, refused.message)
        return surface.redirect(request, "preview", batch.pk)
    if batch.status != ImportBatch.Status.COMMITTED:
        messages.error(
            request,
            _("数据库中的数据已发生变化，有 %(count)s 行未通过校验，未保存任何数据。")
            % {"count": batch.error_count},
        )
        return surface.redirect(request, "preview", batch.pk)
    messages.success(request, _("导入成功，共 %(count)s 行。") % {"count": batch.row_count})
    return surface.redirect(request, "result", batch.pk)


@forbidden_as_403
@require_GET
def result(request: HttpRequest, pk: int) -> HttpResponse:
    batch, kind = permissions.batch_for_user(user=request.user, batch_id=pk)
    if batch.status != ImportBatch.Status.COMMITTED:
        return surface.redirect(request, "preview", batch.pk)
    return surface.render(
        request,
        "imports/result.html",
        {
            "title": _("导入结果"),
            "subtitle": batch.filename,
            "batch": batch,
            "kind": kind,
            "kind_url": kind.result_url(),
        },
    )


@forbidden_as_403
@require_GET
def template_download(request: HttpRequest, kind: str) -> HttpResponse:
    permissions.require_importer(user=request.user)
    kind = permissions.kind_for_user(user=request.user, key=kind)
    content = template_files.template_workbook(kind=kind, user=request.user)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=template_files.filename(kind)
    )
    return response
