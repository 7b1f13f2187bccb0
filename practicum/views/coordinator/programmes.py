"""Programmes and evaluation forms of the coordinator's university (R15)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from practicum.forms import coordinator as forms
from practicum.models import EvaluationForm, Programme
from practicum.services import programmes as services
from practicum.views.coordinator import common


def programme_list(request: HttpRequest, university_id: int) -> HttpResponse:
    university = common.university_managed(user=request.user, university_id=university_id)
    programmes = (
        Programme.objects.filter(university=university)
        .prefetch_related("evaluation_forms")
        .order_by("name", "pk")
    )
    evaluation_forms = EvaluationForm.objects.filter(university=university).order_by("name")
    return render(
        request,
        "practicum/coordinator/programme_list.html",
        {
            "university": university,
            "programmes": programmes,
            "evaluation_forms": evaluation_forms,
        },
    )


def _forms_of(university):
    return EvaluationForm.objects.filter(university=university).order_by("name")


@require_http_methods(["GET", "POST"])
def programme_new(request: HttpRequest, university_id: int) -> HttpResponse:
    university = common.university_managed(user=request.user, university_id=university_id)
    return _programme_form(request, university, None)


@require_http_methods(["GET", "POST"])
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = common.programme_managed(user=request.user, programme_id=pk)
    return _programme_form(request, programme.university, programme)


def _programme_form(request: HttpRequest, university, programme) -> HttpResponse:
    form = forms.ProgrammeForm(
        request.POST or None, instance=programme, forms_queryset=_forms_of(university)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = list(data["evaluation_forms"])
        try:
            if programme is None:
                services.programme_create(
                    university=university, data=data, evaluation_forms=chosen, by=request.user
                )
            else:
                services.programme_update(
                    programme=programme, data=data, evaluation_forms=chosen, by=request.user
                )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("专业已保存。"))
            return redirect("practicum:coord_programmes", university.pk)
    return render(
        request,
        "practicum/coordinator/programme_form.html",
        {"university": university, "form": form, "programme": programme},
    )


@require_http_methods(["GET", "POST"])
def evaluation_form_new(request: HttpRequest, university_id: int) -> HttpResponse:
    university = common.university_managed(user=request.user, university_id=university_id)
    return _evaluation_form(request, university, None)


@require_http_methods(["GET", "POST"])
def evaluation_form_edit(request: HttpRequest, pk: int) -> HttpResponse:
    rubric = common.evaluation_form_managed(user=request.user, form_id=pk)
    return _evaluation_form(request, rubric.university, rubric)


def _evaluation_form(request: HttpRequest, university, rubric) -> HttpResponse:
    initial = (
        {"name": rubric.name, "criteria": forms.criteria_text(rubric.criteria)} if rubric else None
    )
    form = forms.EvaluationFormForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if rubric is None:
                services.evaluation_form_create(
                    university=university,
                    name=data["name"],
                    criteria=data["criteria"],
                    by=request.user,
                )
            else:
                services.evaluation_form_update(
                    form=rubric, name=data["name"], criteria=data["criteria"], by=request.user
                )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("评价表已保存。"))
            return redirect("practicum:coord_programmes", university.pk)
    return render(
        request,
        "practicum/coordinator/evaluation_form_form.html",
        {"university": university, "form": form, "rubric": rubric},
    )
