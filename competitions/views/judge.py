"""The judge's pages (R14): the queue by entry code on a phone, an entry as a judge sees it with
the scoring form, a declared conflict, and the entry's files named by code and stripped of their
metadata. In blind mode nothing here names an author, their station or region, or an original
file name."""

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from competitions import permissions, rules, selectors
from competitions.file_metadata import MetadataNotRemovable
from competitions.forms.judge import ConflictForm, ScoresForm
from competitions.models import Competition
from competitions.services import blind_copies, review
from core.files import private_file_response

logger = logging.getLogger(__name__)


def _scoring_open(competition: Competition, now) -> bool:
    return rules.within(
        now=now, starts_at=competition.submissions_close_at, ends_at=competition.review_closes_at
    )


def queue(request: HttpRequest) -> HttpResponse:
    """The entries assigned to the judge, by code, with how far their scoring has got."""
    judge = permissions.judge_for_user(user=request.user)
    now = timezone.now()
    rows = [
        {"assignment": a, "open": _scoring_open(a.entry.competition, now)}
        for a in selectors.queue_of(judge=judge)
    ]
    return render(request, "competitions/judge_queue.html", {"rows": rows})


def entry(request: HttpRequest, pk: int) -> HttpResponse:
    """One assigned entry and the scoring form: save as you go, then submit (R14)."""
    assignment = permissions.assignment_for_judge(user=request.user, assignment_id=pk)
    competition = assignment.entry.competition
    form = ScoresForm(
        request.POST or None,
        criteria=competition.criteria.order_by("position", "pk"),
        scores=selectors.scores_of(assignment=assignment),
    )
    if request.method == "POST" and form.is_valid():
        try:
            if form.values():
                review.scores_save(assignment=assignment, by=request.user, values=form.values())
            if "submit" in request.POST:
                review.assignment_submit(assignment=assignment, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if "submit" in request.POST:
                messages.success(request, _("评分已提交。"))
                return redirect("competitions:judge_queue")
            messages.success(request, _("评分已保存，可继续修改，全部评完后请提交。"))
            return redirect("competitions:judge_entry", assignment.pk)
    now = timezone.now()
    return render(
        request,
        "competitions/judge_entry.html",
        {
            "assignment": assignment,
            "competition": competition,
            "view": selectors.judge_view(entry=assignment.entry),
            "form": form,
            "editable": _scoring_open(competition, now) and assignment.submitted_at is None,
            "scores_seen": selectors.scores_seen_by_judge(assignment=assignment, now=now),
            "conflict_form": ConflictForm(),
        },
    )


@require_POST
def conflict(request: HttpRequest, pk: int) -> HttpResponse:
    """The judge declares a conflict: the entry leaves their queue and is never theirs again."""
    assignment = permissions.assignment_for_judge(user=request.user, assignment_id=pk)
    form = ConflictForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请说明回避原因。"))
        return redirect("competitions:judge_entry", assignment.pk)
    try:
        review.conflict_declare(
            assignment=assignment, by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("competitions:judge_entry", assignment.pk)
    messages.success(request, _("已申报回避，该作品已从您的评审列表中移除。"))
    return redirect("competitions:judge_queue")


def entry_file(request: HttpRequest, pk: int) -> HttpResponse:
    """An assigned entry's file, named by the entry's code and without the metadata that names
    its author (R14: blind review). A file whose metadata cannot be removed is not sent: the
    judge is told to ask the organiser, and the refusal is logged."""
    download = permissions.entry_file_for_judge(user=request.user, file_id=pk)
    try:
        blind = blind_copies.blind_copy_ensure(attachment=download.attachment)
    except MetadataNotRemovable as error:
        logger.warning("Entry file %s not sent to a judge: %s", download.attachment.pk, error)
        messages.error(request, _("该文件无法去除作者信息，请联系主办方。"))
        return redirect("competitions:judge_entry", download.assignment.pk)
    return private_file_response(blind, filename=download.name)
