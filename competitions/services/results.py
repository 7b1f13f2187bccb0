"""Notice (公示), objections and final results with award certificates (R14)."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from competitions import rules, selectors
from competitions.models import Competition, Entry, Objection, Result
from credentials import services as credential_services


@transaction.atomic
def notice_publish(
    *,
    competition: Competition,
    by,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    now: dt.datetime | None = None,
) -> list[Result]:
    """Put the ranking on public notice once the review has closed: the results are stored as
    recomputed from the raw scores (`selectors.ranking`) and the notice window is set (R14)."""
    now = now or timezone.now()
    if competition.kind == Competition.Kind.QUIZ:
        raise ValidationError(_("知识和技能竞赛按答题成绩排名，无需公示评审结果。"))
    if now < competition.review_closes_at:
        raise ValidationError(_("评审截止后才能公示结果。"))
    if competition.notice_starts_at is not None or competition.finalised_at is not None:
        raise ValidationError(_("结果已公示。"))
    if not (starts_at >= competition.review_closes_at and ends_at > starts_at):
        raise ValidationError(_("公示须在评审截止后开始，且结束时间晚于开始时间。"))
    ranking = selectors.ranking(competition=competition)
    if not ranking.rows:
        raise ValidationError(_("还没有已提交的评分，无法公示。"))
    results = Result.objects.bulk_create(
        Result(
            entry=row.entry,
            score=Decimal(str(row.score)).quantize(Decimal("0.01")),
            rank=row.rank,
            award_level=row.award,
        )
        for row in ranking.rows
    )
    competition.notice_starts_at, competition.notice_ends_at = starts_at, ends_at
    competition.save(update_fields=["notice_starts_at", "notice_ends_at"])
    audit_record(
        actor=by,
        verb="competition.notice_publish",
        target=competition,
        after={
            "method": ranking.method,
            "tie_rule": ranking.tie_rule,
            "notice": [starts_at.isoformat(), ends_at.isoformat()],
            "results": [[row.entry.code, row.rank, row.award] for row in ranking.rows],
        },
    )
    return results


@transaction.atomic
def objection_raise(
    *,
    competition: Competition,
    by,
    reason: str,
    entry: Entry | None = None,
    now: dt.datetime | None = None,
) -> Objection:
    """Anyone signed in may object to the notice while it runs, with a reason (R14)."""
    now = now or timezone.now()
    if not rules.within(
        now=now, starts_at=competition.notice_starts_at, ends_at=competition.notice_ends_at
    ):
        raise ValidationError(_("不在公示期内，不能提出异议。"))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("请填写异议理由。"))
    if entry is not None and entry.competition_id != competition.pk:
        raise ValidationError(_("该作品不属于本次竞赛。"))
    objection = Objection.objects.create(
        competition=competition, entry=entry, raised_by=by, reason=reason
    )
    audit_record(actor=by, verb="competition_objection.raise", target=objection)
    return objection


@transaction.atomic
def objection_answer(
    *, objection: Objection, by, answer: str, now: dt.datetime | None = None
) -> Objection:
    """The organiser answers an objection (once), before the results become final."""
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError(_("答复不能为空。"))
    if objection.answered_at is not None:
        raise ValidationError(_("该异议已答复。"))
    if objection.competition.finalised_at is not None:
        raise ValidationError(_("结果已确定。"))
    objection.answer, objection.answered_by = answer, by
    objection.answered_at = now or timezone.now()
    objection.save(update_fields=["answer", "answered_by", "answered_at"])
    audit_record(
        actor=by, verb="competition_objection.answer", target=objection, after={"answer": answer}
    )
    return objection


@transaction.atomic
def results_finalise(
    *, competition: Competition, by, now: dt.datetime | None = None
) -> list[Result]:
    """Make the results final after the notice, every objection answered, and issue an award
    certificate (获奖证明, verifiable at /verify/) to each author and co-author of an awarded
    entry (R14). The result keeps the first author's certificate; all carry the entry as subject.
    """
    now = now or timezone.now()
    if competition.finalised_at is not None:
        raise ValidationError(_("结果已确定。"))
    if competition.notice_ends_at is None:
        raise ValidationError(_("结果尚未公示。"))
    if now < competition.notice_ends_at:
        raise ValidationError(_("公示期结束后才能确定结果。"))
    if competition.objections.filter(answered_at__isnull=True).exists():
        raise ValidationError(_("还有异议未答复，不能确定结果。"))
    competition.finalised_at = now
    competition.save(update_fields=["finalised_at"])
    awarded_on = timezone.localdate(now)
    organiser = str(competition.organiser)
    results = list(
        selectors.results_of(competition=competition)
        .exclude(award_level="")
        .select_related("entry__author")
        .prefetch_related("entry__coauthors")
    )
    for result in results:
        entry = result.entry
        holders = [(entry.author, _("第一作者"))]
        holders += [(person, _("合作者")) for person in entry.coauthors.all()]
        for holder, authorship in holders:
            certificate = credential_services.award_certificate_issue(
                holder=holder,
                competition=competition.title,
                organiser=organiser,
                entry_title=entry.title,
                award_level=result.award_level,
                authorship=str(authorship),
                awarded_on=awarded_on,
                subject=f"competition-entry:{entry.pk}",
                issued_by=by,
            )
            if holder.pk == entry.author_id:
                result.certificate = certificate
                result.save(update_fields=["certificate"])
    audit_record(
        actor=by, verb="competition.finalise", target=competition, after={"awards": len(results)}
    )
    return results
