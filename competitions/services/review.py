"""The review round: judges assigned by hand or balanced, never in conflict; declared
conflicts; scores per criterion; the organiser's logged reveal of a blind entry (R14)."""

import datetime as dt
from collections import Counter
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from competitions import allocation, conflicts, rules, selectors
from competitions.models import Assignment, Competition, ConflictDeclaration, Entry, Score
from competitions.services.entries import competition_entries_freeze
from directory.models import Person


def _refuse_outside_review(competition: Competition, now: dt.datetime) -> None:
    if now < competition.submissions_close_at:
        raise ValidationError(_("报送截止后才能评审。"))
    if now >= competition.review_closes_at:
        raise ValidationError(_("评审已截止。"))


def _conflict_message(reasons: list[str]) -> str:
    return _("该评委与作品存在利益冲突（%(reasons)s），不能评审。") % {
        "reasons": "、".join(str(conflicts.REASONS[reason]) for reason in reasons)
    }


@transaction.atomic
def assignment_create(
    *, entry: Entry, judge: Person, by, now: dt.datetime | None = None
) -> Assignment:
    """Assign one judge to one submitted entry between the deadline and the end of the review;
    never a judge in conflict with it (R14), nor beyond the judge's load in the competition."""
    now = now or timezone.now()
    competition = entry.competition
    _refuse_outside_review(competition, now)
    competition_entries_freeze(competition=competition, now=now)
    if entry.submitted_at is None:
        raise ValidationError(_("该作品未在截止前提交，不参加评审。"))
    if not selectors.judges_available(competition=competition).filter(pk=judge.pk).exists():
        raise ValidationError(_("该人员不是本次竞赛可选的评审专家。"))
    reasons = selectors.conflict_reasons_for(entry=entry, judge=judge)
    if reasons:
        raise ValidationError(_conflict_message(reasons))
    load = selectors.assignments_of_competition(competition=competition).filter(judge=judge)
    if load.count() >= competition.entries_per_judge:
        raise ValidationError(
            _("该评委已分配 %(count)s 件作品，达到上限。")
            % {"count": competition.entries_per_judge}
        )
    if Assignment.objects.filter(entry=entry, judge=judge).exists():
        raise ValidationError(_("该评委已分配评审此作品。"))
    assignment = Assignment.objects.create(entry=entry, judge=judge, assigned_by=by)
    audit_record(actor=by, verb="competition_assignment.create", target=assignment)
    return assignment


@transaction.atomic
def assignments_balance(
    *, competition: Competition, judges: list[Person], by, now: dt.datetime | None = None
) -> tuple[list[Assignment], dict[str, int]]:
    """Share the submitted entries among `judges` (already scoped by the caller): each entry gets
    `judges_per_entry` judges, no judge more than `entries_per_judge` entries, nobody in
    conflict (R14). Existing assignments count. Returns the new assignments and, by entry code,
    how many judges each entry still lacks."""
    now = now or timezone.now()
    _refuse_outside_review(competition, now)
    competition_entries_freeze(competition=competition, now=now)
    available = set(
        selectors.judges_available(competition=competition)
        .filter(pk__in=[j.pk for j in judges])
        .values_list("pk", flat=True)
    )
    entries = list(selectors.entries_for_review(competition=competition))
    table = selectors.conflict_table(entries=entries, judges=sorted(available))
    eligible = {
        entry.pk: {judge for judge in available if (entry.pk, judge) not in table}
        for entry in entries
    }
    existing: dict[int, set[int]] = {entry.pk: set() for entry in entries}
    loads = Counter()
    for entry_id, judge_id in selectors.assignments_of_competition(
        competition=competition
    ).values_list("entry_id", "judge_id"):
        loads[judge_id] += 1
        if entry_id in existing:
            existing[entry_id].add(judge_id)
    plan, missing = allocation.balanced(
        eligible=eligible,
        per_entry=competition.judges_per_entry,
        per_judge=competition.entries_per_judge,
        existing=existing,
    )
    created = Assignment.objects.bulk_create(
        Assignment(entry_id=entry_id, judge_id=judge_id, assigned_by=by)
        for entry_id, chosen in plan.items()
        for judge_id in chosen
    )
    codes = {entry.pk: entry.code for entry in entries}
    audit_record(
        actor=by,
        verb="competition.assignments_balance",
        target=competition,
        after={"assigned": len(created), "missing": {codes[e]: n for e, n in missing.items()}},
    )
    return created, {codes[e]: n for e, n in missing.items()}


@transaction.atomic
def assignment_withdraw(*, assignment: Assignment, by, now: dt.datetime | None = None) -> None:
    """The organiser takes an entry back from a judge before the review closes; their scores
    for it go with it (the audit trail keeps who and when)."""
    _refuse_outside_review(assignment.entry.competition, now or timezone.now())
    audit_record(
        actor=by,
        verb="competition_assignment.withdraw",
        target=assignment,
        before={"entry": assignment.entry_id, "judge": assignment.judge_id},
    )
    assignment.delete()


