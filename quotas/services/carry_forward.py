"""Carrying a rule forward after its document's period ends, as a region's recorded decision.

A plan's targets end with the plan (Hunan's 2021–2023 action plan). A region may decide to keep
applying one: that is a new rule, in force from the day it says, citing the rule it continues,
who decided and when; the pages show it as carried forward, never as the document's own. A
growing share is carried at a number the decision states (by default its last one): it never
grows past its plan (R4, R18).
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from audit.services import audit_record
from core import periods
from core.conflicts import refused_on_conflict
from quotas import rules
from quotas.models import PolicyRule

COPIED = (
    "pack",
    "code",
    "region",
    "title",
    "measure",
    "training_kind",
    "providing_level",
    "applies_to_role",
    "applies_to_point_kind",
    "qualification_level",
    "demonstration_only",
    "advisory",
    "period",
    "source_clause",
    "source_quote",
    "rule_ref",
)


ONE_DAY = dt.timedelta(days=1)


def may_carry_forward(*, user: User, rule: PolicyRule) -> bool:
    """A region's rule is carried forward by those who manage policy for that region; a national
    rule only by a superuser."""
    if user.is_superuser:
        return True
    if rule.region is None:
        return False
    return scope.role_allows(user=user, action=Action.MANAGE_POLICY, obj=rule.region)


def last_threshold(rule: PolicyRule) -> int:
    """The number the rule asked for in its last year in force."""
    return rules.threshold_for_year(
        threshold=rule.threshold,
        growth_per_year=rule.growth_per_year,
        base_year=rule.base_year,
        year=rule.in_force_until.year,
        cap=rule.cap,
    )


@transaction.atomic
def rule_carry_forward(
    *,
    rule: PolicyRule,
    starts_on: dt.date,
    decided_by: str,
    decided_on: dt.date,
    by: User | None,
    until: dt.date | None = None,
    threshold: int | None = None,
) -> PolicyRule:
    """A new rule continuing `rule` from `starts_on` (after it ended) at `threshold` (default:
    its last number), recorded with who decided and when."""
    if by is not None and not may_carry_forward(user=by, rule=rule):
        raise PermissionDenied
    today = timezone.localdate()
    starts_on = periods.day_within(starts_on, today=today)
    decided_on = periods.day_within(decided_on, today=today)
    if rule.in_force_until is None:
        raise ValidationError(_("该规则尚未到期，无需延续。"))
    if starts_on <= rule.in_force_until:
        raise ValidationError(
            _("延续执行须从原规则失效（%(date)s）之后开始。") % {"date": rule.in_force_until}
        )
    if not decided_by.strip():
        raise ValidationError(_("请填写作出延续决定的机关。"))
    carried = PolicyRule(
        **{field: getattr(rule, field) for field in COPIED},
        threshold=last_threshold(rule) if threshold is None else threshold,
        in_force_from=starts_on,
        in_force_until=until,
        carried_forward_from=rule,
        decided_by=decided_by.strip(),
        decided_on=decided_on,
    )
    carried.full_clean()
    with refused_on_conflict(_("该规则在这一日期已有延续记录。")):
        carried.save()
    audit_record(
        actor=by,
        verb="policy_rule.carry_forward",
        target=carried,
        after={
            "from": rule.pk,
            "threshold": carried.threshold,
            "starts_on": str(starts_on),
            "until": str(until or ""),
            "decided_by": carried.decided_by,
            "decided_on": str(decided_on),
        },
    )
    return carried
