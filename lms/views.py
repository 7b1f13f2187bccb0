"""Training pages: loader → form → service → response (STYLE.md §2)."""

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import scope
from accounts.roles import Action
from core.crypto import keyed_hash
from directory.identity import normalise_id_number
from directory.models import Person, Region
from lms import exports, forms, permissions, selectors
from lms.models import Attendance, Enrolment, Kind, Level
from lms.services import attendance, courses, enrolment, external, ledger, sheet

PAGE_SIZE = 50


def _page(request: HttpRequest, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _error(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# Catalogue, course detail, enrolment.


def catalogue(request: HttpRequest) -> HttpResponse:
    form = forms.CatalogueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    region = (
        Region.objects.filter(pk=filters.get("region")).first() if filters.get("region") else None
    )
    runs = selectors.catalogue(
        query=(filters.get("q") or "").strip(),
        kind=filters.get("kind") or "",
        level=filters.get("level") or "",
        region_path=region.path if region else "",
        starts_after=filters.get("starts_after"),
        starts_before=filters.get("starts_before"),
        places_left=bool(filters.get("places_left")),
    )
    regions = Region.objects.filter(depth__lte=3).order_by("path")
    return render(
        request,
        "lms/catalogue.html",
        {"form": form, "page": _page(request, runs), "regions": regions, "region": region},
    )


def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = permissions.course_for_user(user=request.user, course_id=pk)
    person = Person.objects.filter(user=request.user).first()
    mine = {}
    if person is not None:
        mine = {
            e.run_id: e
            for e in Enrolment.objects.filter(
                run__course=course, person=person, status__in=Enrolment.ACTIVE
            )
        }
    runs = list(selectors.runs_of_course(course=course))
    for run in runs:
        run.mine = mine.get(run.pk)
    return render(
        request,
        "lms/course_detail.html",
        {
            "course": course,
            "runs": runs,
            "materials": course.materials.all(),
            "person": person,
            "now": timezone.now(),
        },
    )


@require_POST
def enrol(request: HttpRequest, pk: int) -> HttpResponse:
    person = permissions.person_of(user=request.user)
    run = permissions.run_in_catalogue(run_id=pk)
    try:
        row = enrolment.enrolment_create(run=run, person=person, user=request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, ENROLLED_MESSAGES[row.status])
    return redirect("lms:course_detail", run.course_id)


ENROLLED_MESSAGES = {
    Enrolment.Status.ENROLLED: gettext_lazy("报名成功。"),
    Enrolment.Status.WAITLISTED: gettext_lazy("名额已满，您已进入候补名单。"),
    Enrolment.Status.PENDING: gettext_lazy("已提交报名，等待站长审核。"),
}


@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    row = permissions.own_enrolment(user=request.user, enrolment_id=pk)
    try:
        enrolment.enrolment_cancel(enrolment=row, user=request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("已取消报名。"))
    return redirect(request.POST.get("next") or reverse("lms:my_courses"))


def my_courses(request: HttpRequest) -> HttpResponse:
    person = permissions.person_of(user=request.user)
    rows = selectors.enrolments_of_person(person=person)
    return render(
        request, "lms/my_courses.html", {"page": _page(request, rows), "now": timezone.now()}
    )


# Hours and the ledger.


def my_hours(request: HttpRequest) -> HttpResponse:
    person = permissions.person_of(user=request.user)
    return _hours_page(request, person)


def person_hours(request: HttpRequest, pk: int) -> HttpResponse:
    person = permissions.person_for_hours(user=request.user, person_id=pk)
    return _hours_page(request, person)


def _hours_page(request: HttpRequest, person: Person) -> HttpResponse:
    years: dict[int, dict] = {}
    for row in selectors.person_years(person=person):
        year = years.setdefault(row["year"], {"total": 0, "kinds": {}, "levels": {}})
        year["total"] += row["minutes"]
        year["kinds"][row["kind"]] = year["kinds"].get(row["kind"], 0) + row["minutes"]
        level = row["providing_level"]
        year["levels"][level] = year["levels"].get(level, 0) + row["minutes"]
    may_adjust = scope.role_allows(user=request.user, action=Action.ADJUST_LEDGER, obj=person)
    return render(
        request,
        "lms/hours.html",
        {
            "person": person,
            "years": [
                {
                    "year": y,
                    "total": v["total"],
                    "kinds": [(Kind(k).label, m) for k, m in sorted(v["kinds"].items())],
                    "levels": [(Level(k).label, m) for k, m in sorted(v["levels"].items())],
                }
                for y, v in years.items()
            ],
            "page": _page(request, selectors.ledger_for_person(person=person)),
            "claims": person.external_trainings.order_by("-submitted_at")[:20],
            "own": person.user_id == request.user.pk,
            "may_adjust": may_adjust,
            "adjust_form": forms.AdjustForm() if may_adjust else None,
        },
    )


def external_new(request: HttpRequest) -> HttpResponse:
    person = permissions.person_of(user=request.user)
    form = forms.ExternalTrainingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "hours"}
        try:
            external.external_training_submit(person=person, user=request.user, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已提交，等待审核通过后计入学时。"))
            return redirect("lms:my_hours")
    return render(request, "lms/external_form.html", {"form": form})


def external_evidence(request: HttpRequest, pk: int) -> FileResponse:
    claim = permissions.external_evidence_for_user(user=request.user, claim_id=pk)
    return FileResponse(claim.evidence.open("rb"), as_attachment=True)


@require_POST
def entry_reverse(request: HttpRequest, pk: int) -> HttpResponse:
    entry = permissions.entry_for_adjuster(user=request.user, entry_id=pk)
    form = forms.ReverseForm(request.POST)
    if form.is_valid():
        try:
            ledger.hour_entry_reverse(
                entry=entry, reason=form.cleaned_data["reason"], entered_by=request.user
            )
        except ValidationError as error:
            _error(request, error)
        else:
            messages.success(request, _("已冲销。"))
    else:
        messages.error(request, _("请填写冲销原因。"))
    return redirect("lms:person_hours", entry.person_id)


@require_POST
def person_adjust(request: HttpRequest, pk: int) -> HttpResponse:
    person = permissions.person_for_adjuster(user=request.user, person_id=pk)
    form = forms.AdjustForm(request.POST)
    if form.is_valid():
        try:
            ledger.hour_entry_adjust(person=person, entered_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _error(request, error)
        else:
            messages.success(request, _("已补录学时。"))
    else:
        messages.error(request, _("补录信息不完整，请检查日期、分钟数和原因。"))
    return redirect("lms:person_hours", person.pk)


# Approvals.


def approvals(request: HttpRequest) -> HttpResponse:
    permissions.require_anywhere(user=request.user, action=Action.APPROVE_TRAINING)
    return render(
        request,
        "lms/approvals.html",
        {
            "page": _page(request, selectors.pending_enrolments_for_user(user=request.user)),
            "claims": _page(request, selectors.pending_external_for_user(user=request.user)),
        },
    )


@require_POST
def enrolment_decide(request: HttpRequest, pk: int) -> HttpResponse:
    row = permissions.enrolment_for_approver(user=request.user, enrolment_id=pk)
    form = forms.DecisionForm(request.POST)
    if form.is_valid():
        try:
            enrolment.enrolment_decide(enrolment=row, decided_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _error(request, error)
        else:
            messages.success(request, _("已处理报名。"))
    else:
        _error(request, ValidationError(form.non_field_errors()))
    return redirect("lms:approvals")


@require_POST
def external_decide(request: HttpRequest, pk: int) -> HttpResponse:
    claim = permissions.external_for_approver(user=request.user, claim_id=pk)
    form = forms.DecisionForm(request.POST)
    if form.is_valid():
        try:
            external.external_training_decide(
                claim=claim, decided_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _error(request, error)
        else:
            messages.success(request, _("已处理外部培训申请。"))
    else:
        _error(request, ValidationError(form.non_field_errors()))
    return redirect("lms:approvals")


# Organisers and trainers.


def manage(request: HttpRequest) -> HttpResponse:
    runs = selectors.runs_managed_by(user=request.user)
    if not scope.may_anywhere(request.user, Action.MANAGE_COURSES) and not runs.exists():
        permissions.require_anywhere(user=request.user, action=Action.MANAGE_COURSES)
    may_create = scope.may_anywhere(request.user, Action.MANAGE_COURSES)
    return render(
        request, "lms/manage.html", {"page": _page(request, runs), "may_create": may_create}
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
        ids = [int(i) for i in request.POST.getlist("present") if i.isdigit()]
        people = Person.objects.filter(pk__in=ids)
        try:
            created = attendance.attendance_mark(
                session=session,
                people=people,
                marked_by=request.user,
                method=Attendance.Method.CHECKLIST,
            )
        except ValidationError as error:
            _error(request, error)
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


def sign_in(request: HttpRequest, token: str) -> HttpResponse:
    person = permissions.person_of(user=request.user)
    try:
        session = permissions.session_for_attendee(
            token_session_id=attendance.qr_session_id(token=token)
        )
        if request.method == "POST":
            attendance.attendance_sign_in(session=session, person=person, user=request.user)
            messages.success(request, _("签到成功。"))
            return redirect("lms:my_courses")
    except ValidationError as error:
        return render(request, "lms/sign_in.html", {"errors": error.messages}, status=400)
    return render(request, "lms/sign_in.html", {"session": session})


def session_import(request: HttpRequest, pk: int) -> HttpResponse:
    session = permissions.session_for_manager(user=request.user, session_id=pk)
    form = forms.SheetForm()
    preview = None
    if request.method == "POST" and "confirm" in request.POST:
        try:
            ids = sheet.confirmation_ids(token=request.POST["confirm"], session=session)
            created = attendance.attendance_mark(
                session=session,
                people=Person.objects.filter(pk__in=ids),
                marked_by=request.user,
                method=Attendance.Method.SHEET,
            )
        except ValidationError as error:
            _error(request, error)
        else:
            messages.success(request, _("已导入 %(n)s 人出勤。") % {"n": len(created)})
            return redirect("lms:session_attendance", session.pk)
    elif request.method == "POST":
        form = forms.SheetForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                preview = sheet.sheet_preview(
                    run=session.run, uploaded_file=form.cleaned_data["file"]
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
    "unknown": gettext_lazy("查无此人（身份证号或姓名未登记）"),
    "ambiguous": gettext_lazy("同名人员不止一位，请补充身份证号"),
    "name_mismatch": gettext_lazy("姓名与身份证号不符"),
    "not_enrolled": gettext_lazy("此人未报名该期培训"),
    "twice": gettext_lazy("与前面的行重复"),
}


# Organisers create courses and runs; assign people (mandatory pre-job training).


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
        digest = keyed_hash(normalise_id_number(form.cleaned_data["id_number"]))
        person = (
            scope.people_visible_to(request.user, Action.MANAGE_COURSES)
            .filter(id_number_hash=digest)
            .first()
        )
    if person is None:
        messages.error(request, _("在您的管辖范围内找不到该身份证号对应的人员。"))
        return redirect("lms:run_detail", run.pk)
    try:
        enrolment.enrolment_assign(run=run, person=person, assigned_by=request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("已指派 %(name)s。") % {"name": person.name})
    return redirect("lms:run_detail", run.pk)