@transaction.atomic
def conflict_declare(
    *, assignment: Assignment, by, reason: str, now: dt.datetime | None = None
) -> ConflictDeclaration:
    """A judge declares a conflict with an assigned entry: the declaration is kept (and honoured
    by every later assignment) and the assignment is withdrawn with any scores (R14)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("请说明回避原因。"))
    if assignment.submitted_at is not None:
        raise ValidationError(_("评分已提交，如需回避请联系主办方。"))
    _refuse_outside_review(assignment.entry.competition, now or timezone.now())
    declaration = ConflictDeclaration.objects.create(
        entry=assignment.entry, judge=assignment.judge, reason=reason
    )
    audit_record(
        actor=by, verb="competition_conflict.declare", target=declaration, after={"reason": reason}
    )
    assignment.delete()
    return declaration


def _refuse_unless_scoring(assignment: Assignment, now: dt.datetime) -> None:
    _refuse_outside_review(assignment.entry.competition, now)
    if assignment.submitted_at is not None:
        raise ValidationError(_("评分已提交，不能修改。"))
    reasons = selectors.conflict_reasons_for(entry=assignment.entry, judge=assignment.judge)
    if reasons:
        raise ValidationError(_("您与该作品存在利益冲突，不能评审。"))


SCORE_MESSAGES = {
    rules.OUT_OF_RANGE: _("“%(name)s”的分数须在 %(low)s 至 %(high)s 之间。"),
    rules.COMMENT_REQUIRED: _("“%(name)s”打出 %(value)s 分，须填写评语。"),
}


@transaction.atomic
def scores_save(
    *,
    assignment: Assignment,
    by,
    values: dict[int, tuple[object, str]],
    now: dt.datetime | None = None,
) -> list[Score]:
    """Save a judge's scores, criterion id → (score, comment), as they go: every score within
    its range and with a comment where it is extreme (R14). One bad score saves nothing."""
    now = now or timezone.now()
    _refuse_unless_scoring(assignment, now)
    criteria = {c.pk: c for c in assignment.entry.competition.criteria.all()}
    if set(values) - set(criteria):
        raise ValidationError(_("评分项不属于本次竞赛。"))
    problems, cleaned = [], {}
    for criterion_id, (raw, comment) in values.items():
        criterion = criteria[criterion_id]
        try:
            value = Decimal(str(raw)).quantize(Decimal("0.1"))
        except (InvalidOperation, ValueError):
            problems.append(_("“%(name)s”的分数须为数字。") % {"name": criterion.name})
            continue
        problem = rules.score_problem(
            value=value,
            min_score=criterion.min_score,
            max_score=criterion.max_score,
            comment=comment,
            comment_at_or_below=criterion.comment_at_or_below,
            comment_at_or_above=criterion.comment_at_or_above,
        )
        if problem:
            problems.append(
                SCORE_MESSAGES[problem]
                % {
                    "name": criterion.name,
                    "low": criterion.min_score,
                    "high": criterion.max_score,
                    "value": value,
                }
            )
        cleaned[criterion_id] = (value, (comment or "").strip())
    if problems:
        raise ValidationError(problems)
    saved = []
    for criterion_id, (value, comment) in cleaned.items():
        score, _created = Score.objects.update_or_create(
            assignment=assignment,
            criterion_id=criterion_id,
            defaults={"value": value, "comment": comment},
        )
        saved.append(score)
    audit_record(
        actor=by,
        verb="competition_scores.save",
        target=assignment,
        after={str(k): str(v) for k, (v, _c) in cleaned.items()},
    )
    return saved


@transaction.atomic
def assignment_submit(*, assignment: Assignment, by, now: dt.datetime | None = None) -> Assignment:
    """Hand in a judge's scores for an entry: every criterion must be scored (R14)."""
    now = now or timezone.now()
    _refuse_unless_scoring(assignment, now)
    criteria = assignment.entry.competition.criteria.all()
    scored = selectors.scores_of(assignment=assignment)
    missing = [c.name for c in criteria if c.pk not in scored]
    if missing:
        raise ValidationError(_("以下评分项尚未评分：%(names)s。") % {"names": "、".join(missing)})
    assignment.submitted_at = now
    assignment.save(update_fields=["submitted_at"])
    audit_record(actor=by, verb="competition_assignment.submit", target=assignment)
    return assignment


@transaction.atomic
def identity_reveal(*, entry: Entry, by, reason: str) -> dict:
    """The organiser's override of blind mode for one entry: who wrote it and where they work,
    recorded in the audit trail with the reason (R14)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("查看作者信息须说明原因。"))
    audit_record(actor=by, verb="competition_entry.reveal", target=entry, after={"reason": reason})
    return selectors.entry_identity(entry=entry)
