"""Public pages: the competition index and a competition's rules, dates, phase, award levels
and results; during the notice (公示) the signed-in may object (R14). No personal data: results
name entries by code and title only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import scope
from accounts.roles import Action
from competitions import permissions, rules, selectors
from competitions.forms.public import ObjectionForm
from competitions.models import Competition
from competitions.services import results
from competitions.views.common import PHASE_LABELS, paginate, show_errors, show_form_errors
from directory.selectors import person_of_user


@login_not_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    page = paginate(request, selectors.published_competitions())
    rows = [
        (competition, PHASE_LABELS[selectors.phase_of(competition=competition, now=now)])
        for competition in page
    ]
    return render(
        request,
        "competitions/public_index.html",
        {
            "page": page,
            "rows": rows,
            "has_person": person_of_user(user=request.user) is not None,
            "may_manage": scope.may_anywhere(request.user, Action.MANAGE_COMPETITIONS),
        },
    )


@login_not_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    competition = permissions.published_competition(competition_id=pk)
    phase = selectors.phase_of(competition=competition, now=timezone.now())
    try:
        award_levels = rules.award_levels(competition.award_levels)
    except ValueError:
        award_levels = []
    shown = rules.results_public(phase=phase)
    signed_in = request.user.is_authenticated
    objecting = signed_in and phase == rules.Phase.NOTICE
    return render(
        request,
        "competitions/public_detail.html",
        {
            "competition": competition,
            "phase": phase,
            "phase_label": PHASE_LABELS[phase],
            "award_levels": award_levels,
            "criteria": competition.criteria.all(),
            "results": selectors.results_of(competition=competition) if shown else None,
            "objection_form": ObjectionForm(
                entries=selectors.entries_on_notice(competition=competition)
            )
            if objecting
            else None,
            "my_objections": selectors.objections_raised_by(
                competition=competition, user=request.user
            )
            if signed_in
            else [],
            "may_enter": phase == rules.Phase.SUBMISSION
            and competition.kind != Competition.Kind.QUIZ
            and person_of_user(user=request.user) is not None,
        },
    )


@require_POST
def objection_raise(request: HttpRequest, pk: int) -> HttpResponse:
    competition = permissions.published_competition(competition_id=pk)
    form = ObjectionForm(request.POST, entries=selectors.entries_on_notice(competition=competition))
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect("competitions:detail", competition.pk)
    try:
        results.objection_raise(
            competition=competition,
            by=request.user,
            reason=form.cleaned_data["reason"],
            entry=form.cleaned_data["entry"],
        )
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("异议已提交，主办方将予以答复。"))
    return redirect("competitions:detail", competition.pk)
