"""Organisers' pages: their competitions; a draft's set-up and rubric; publishing with the
checks' messages; amendments after publishing; judges assigned by hand or balanced; review
progress; the ranking with its method; the notice; answers to objections; final results; the
logged reveal of a blind entry's authors (R14)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from competitions import permissions, rules, selectors
from competitions.forms import organiser as forms
from competitions.models import Competition
from competitions.services import contests, results, review
from competitions.views.common import PHASE_LABELS, paginate, show_errors, show_form_errors
from directory.models import Region

OFFICE_LEVELS = (Region.Level.PROVINCE, Region.Level.CITY, Region.Level.COUNTY)
ELIGIBLE_LEVELS = (*OFFICE_LEVELS, Region.Level.TOWNSHIP)


def _phase(competition: Competition) -> rules.Phase:
    return selectors.phase_of(competition=competition, now=timezone.now())


def _regions(request: HttpRequest):
    return selectors.regions_managed_by(user=request.user, levels=ELIGIBLE_LEVELS)


def competition_list(request: HttpRequest) -> HttpResponse:
    permissions.organiser_required(user=request.user)
    now = timezone.now()
    page = paginate(request, selectors.competitions_for_organiser(user=request.user))
    rows = [
        (competition, PHASE_LABELS[selectors.phase_of(competition=competition, now=now)])
        for competition in page
    ]
    return render(request, "competitions/organiser_list.html", {"page": page, "rows": rows})


@require_http_methods(["GET", "POST"])
def competition_new(request: HttpRequest) -> HttpResponse:
    permissions.organiser_required(user=request.user)
    form = forms.CompetitionForm(
        request.POST or None,
        offices=list(selectors.regions_managed_by(user=request.user, levels=OFFICE_LEVELS)),
        stations=list(selectors.stations_run_by(user=request.user)),
        regions=_regions(request),
    )
    if request.method == "POST" and form.is_valid():
        try:
            competition = contests.competition_create(
                by=request.user,
                organiser=form.cleaned_data["organiser"],
                eligible_regions=list(form.cleaned_data["eligible_regions"]),
                **form.changes,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("竞赛草稿已创建，请设置评分项后发布。"))
            return redirect("competitions:organiser_detail", competition.pk)
    return render(request, "competitions/organiser_form.html", {"form": form, "competition": None})


def competition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    competition = permissions.competition_for_organiser(user=request.user, competition_id=pk)
    phase = _phase(competition)
    try:
        award_levels = rules.award_levels(competition.award_levels)
    except ValueError:
        award_levels = []
    return render(
        request,
        "competitions/organiser_detail.html",
        {
            "competition": competition,
            "phase": phase,
            "phase_label": PHASE_LABELS[phase],
            "award_levels": award_levels,
            "criteria": competition.criteria.all(),
            "entries_submitted": selectors.entries_for_review(competition=competition).count(),
            "is_quiz": competition.kind == Competition.Kind.QUIZ,
        },
    )


@require_http_methods(["GET", "POST"])
def competition_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft's whole set-up; once published, the rules text and the dates (audited)."""
    competition = permissions.competition_for_organiser(user=request.user, competition_id=pk)
    draft = competition.published_at is None
    data = request.POST if request.method == "POST" else None
    if draft:
        initial = forms.CompetitionForm.initial_for(competition)
        form = forms.CompetitionForm(data, initial=initial, regions=_regions(request))
    else:
        form = forms.AmendForm(data, initial=forms.AmendForm.initial_for(competition))
    if data is not None and form.is_valid():
        changes = form.changes if draft else dict(form.cleaned_data)
        regions = list(form.cleaned_data["eligible_regions"]) if draft else None
        try:
            contests.competition_update(
                competition=competition, by=request.user, changes=changes, eligible_regions=regions
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已保存。") if draft else _("已保存，修改已记入操作日志。"))
            return redirect("competitions:organiser_detail", competition.pk)
    return render(
        request,
        "competitions/organiser_form.html",
        {"form": form, "competition": competition, "draft": draft},
    )


@require_http_methods(["GET", "POST"])
def rubric_edit(request: HttpRequest, pk: int) -> HttpResponse:
    competition = permissions.competition_for_organiser(user=request.user, competition_id=pk)
    criteria = list(competition.criteria.all())
    initial = [
        {field: getattr(criterion, field) for field in forms.CriterionForm.base_fields}
        for criterion in criteria
    ]
    formset = forms.CriterionFormSet(
        request.POST if request.method == "POST" else None, initial=initial, prefix="criteria"
    )
    problems = []
    if request.method == "POST" and formset.is_valid():
        try:
            contests.rubric_set(
                competition=competition, by=request.user, criteria=forms.rubric_rows(formset)
            )
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, _("评分项已保存。"))
            return redirect("competitions:organiser_detail", competition.pk)
    return render(
        request,
        "competitions/organiser_rubric.html",
        {
            "competition": competition,
            "formset": formset,
            "problems": problems,
            "criteria": criteria,
            "editable": competition.published_at is None,
        },
    )


