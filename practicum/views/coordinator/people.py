"""Tutors and students added by the coordinator (R15), and the university's student list."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.query_params import query_text
from practicum.forms import coordinator as forms
from practicum.models import Programme
from practicum.selectors import coordinator as selectors
from practicum.services import placements as placement_services
from practicum.services import students as services
from practicum.student_import import KEY as STUDENT_IMPORT_KIND
from practicum.views.coordinator import common


def student_list(request: HttpRequest, university_id: int) -> HttpResponse:
    university = common.university_managed(user=request.user, university_id=university_id)
    query = query_text(request)
    page = common.paginate(request, selectors.students_of(university=university, query=query))
    return render(
        request,
        "practicum/coordinator/student_list.html",
        {
            "university": university,
            "page": page,
            "query": query,
            "import_kind": STUDENT_IMPORT_KIND,
        },
    )


@require_http_methods(["GET", "POST"])
def tutor_new(request: HttpRequest, university_id: int) -> HttpResponse:
    university = common.university_managed(user=request.user, university_id=university_id)
    form = forms.TutorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.tutor_create(university=university, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("已添加校内导师，邀请邮件已发送。"))
            return redirect("practicum:coord_students", university.pk)
    return render(
        request,
        "practicum/coordinator/person_form.html",
        {"university": university, "form": form, "title": _("添加校内导师")},
    )


@require_http_methods(["GET", "POST"])
def student_new(request: HttpRequest, university_id: int) -> HttpResponse:
    university = common.university_managed(user=request.user, university_id=university_id)
    form = forms.StudentForm(
        request.POST or None,
        programmes=Programme.objects.filter(university=university).order_by("name"),
        tutors=placement_services.tutors_of(university=university).order_by("name", "pk"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.student_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("已添加学生，邀请邮件已发送。"))
            return redirect("practicum:coord_students", university.pk)
    return render(
        request,
        "practicum/coordinator/person_form.html",
        {"university": university, "form": form, "title": _("添加实习学生")},
    )
