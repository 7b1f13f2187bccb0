"""Placement records in progress (R15): hours, evaluations, grade and certificate; the rubric
page of one party at one stage; the tutor's grade."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from practicum import completion_rules, permissions
from practicum.forms.completion import GradeForm, RubricForm
from practicum.models import Application, Evaluation
from practicum.selectors import completion as selectors
from practicum.selectors.hours import progress_by_application, progress_of
from practicum.services import completion, evaluations
from practicum.views.completion.common import paginate


def index(request: HttpRequest) -> HttpResponse:
    """Accepted placements the user works on or holds, with hours and evaluations so far."""
    page = paginate(request, selectors.placements_in_progress_for(user=request.user))
    progress = progress_by_application(list(page))
    rows = [
        {
            "application": application,
            "progress": progress[application.pk],
            "evaluations": len(application.evaluations.all()),
        }
        for application in page
    ]
    return render(request, "practicum/completion/index.html", {"page": page, "rows": rows})


def _grid(application: Application, user) -> list[dict]:
    submitted = {(e.stage, e.party): e for e in application.evaluations.all()}
    return [
        {
            "stage": stage,
            "party": party,
            "evaluation": submitted.get((stage, party)),
            "mine": evaluations.party_allowed(user=user, application=application, party=party),
        }
        for stage in Evaluation.Stage
        for party in Evaluation.Party
    ]


def record(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_record(user=request.user, application_id=pk)
    is_tutor = permissions.is_tutor(request.user, application)
    return render(
        request,
        "practicum/completion/record.html",
        {
            "application": application,
            "progress": progress_of(application),
            "grid": _grid(application, request.user),
            "missing": completion.missing_for(application),
            "certificate": completion.certificate_of(application),
            "grade_form": GradeForm() if is_tutor and not application.final_grade else None,
            "accepted": application.state == Application.State.ACCEPTED,
            "grade_label": completion_rules.grade_label(application.final_grade),
        },
    )


def evaluate(request: HttpRequest, pk: int, stage: str, party: str) -> HttpResponse:
    """One party's evaluation at one stage: the rubric of one of the programme's forms."""
    application = selectors.application_record(user=request.user, application_id=pk)
    if stage not in Evaluation.Stage.values or party not in Evaluation.Party.values:
        raise Http404
    permissions.require(
        evaluations.party_allowed(user=request.user, application=application, party=party),
        _("您不是这项评价的评价人。"),
    )
    forms_in_use = application.student.programme.evaluation_forms.all()
    chosen = request.POST.get("form") or request.GET.get("form")
    if chosen and not chosen.isdecimal():  # a form is chosen by its id: anything else is unknown
        raise Http404
    evaluation_form = get_object_or_404(forms_in_use, pk=chosen) if chosen else forms_in_use.first()
    rubric = RubricForm(
        request.POST or None, criteria=evaluation_form.criteria if evaluation_form else []
    )
    if request.method == "POST" and evaluation_form is not None and rubric.is_valid():
        try:
            evaluations.evaluation_submit(
                application=application,
                stage=stage,
                party=party,
                form=evaluation_form,
                scores=rubric.scores(),
                overall_comment=rubric.cleaned_data["overall_comment"],
                by=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                rubric.add_error(None, message)
        else:
            messages.success(request, _("评价已提交。"))
            return redirect("practicum:completion_record", application.pk)
    return render(
        request,
        "practicum/completion/evaluate.html",
        {
            "application": application,
            "stage_label": Evaluation.Stage(stage).label,
            "party_label": Evaluation.Party(party).label,
            "forms_in_use": forms_in_use,
            "evaluation_form": evaluation_form,
            "rubric": rubric,
            "done": application.evaluations.filter(stage=stage, party=party).first(),
        },
    )


@require_POST
def grade(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_record(user=request.user, application_id=pk)
    permissions.require(permissions.is_tutor(request.user, application))
    form = GradeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择有效的成绩等级。"))
        return redirect("practicum:completion_record", application.pk)
    try:
        certificate = evaluations.grade_enter(
            application=application, grade=form.cleaned_data["grade"], by=request.user
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("最终成绩已评定。"))
        if certificate is not None:
            messages.success(request, _("实习已完成，实习证明已出具。"))
    return redirect("practicum:completion_record", application.pk)