@require_POST
def competition_publish(request: HttpRequest, pk: int) -> HttpResponse:
    competition = permissions.competition_for_organiser(user=request.user, competition_id=pk)
    try:
        contests.competition_publish(competition=competition, by=request.user)
    except ValidationError as error:
        messages.error(request, _("尚不能发布："))
        show_errors(request, error)
    else:
        messages.success(request, _("竞赛已发布，征集公告已在竞赛评选页面公开。"))
    return redirect("competitions:organiser_detail", competition.pk)


def _judges_page(request: HttpRequest, competition: Competition, **forms_given) -> HttpResponse:
    entries = selectors.entries_for_review(competition=competition)
    judges = selectors.judges_available(competition=competition).order_by("name", "pk")
    return render(
        request,
        "competitions/organiser_judges.html",
        {
            "competition": competition,
            "phase_label": PHASE_LABELS[_phase(competition)],
            "progress": selectors.review_progress(competition=competition),
            "entries": entries,
            "assign_form": forms_given.get("assign_form")
            or forms.AssignForm(entries=entries, judges=judges),
            "balance_form": forms_given.get("balance_form") or forms.BalanceForm(judges=judges),
        },
    )


def judges(request: HttpRequest, pk: int) -> HttpResponse:
    """Assignments and the review's progress: who has scored what."""
    competition = permissions.competition_for_organiser(user=request.user, competition_id=pk)
    return _judges_page(request, competition)


@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    competition = permissions.competition_for_organiser(user=request.user, competition_id=pk)
    form = forms.AssignForm(
        request.POST,
        entries=selectors.entries_for_review(competition=competition),
        judges=selectors.judges_available(competition=competition),
    )
    if form.is_valid():
        try:
            review.assignment_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("已分配。"))
    else:
        show_form_errors(request, form)
    return redirect("competitions:organiser_judges", competition.pk)


@require_POST
def balance(request: HttpRequest, pk: int) -> HttpResponse:
    competition = permissions.competition_for_organiser(user=request.user, competition_id=pk)
    form = forms.BalanceForm(
        request.POST, judges=selectors.judges_available(competition=competition)
    )
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect("competitions:organiser_judges", competition.pk)
    try:
        created, missing = review.assignments_balance(
            competition=competition, judges=list(form.cleaned_data["judges"]), by=request.user
        )
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("已自动分配 %(n)s 项评审。") % {"n": len(created)})
        for code, count in sorted(missing.items()):
            messages.warning(
                request,
                _("作品 %(code)s 还差 %(count)s 位评委（可选评委不足或存在利益冲突）。")
                % {"code": code, "count": count},
            )
    return redirect("competitions:organiser_judges", competition.pk)


