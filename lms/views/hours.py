"""Training hours: own and others' hours, ledger corrections, external training, approvals."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scope
from accounts.roles import Action
from core import periods
from core.files import private_file_response
from core.query_params import query_text
from directory.models import Person
from directory.permissions import own_person
from lms import forms, permissions, selectors
from lms.models import ExternalTraining, Kind, Level
from lms.services import enrolment, external, ledger
from lms.views.common import paginate, show_errors


def my_hours(request: HttpRequest) -> HttpResponse:
    person = own_person(user=request.user)
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
            "page": paginate(request, selectors.ledger_for_person(person=person)),
            "claims": person.external_trainings.order_by("-submitted_at")[:20],
            "own": person.user_id == request.user.pk,
            "may_adjust": may_adjust,
            "adjust_form": forms.AdjustForm(
                levels=permissions.levels_adjuster_may_credit(user=request.user, person=person)
            )
            if may_adjust
            else None,
        },
    )


def external_new(request: HttpRequest) -> HttpResponse:
    person = own_person(user=request.user)
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


def external_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    claim = permissions.external_evidence_for_user(user=request.user, claim_id=pk)
    return private_file_response(claim.evidence, filename=claim.original_name)


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
            show_errors(request, error)
        else:
            messages.success(request, _("已冲销。"))
    else:
        messages.error(request, _("请填写冲销原因。"))
    return redirect("lms:person_hours", entry.person_id)


@require_POST
def person_adjust(request: HttpRequest, pk: int) -> HttpResponse:
    person = permissions.person_for_adjuster(user=request.user, person_id=pk)
    form = forms.AdjustForm(
        request.POST,
        levels=permissions.levels_adjuster_may_credit(user=request.user, person=person),
    )
    if form.is_valid():
        try:
            ledger.hour_entry_adjust(person=person, entered_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("已补录学时。"))
    else:
        for field_errors in form.errors.values():
            for message in field_errors:
                messages.error(request, message)
    return redirect("lms:person_hours", person.pk)


def approvals(request: HttpRequest) -> HttpResponse:
    permissions.require_anywhere(user=request.user, action=Action.APPROVE_TRAINING)
    claims = paginate(request, selectors.pending_external_for_user(user=request.user))
    levels = permissions.levels_by_claim(user=request.user, claims=claims.object_list)
    return render(
        request,
        "lms/approvals.html",
        {
            "page": paginate(request, selectors.pending_enrolments_for_user(user=request.user)),
            "claims": claims,
            "claim_forms": [
                (claim, _external_decision_form(claim, levels[claim.pk]))
                for claim in claims.object_list
            ],
        },
    )


def _external_decision_form(
    claim: ExternalTraining, levels: set[str], data=None
) -> forms.ExternalDecisionForm:
    """The worker's claimed level is preselected when the approver may credit it (R12)."""
    initial = {"providing_level": claim.providing_level} if claim.providing_level in levels else {}
    return forms.ExternalDecisionForm(data, levels=levels, initial=initial, auto_id=False)


@require_POST
def enrolment_decide(request: HttpRequest, pk: int) -> HttpResponse:
    row = permissions.enrolment_for_approver(user=request.user, enrolment_id=pk)
    form = forms.DecisionForm(request.POST)
    if form.is_valid():
        try:
            enrolment.enrolment_decide(enrolment=row, decided_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("已处理报名。"))
    else:
        show_errors(request, ValidationError(form.non_field_errors()))
    return redirect("lms:approvals")


@require_POST
def external_decide(request: HttpRequest, pk: int) -> HttpResponse:
    claim = permissions.external_for_approver(user=request.user, claim_id=pk)
    levels = permissions.levels_approver_may_credit(user=request.user, claim=claim)
    form = _external_decision_form(claim, levels, request.POST)
    if form.is_valid():
        try:
            external.external_training_decide(
                claim=claim, decided_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("已处理外部培训申请。"))
    else:
        show_errors(request, ValidationError([e for es in form.errors.values() for e in es]))
    return redirect("lms:approvals")


def people_hours(request: HttpRequest) -> HttpResponse:
    """Station heads and administrators: the people in scope with a year's minutes by level."""
    permissions.require_anywhere(user=request.user, action=Action.VIEW_TRAINING)
    today = timezone.localdate()
    year = periods.year_param(request, today=today, default=today.year)
    query = query_text(request)
    people = scope.people_visible_to(request.user, Action.VIEW_TRAINING).order_by("name", "pk")
    if query:
        people = people.filter(name__icontains=query)
    page = paginate(request, people)
    totals = selectors.people_year_minutes(people=[p.pk for p in page.object_list], year=year)
    rows = []
    for person in page.object_list:
        by_level = dict.fromkeys(Level.values, 0)
        for (_kind, level), minutes in totals.get(person.pk, {}).items():
            by_level[level] += minutes
        rows.append({"person": person, "levels": by_level, "total": sum(by_level.values())})
    return render(
        request,
        "lms/people_hours.html",
        {"page": page, "rows": rows, "year": year, "q": query, "levels": Level.choices},
    )
