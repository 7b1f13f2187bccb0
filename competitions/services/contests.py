"""The organiser's competition: create and edit a draft, its rubric, publish, later changes to
its rules text and dates (each audited with before and after) (R14)."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scope
from accounts.roles import Action
from audit.services import audit_record
from competitions import quiz, rules, selectors
from competitions.models import Competition, Criterion
from directory.models import Position, Region, ServicePoint

DATE_FIELDS = ("submissions_open_at", "submissions_close_at", "review_closes_at")
# What a draft's organiser sets; once published only the rules text and the dates change.
DRAFT_FIELDS = (
    "title",
    "kind",
    "rules",
    "eligible_roles",
    "award_levels",
    "entries_per_author",
    "method",
    "tie_rule",
    "judges_per_entry",
    "entries_per_judge",
    "blind",
    "quiz_minutes",
    "blueprint",
    *DATE_FIELDS,
)
PUBLISHED_FIELDS = ("rules", *DATE_FIELDS)

PUBLISH_MESSAGES = {
    rules.NO_CRITERIA: _("请设置评分项，且每项权重须大于 0。"),
    rules.NO_AWARDS: _("请设置奖项及名额。"),
    rules.BAD_AWARDS: _("奖项设置有误：每个奖项须有名称和至少 1 个名额。"),
    rules.BAD_BLUEPRINT: _("请设置组卷规则：每行须有主题、难度和题数。"),
    rules.NO_QUIZ_MINUTES: _("请设置答题时限。"),
    rules.PHASES_OUT_OF_ORDER: _("各阶段日期须依次排列：开始报送、报送截止、评审截止、公示。"),
}


def _as_plain(value):
    """A value as the audit trail keeps it; times in Asia/Shanghai, so that a time read back
    from the database (UTC) equals the same time typed into a form."""
    return timezone.localtime(value).isoformat() if isinstance(value, dt.datetime) else value


def _check_eligibility(
    organiser_path: str, eligible_regions: list[Region], eligible_roles: list[str]
) -> None:
    if any(not region.path.startswith(organiser_path) for region in eligible_regions):
        raise ValidationError(_("参赛区域须在主办方辖区内。"))
    if set(eligible_roles) - set(Position.Role.values):
        raise ValidationError(_("参赛岗位有误。"))


def _validated(competition: Competition) -> None:
    competition.full_clean(exclude=["created_by", "organiser_region", "organiser_service_point"])


@transaction.atomic
def competition_create(
    *,
    by,
    organiser: Region | ServicePoint,
    eligible_regions: list[Region] | None = None,
    **fields,
) -> Competition:
    """A draft competition run by `organiser`, a region office or a station the user may run
    competitions for (else PermissionDenied). `fields` are those of DRAFT_FIELDS."""
    if not scope.role_allows(user=by, action=Action.MANAGE_COMPETITIONS, obj=organiser):
        raise PermissionDenied
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        raise TypeError(f"not a competition field: {sorted(unknown)}")
    region = organiser if isinstance(organiser, Region) else organiser.region
    eligible_regions = list(eligible_regions or [])
    _check_eligibility(region.path, eligible_regions, fields.get("eligible_roles", []))
    competition = Competition(
        created_by=by,
        organiser_region=organiser if isinstance(organiser, Region) else None,
        organiser_service_point=organiser if isinstance(organiser, ServicePoint) else None,
        **fields,
    )
    _validated(competition)
    competition.save()
    competition.eligible_regions.set(eligible_regions)
    audit_record(actor=by, verb="competition.create", target=competition)
    return competition


@transaction.atomic
def competition_update(
    *,
    competition: Competition,
    by,
    changes: dict,
    eligible_regions: list[Region] | None = None,
    now: dt.datetime | None = None,
) -> Competition:
    """Change a competition. A draft changes freely; once published only its rules text and its
    dates change, a date only while it and its new value are still ahead, and each change is
    recorded in the audit trail with its value before and after (R14). Final results change
    nothing."""
    now = now or timezone.now()
    if competition.finalised_at is not None:
        raise ValidationError(_("结果已确定，竞赛不能再修改。"))
    published = competition.published_at is not None
    allowed = PUBLISHED_FIELDS if published else DRAFT_FIELDS
    refused = set(changes) - set(allowed)
    if refused or (published and eligible_regions is not None):
        raise ValidationError(_("竞赛已发布，只能修改评选规则和各阶段日期。"))
    if published:
        for name in DATE_FIELDS:
            if name in changes and changes[name] != getattr(competition, name):
                if getattr(competition, name) <= now or changes[name] <= now:
                    raise ValidationError(_("已过去的日期不能修改，新日期也不能早于现在。"))
    before = {name: _as_plain(getattr(competition, name)) for name in changes}
    for name, value in changes.items():
        setattr(competition, name, value)
    if eligible_regions is not None:
        path = selectors.organiser_region(competition=competition).path
        _check_eligibility(path, eligible_regions, competition.eligible_roles)
        competition.eligible_regions.set(eligible_regions)
    if published:
        dates = [getattr(competition, name) for name in DATE_FIELDS]
        if not rules.dates_in_order([*dates, competition.notice_starts_at]):
            raise ValidationError(PUBLISH_MESSAGES[rules.PHASES_OUT_OF_ORDER])
    _validated(competition)
    competition.save()
    after = {name: _as_plain(getattr(competition, name)) for name in changes}
    changed = [name for name in changes if before[name] != after[name]]
    if changed or eligible_regions is not None:
        audit_record(
            actor=by,
            verb="competition.amend" if published else "competition.update",
            target=competition,
            before={name: before[name] for name in changed},
            after={name: after[name] for name in changed},
        )
    return competition


def _decimal(value) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError) as error:
        raise ValidationError(_("评分项的分值须为数字。")) from error


@transaction.atomic
def rubric_set(*, competition: Competition, by, criteria: list[dict]) -> list[Criterion]:
    """Replace a draft's rubric: each criterion a name, a weight above 0, a score range and
    optional thresholds at or beyond which a comment is required (R14)."""
    if competition.published_at is not None:
        raise ValidationError(_("竞赛已发布，评分项不能再修改。"))
    rows = []
    for position, item in enumerate(criteria):
        name = str(item.get("name", "")).strip()
        weight = item.get("weight")
        low, high = _decimal(item.get("min_score", 0)), _decimal(item.get("max_score", 10))
        below, above = item.get("comment_at_or_below"), item.get("comment_at_or_above")
        below = None if below in (None, "") else _decimal(below)
        above = None if above in (None, "") else _decimal(above)
        if not name:
            raise ValidationError(_("每个评分项须有名称。"))
        if not isinstance(weight, int) or isinstance(weight, bool) or weight <= 0:
            raise ValidationError(_("评分项“%(name)s”的权重须为大于 0 的整数。") % {"name": name})
        if high <= low:
            raise ValidationError(_("评分项“%(name)s”的最高分须高于最低分。") % {"name": name})
        if any(t is not None and not low <= t <= high for t in (below, above)):
            raise ValidationError(
                _("评分项“%(name)s”须写评语的分数须在分值范围内。") % {"name": name}
            )
        rows.append(
            Criterion(
                competition=competition,
                name=name,
                description=str(item.get("description", "")).strip(),
                weight=weight,
                min_score=low,
                max_score=high,
                comment_at_or_below=below,
                comment_at_or_above=above,
                position=position,
            )
        )
    competition.criteria.all().delete()
    created = Criterion.objects.bulk_create(rows)
    audit_record(
        actor=by,
        verb="competition.rubric_set",
        target=competition,
        after={"criteria": [[c.name, c.weight, str(c.min_score), str(c.max_score)] for c in rows]},
    )
    return created


@transaction.atomic
def competition_publish(
    *, competition: Competition, by, now: dt.datetime | None = None
) -> Competition:
    """Publish a draft (the call opens): it needs a rubric with positive weights (scored
    contests), award levels, dates in order, and for a quiz a time limit and a blueprint the
    question bank of the organiser's region and the regions above it can fill (R14)."""
    now = now or timezone.now()
    if competition.published_at is not None:
        raise ValidationError(_("竞赛已发布。"))
    is_quiz = competition.kind == Competition.Kind.QUIZ
    problems = rules.publish_problems(
        is_quiz=is_quiz,
        weights=list(competition.criteria.values_list("weight", flat=True)),
        raw_award_levels=competition.award_levels,
        raw_blueprint=competition.blueprint,
        quiz_minutes=competition.quiz_minutes,
        dates=[getattr(competition, name) for name in DATE_FIELDS],
    )
    messages = [PUBLISH_MESSAGES[problem] for problem in problems]
    if is_quiz and rules.BAD_BLUEPRINT not in problems:
        missing = quiz.shortfalls(
            blueprint=rules.blueprint_lines(competition.blueprint),
            bank=selectors.question_bank(competition=competition),
        )
        messages += [
            _(
                "题库中“%(topic)s”难度 %(difficulty)s 的题只有 %(available)s 道，"
                "需要 %(wanted)s 道。"
            )
            % {"topic": topic, "difficulty": difficulty, "available": available, "wanted": wanted}
            for topic, difficulty, wanted, available in missing
        ]
    if competition.submissions_close_at <= now:
        messages.append(_("报送截止时间已过，不能发布。"))
    if messages:
        raise ValidationError(messages)
    competition.published_at = now
    competition.save(update_fields=["published_at"])
    audit_record(actor=by, verb="competition.publish", target=competition)
    return competition
