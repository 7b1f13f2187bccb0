"""Pages for organisers and trainers: runs, attendance (checklist, QR, sheet), export, courses."""

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import scope
from accounts.roles import Action
from lms import exports, forms, permissions, selectors
from lms.models import Attendance
from lms.services import attendance, courses, enrolment, sheet
from lms.views.common import paginate, show_errors


def manage(request: HttpRequest) -> HttpResponse:
    runs = selectors.runs_managed_by(user=request.user)
    if not scope.may_anywhere(request.user, Action.MANAGE_COURSES) and not runs.exists():
        permissions.require_anywhere(user=request.user, action=Action.MANAGE_COURSES)
    may_create = scope.may_anywhere(request.user, Action.MANAGE_COURSES)
    return render(
        request, "lms/manage.html", {"page": paginate(request, runs), "may_create": may_create}
    )


def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = permissions.run_for_manager(user=request.user, run_id=pk)
    return render(
        request,
        "lms/run_detail.html",
        {
            "run": run,
            "sessions": run.sessions.all(),
            "roster": selectors.run_roster(run=run),
            "assign_form": forms.AssignForm(),
            "now": timezone.now(),
        },
    )


def run_export(request: HttpRequest, pk: int) -> HttpResponse:
    run = permissions.run_for_manager(user=request.user, run_id=pk)
    body = exports.run_workbook(run=run, roster=selectors.run_roster(run=run))
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="run-{run.pk}.xlsx"'
    return response


def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = permissions.session_for_manager(user=request.user, session_id=pk)
    if request.method == "POST":
        try:
            people = permissions.attendees_for_manager(
                session=session, person_ids=request.POST.getlist("present")
            )
            created = attendance.attendance_mark(
                session=session,
                people=people,
                marked_by=request.user,
                method=Attendance.Method.CHECKLIST,
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("已记录 %(n)s 人出勤。") % {"n": len(created)})
        return redirect("lms:session_attendance", session.pk)
    return render(
        request,
        "lms/session_attendance.html",
        {
            "session": session,
            "rows": selectors.session_checklist(session=session),
            "started": session.starts_at <= timezone.now(),
        },
    )


def session_qr(request: HttpRequest, pk: int) -> HttpResponse:
    session = permissions.session_for_manager(user=request.user, session_id=pk)
    now = timezone.now()
    url = request.build_absolute_uri(
        reverse("lms:sign_in", args=[attendance.qr_token(session=session)])
    )
    qr = (
        segno.make(url, error="m").svg_inline(scale=6)
        if session.starts_at <= now <= session.ends_at
        else ""
    )
    return render(request, "lms/session_qr.html", {"session": session, "qr": qr, "url": url})


def session_import(request: HttpRequest, pk: int) -> HttpResponse:
    session = permissions.session_for_manager(user=request.user, session_id=pk)
    form = forms.SheetForm()
    preview = None
    if request.method == "POST" and "confirm" in request.POST:
        try:
            ids = sheet.confirmation_ids(token=request.POST["confirm"], session=session)
            created = attendance.attendance_mark(
                session=session,
                people=permissions.attendees_for_manager(session=session, person_ids=ids),
                marked_by=request.user,
                method=Attendance.Method.SHEET,
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("已导入 %(n)s 人出勤。") % {"n": len(created)})
            return redirect("lms:session_attendance", session.pk)
    elif request.method == "POST":
        form = forms.SheetForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                preview = sheet.sheet_preview(
                    run=session.run, user=request.user, uploaded_file=form.cleaned_data["file"]
                )
            except ValidationError as error:
                form.add_error("file", error)
    return render(
        request,
        "lms/session_import.html",
        {
            "session": session,
            "form": form,
            "preview": preview,
            "problem_labels": SHEET_PROBLEMS,
            "confirm": sheet.confirmation_token(preview=preview, session=session)
            if preview and not preview.problems
            else "",
        },
    )


SHEET_PROBLEMS = {
    "unusable": gettext_lazy("无法使用：请核对身份证号或联系上级管理员。"),
    "unknown": gettext_lazy("报名人员中查无此姓名，请补充身份证号"),
    "ambiguous": gettext_lazy("同名人员不止一位，请补充身份证号"),
    "name_mismatch": gettext_lazy("姓名与身份证号不符"),
    "not_enrolled": gettext_lazy("此人未报名该期培训"),
    "twice": gettext_lazy("与前面的行重复"),
}


def course_new(request: HttpRequest) -> HttpResponse:
    permissions.require_anywhere(user=request.user, action=Action.MANAGE_COURSES)
    regions = permissions.organiser_regions(user=request.user)
    form = forms.CourseForm(request.POST or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        region = data.pop("organiser")
        office = permissions.organises_as_office(user=request.user, region=region)
        course = courses.course_create(
            created_by=request.user,
            region=region,
            provider=None if office else request.user,
            audience_regions=list(data.pop("audience_regions")),
            **data,
        )
        messages.success(request, _("课程已创建，请添加开班。"))
        return redirect("lms:run_new", course.pk)
    return render(request, "lms/course_form.html", {"form": form})


def run_new(request: HttpRequest, pk: int) -> HttpResponse:
    course = permissions.course_for_manager(user=request.user, course_id=pk)
    form = forms.RunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        run = courses.run_create(
            course=course,
            created_by=request.user,
            sessions=data.pop("sessions"),
            trainers=data.pop("trainer_emails"),
            **data,
        )
        messages.success(request, _("开班已创建。"))
        return redirect("lms:run_detail", run.pk)
    return render(request, "lms/run_form.html", {"form": form, "course": course})


@require_POST
def run_assign(request: HttpRequest, pk: int) -> HttpResponse:
    run = permissions.run_for_assigner(user=request.user, run_id=pk)
    form = forms.AssignForm(request.POST)
    person = None
    if form.is_valid():
        person = (
            scope.people_visible_to(request.user, Action.MANAGE_COURSES)
            .with_id_number(form.cleaned_data["id_number"])
            .first()
        )
    if person is None:
        messages.error(request, _("在您的管辖范围内找不到该身份证号对应的人员。"))
        return redirect("lms:run_detail", run.pk)
    try:
        enrolment.enrolment_assign(run=run, person=person, assigned_by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("已指派 %(name)s。") % {"name": person.name})
    return redirect("lms:run_detail", run.pk)


@require_POST
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = permissions.session_for_manager(user=request.user, session_id=pk)
    try:
        courses.session_cancel(session=session, cancelled_by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("课次已取消，已通知报名人员。"))
    return redirect("lms:run_detail", session.run_id)


def course_materials(request: HttpRequest, pk: int) -> HttpResponse:
    course = permissions.course_for_manager(user=request.user, course_id=pk)
    form = forms.MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        courses.material_add(course=course, added_by=request.user, **form.cleaned_data)
        messages.success(request, _("资料已添加。"))
        return redirect("lms:course_materials", course.pk)
    return render(
        request,
        "lms/course_materials.html",
        {"course": course, "form": form, "materials": course.materials.all()},
    )
