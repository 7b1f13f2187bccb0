"""Knowledge and skills rounds (R14): start the one attempt, answer with every answer saved as
the person goes (with or without the page's script), hand in, the result, the leaderboard once
the round has closed, and the organiser's item analysis."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from competitions import permissions, privacy, rules, selectors
from competitions.forms.quiz import LETTERS, PaperForm
from competitions.models import Attempt, Competition
from competitions.services import quiz as services
from directory import selectors as directory_selectors


def _round_open(competition: Competition, now) -> bool:
    return rules.within(
        now=now, starts_at=competition.submissions_open_at, ends_at=competition.submissions_close_at
    )


def _continue(attempt: Attempt) -> HttpResponse:
    if attempt.finished_at is not None:
        return redirect("competitions:quiz_result", attempt.pk)
    return redirect("competitions:quiz_paper", attempt.pk)


def start(request: HttpRequest, pk: int) -> HttpResponse:
    """The round's rules and the button that starts the one attempt (R14)."""
    competition = permissions.published_quiz(competition_id=pk)
    person = permissions.person_for_user(user=request.user)
    attempt = selectors.attempt_of(competition=competition, person=person)
    if attempt is not None:
        return _continue(attempt)
    if request.method == "POST":
        try:
            attempt = services.attempt_start(
                competition=competition, person=person, by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return redirect("competitions:quiz_paper", attempt.pk)
    return render(
        request,
        "competitions/quiz_start.html",
        {
            "competition": competition,
            "questions": sum(line.count for line in rules.blueprint_lines(competition.blueprint)),
            "open": _round_open(competition, timezone.now()),
        },
    )


def _paper_form(request: HttpRequest, attempt: Attempt) -> PaperForm:
    return PaperForm(
        request.POST if request.method == "POST" else None,
        paper=selectors.paper_of(attempt=attempt),
    )


def paper(request: HttpRequest, pk: int) -> HttpResponse:
    """The paper, each saved answer ticked, the time left; "保存" saves every changed answer,
    "交卷" saves them and hands in. An attempt whose time is up is handed in as it stands."""
    attempt = permissions.attempt_for_person(user=request.user, attempt_id=pk)
    now = timezone.now()
    attempt = services.attempt_finish_if_due(attempt=attempt, now=now)
    if attempt.finished_at is not None:
        return _continue(attempt)
    form = _paper_form(request, attempt)
    if request.method == "POST" and form.is_valid():
        try:
            services.answers_save(attempt=attempt, by=request.user, answers=form.answers())
            if "finish" in request.POST:
                services.attempt_finish(attempt=attempt, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _continue(attempt)
        if "finish" in request.POST:
            messages.success(request, _("已交卷。"))
            return _continue(attempt)
        messages.success(request, _("答案已保存。"))
        return redirect("competitions:quiz_paper", attempt.pk)
    answered = sum(1 for answer in form.paper if answer.chosen)
    return render(
        request,
        "competitions/quiz_paper.html",
        {
            "attempt": attempt,
            "competition": attempt.competition,
            "form": form,
            "answered": answered,
            "seconds_left": max(int((attempt.due_at - now).total_seconds()), 0),
        },
    )


@require_POST
def save(request: HttpRequest, pk: int) -> JsonResponse:
    """The page's script posts the paper after every click: changed answers are saved at once,
    so a lost connection loses nothing already saved."""
    attempt = permissions.attempt_for_person(user=request.user, attempt_id=pk)
    form = _paper_form(request, attempt)
    if not form.is_valid():
        return JsonResponse({"error": _("所选答案不是该题的选项。")}, status=400)
    try:
        changed = services.answers_save(attempt=attempt, by=request.user, answers=form.answers())
    except ValidationError as error:
        return JsonResponse(
            {"error": " ".join(error.messages), "finished": attempt.finished_at is not None},
            status=409,
        )
    return JsonResponse({"saved": changed, "message": _("已自动保存")})


def result(request: HttpRequest, pk: int) -> HttpResponse:
    """The score of a handed-in attempt; each question's right answer once the round closes."""
    attempt = permissions.attempt_for_person(user=request.user, attempt_id=pk)
    now = timezone.now()
    attempt = services.attempt_finish_if_due(attempt=attempt, now=now)
    if attempt.finished_at is None:
        return _continue(attempt)
    closed = now >= attempt.competition.submissions_close_at
    paper = list(selectors.paper_of(attempt=attempt))
    return render(
        request,
        "competitions/quiz_result.html",
        {
            "attempt": attempt,
            "competition": attempt.competition,
            "total": len(paper),
            "paper": [
                {
                    "answer": answer,
                    "key": [
                        f"{LETTERS[k]}. {answer.question.options[k]}" for k in answer.question.key
                    ],
                }
                for answer in paper
            ]
            if closed
            else [],
            "closed": closed,
        },
    )


def leaderboard(request: HttpRequest, pk: int) -> HttpResponse:
    """The ranking of a round once it has closed (R14); others are named by surname only."""
    competition = permissions.published_quiz(competition_id=pk)
    person = directory_selectors.person_of_user(user=request.user)
    now = timezone.now()
    rows = [
        {
            **row,
            "mine": row["person"] == person,
            "name": row["person"].name
            if row["person"] == person
            else privacy.name_masked(row["person"].name),
        }
        for row in selectors.leaderboard(competition=competition, now=now)
    ]
    return render(
        request,
        "competitions/quiz_leaderboard.html",
        {
            "competition": competition,
            "rows": rows,
            "closed": now >= competition.submissions_close_at,
        },
    )


def items(request: HttpRequest, pk: int) -> HttpResponse:
    """The organiser's item analysis: the share of right answers per question, hardest first."""
    competition = permissions.competition_for_organiser(user=request.user, competition_id=pk)
    return render(
        request,
        "competitions/quiz_items.html",
        {"competition": competition, "rows": selectors.item_analysis(competition=competition)},
    )