@require_POST
def assignment_withdraw(request: HttpRequest, pk: int, assignment_id: int) -> HttpResponse:
    competition = permissions.competition_for_organiser(user=request.user, competition_id=pk)
    assignment = get_object_or_404(
        selectors.assignments_of_competition(competition=competition).select_related("entry"),
        pk=assignment_id,
    )
    try:
        review.assignment_withdraw(assignment=assignment, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("已撤回该评审分配。"))
    return redirect("competitions:organiser_judges", competition.pk)


def ranking(request: HttpRequest, pk: int, notice_form=None) -> HttpResponse:
    """The ranking recomputed from the raw scores, with the method and tie rule stated; the
    notice (公示) is published from here once the review has closed."""
    competition = permissions.competition_for_organiser(user=request.user, competition_id=pk)
    phase = _phase(competition)
    return render(
        request,
        "competitions/organiser_ranking.html",
        {
            "competition": competition,
            "phase": phase,
            "phase_label": PHASE_LABELS[phase],
            "ranking": selectors.ranking(competition=competition),
            "results": selectors.results_of(competition=competition),
            "may_publish_notice": phase == rules.Phase.REVIEW_CLOSED
            and competition.kind != Competition.Kind.QUIZ,
            "notice_form": notice_form or forms.NoticeForm(),
        },
        status=400 if notice_form is not None else 200,
    )


@require_POST
def notice_publish(request: HttpRequest, pk: int) -> HttpResponse:
    competition = permissions.competition_for_organiser(user=request.user, competition_id=pk)
    form = forms.NoticeForm(request.POST)
    if form.is_valid():
        try:
            results.notice_publish(
                competition=competition,
                by=request.user,
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("评选结果已进入公示。"))
            return redirect("competitions:organiser_ranking", competition.pk)
    return ranking(request, competition.pk, notice_form=form)


def objections(request: HttpRequest, pk: int) -> HttpResponse:
    competition = permissions.competition_for_organiser(user=request.user, competition_id=pk)
    phase = _phase(competition)
    return render(
        request,
        "competitions/organiser_objections.html",
        {
            "competition": competition,
            "phase": phase,
            "phase_label": PHASE_LABELS[phase],
            "objections": selectors.objections_of(competition=competition),
            "answer_form": forms.AnswerForm(),
            "may_finalise": phase == rules.Phase.NOTICE_CLOSED,
        },
    )


@require_POST
def objection_answer(request: HttpRequest, pk: int) -> HttpResponse:
    objection = permissions.objection_for_organiser(user=request.user, objection_id=pk)
    form = forms.AnswerForm(request.POST)
    if form.is_valid():
        try:
            results.objection_answer(
                objection=objection, by=request.user, answer=form.cleaned_data["answer"]
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("已答复。"))
    else:
        show_form_errors(request, form)
    return redirect("competitions:organiser_objections", objection.competition_id)


@require_POST
def finalise(request: HttpRequest, pk: int) -> HttpResponse:
    competition = permissions.competition_for_organiser(user=request.user, competition_id=pk)
    try:
        awarded = results.results_finalise(competition=competition, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
        return redirect("competitions:organiser_objections", competition.pk)
    messages.success(
        request,
        _("结果已确定并公布，已为 %(n)s 件获奖作品的作者出具获奖证明。") % {"n": len(awarded)},
    )
    return redirect("competitions:organiser_detail", competition.pk)


@require_http_methods(["GET", "POST"])
def reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """Who wrote an entry. In blind mode only with a reason, recorded in the audit trail."""
    entry = permissions.entry_for_organiser(user=request.user, entry_id=pk)
    blind = entry.competition.blind
    form = forms.RevealForm(request.POST or None)
    identity = None
    if not blind:
        identity = selectors.entry_identity(entry=entry)
    elif request.method == "POST" and form.is_valid():
        try:
            identity = review.identity_reveal(
                entry=entry, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request,
        "competitions/organiser_reveal.html",
        {"entry": entry, "competition": entry.competition, "form": form, "identity": identity},
    )
