"""Pages for learners: the catalogue, a course, enrolment, my courses, QR sign-in."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.files import private_file_response
from directory import selectors as directory_selectors
from directory.permissions import own_person
from directory.selectors import person_of_user
from lms import forms, permissions, selectors
from lms.models import Enrolment
from lms.services import attendance, enrolment
from lms.views.common import paginate, show_errors


def catalogue(request: HttpRequest) -> HttpResponse:
    """Runs of every course. A learner sees first what they may enrol in, nearest region first
    (their county, city, province, then the rest); by default only those, `show=all` for all."""
    form = forms.CatalogueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    region_id = filters.get("region")
    region = directory_selectors.region_with_id(region_id=region_id) if region_id else None
    upcoming_only = not (filters.get("starts_after") or filters.get("starts_before"))
    person = person_of_user(user=request.user)
    show = (filters.get("show") or "open") if person else "all"
    learner = {}
    if person is not None:
        now = timezone.now()
        learner = {
            "open_to": selectors.runs_open_to(person=person, now=now),
            "only_open": show == "open",
            "near_path": selectors.learner_path(person=person, today=timezone.localdate(now)),
        }
    runs = selectors.catalogue(
        query=(filters.get("q") or "").strip(),
        kind=filters.get("kind") or "",
        level=filters.get("level") or "",
        region_path=region.path if region else "",
        starts_after=filters.get("starts_after"),
        starts_before=filters.get("starts_before"),
        places_left=bool(filters.get("places_left")),
        ending_after=timezone.localdate() if upcoming_only else None,
        **learner,
    )
    regions = directory_selectors.regions_to_depth(depth=3)
    return render(
        request,
        "lms/catalogue.html",
        {
            "form": form,
            "page": paginate(request, runs),
            "regions": regions,
            "region": region,
            "upcoming_only": upcoming_only,
            "show": show,
            "learner": person is not None,
            "open_to": set(learner.get("open_to", ())),
        },
    )


def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = permissions.course_for_user(user=request.user, course_id=pk)
    person = person_of_user(user=request.user)
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


def material_download(request: HttpRequest, pk: int) -> HttpResponse:
    """A course material's file, to whoever may see the course."""
    material = permissions.material_for_user(user=request.user, material_id=pk)
    return private_file_response(material.file, filename=material.original_name)


@require_POST
def enrol(request: HttpRequest, pk: int) -> HttpResponse:
    person = own_person(user=request.user)
    run = permissions.run_in_catalogue(run_id=pk)
    try:
        row = enrolment.enrolment_create(run=run, person=person, user=request.user)
    except ValidationError as error:
        show_errors(request, error)
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
        show_errors(request, error)
    else:
        messages.success(request, _("已取消报名。"))
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(target if safe else reverse("lms:my_courses"))


def my_courses(request: HttpRequest) -> HttpResponse:
    person = own_person(user=request.user)
    page = paginate(request, selectors.enrolments_of_person(person=person))
    now = timezone.now()
    for row in page.object_list:
        row.may_cancel = row.cancellable(now)
    return render(request, "lms/my_courses.html", {"page": page})


def sign_in(request: HttpRequest, token: str) -> HttpResponse:
    person = own_person(user=request.user)
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
