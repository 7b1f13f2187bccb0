import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from accounts import scope
from accounts.models import User
from accounts.roles import Action, roles_allowing
from directory.models import Person, Region
from lms import selectors as lms_selectors
from quotas import evaluation, rulebook
from quotas.models import Measure, Period


def dashboard_roots(*, user: User) -> QuerySet[Region]:
    """The regions the user's grants permitting VIEW_QUOTAS are over (the tops of their scope)."""
    if user.is_superuser:
        return Region.objects.filter(depth=1).order_by("code")
    allowed = roles_allowing(Action.VIEW_QUOTAS)
    paths = [g.region_path for g in scope.grants_of(user) if g.region_path and g.role in allowed]
    return Region.objects.filter(path__in=paths).order_by("code")


@dataclass(frozen=True)
class ContinuingEducation:
    """R22 over one registration period: minutes owed and credited, and the rule's clause
    (which says what counts)."""

    owed_minutes: int
    credited_minutes: int
    source_clause: str


def continuing_education_for(
    *, person: Person, level: str, starts_on: dt.date, ends_on: dt.date, today: dt.date
) -> ContinuingEducation | None:
    """R22: continuing education owed and credited in a registration period [starts_on,
    ends_on] (credited up to `today`) under the national rule for qualification `level` in
    force today; None when no such rule is loaded, for no number is invented. The hours are
    the national pack's (quotas/packs.py) and only the training kinds the rule counts are
    credited, as in the registration-period evaluation (`evaluation.person_amounts`)."""
    rule = next(
        (
            rule
            for rule in rulebook.rules_above(None, today)
            if rule.period == Period.REGISTRATION
            and rule.measure == Measure.TRAINING_MINUTES
            and rule.qualification_level == level
        ),
        None,
    )
    if rule is None:
        return None
    training = lms_selectors.person_minutes(
        person=person, starts_on=starts_on, ends_on=min(ends_on, today)
    )
    amounts = evaluation.person_amounts([rule], training=training, received={})
    credited, _pending = amounts[evaluation.amount_key(rule)]
    return ContinuingEducation(
        owed_minutes=rule.threshold, credited_minutes=credited, source_clause=rule.source_clause
    )
