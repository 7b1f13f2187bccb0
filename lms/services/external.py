"""External training: a worker submits it with the level they say provided it; the station head
or a region administrator approves it at a level of their own or below (→ one ledger row) or
rejects it with a reason; the worker is told by e-mail."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from audit.services import audit_record
from core import units
from core.files import original_name
from core.links import absolute_url
from directory.models import Person
from lms import hours, permissions
from lms.models import ExternalTraining
from lms.services import ledger
from outbox.services import mail_queue

MINUTE_PROBLEMS = {
    "dates": gettext_lazy("结束日期不能早于开始日期。"),
    "span": gettext_lazy("一次外部培训的起止时间不能超过一年。"),
    "not_positive": gettext_lazy("学时必须大于 0。"),
    "over_day": gettext_lazy("学时不能超过每天 24 小时。"),
}
LEVEL_REFUSED = gettext_lazy("您只能按本级或下级认定培训层级。")


@transaction.atomic
def external_training_submit(*, person: Person, user: User, **fields) -> ExternalTraining:
    """Record a claim; it counts only once approved."""
    problem = hours.external_minutes_problem(
        minutes=fields["minutes"], starts_on=fields["starts_on"], ends_on=fields["ends_on"]
    )
    if problem:
        raise ValidationError(str(MINUTE_PROBLEMS[problem]), code=problem)
    claim = ExternalTraining.objects.create(
        person=person, original_name=original_name(fields.get("evidence")), **fields
    )
    audit_record(actor=user, verb="lms.external.submit", target=claim)
    return claim


@transaction.atomic
def external_training_decide(
    *,
    claim: ExternalTraining,
    approve: bool,
    decided_by: User,
    reason: str = "",
    providing_level: str = "",
) -> ExternalTraining:
    """Approve at a providing level (the hours enter the ledger) or reject with a reason; once
    only. The approver sets the level whose quota the hours count for, only at a level they
    hold or below (R12, R13; `permissions.levels_approver_may_credit`)."""
    claim = ExternalTraining.objects.select_for_update().get(pk=claim.pk)
    if claim.status != ExternalTraining.Status.SUBMITTED:
        raise ValidationError(_("该申请已处理。"))
    reason = reason.strip()
    if not approve and not reason:
        raise ValidationError(_("请填写退回原因。"))
    claimed_level = claim.providing_level
    if approve:
        if providing_level not in permissions.levels_approver_may_credit(
            user=decided_by, claim=claim
        ):
            raise ValidationError(str(LEVEL_REFUSED), code="level")
        claim.providing_level = providing_level
    claim.status = ExternalTraining.Status.APPROVED if approve else ExternalTraining.Status.REJECTED
    claim.reason, claim.decided_by, claim.decided_at = reason, decided_by, timezone.now()
    claim.save()
    if approve:
        ledger.hour_entry_credit_external(external=claim, entered_by=decided_by)
    audit_record(
        actor=decided_by,
        verb="lms.external.decide",
        target=claim,
        before={"providing_level": claimed_level},
        after={"status": claim.status, "reason": reason, "providing_level": claim.providing_level},
    )
    user = claim.person.user
    if user is not None and user.email:
        if approve:
            subject = _("外部培训学时已通过：%(title)s") % {"title": claim.title}
        else:
            subject = _("外部培训学时被退回：%(title)s") % {"title": claim.title}
        body = "\n".join(
            [
                subject,
                _("学时：%(hours)s 小时") % {"hours": units.hours(claim.minutes)},
                *([_("原因：%(reason)s") % {"reason": reason}] if reason else []),
                _("查看：%(url)s") % {"url": absolute_url("lms:my_hours")},
            ]
        )
        mail_queue(to=user.email, subject=subject, body=body)
    return claim
