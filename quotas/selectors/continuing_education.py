"""R22 for the credentials pages: continuing education over one registration period, under the
national rule as loaded from its pack (the hours are held there, once)."""

import datetime as dt
from dataclasses import dataclass

from directory.models import Person
from lms import selectors as lms_selectors
from quotas.models import Measure, Period
from quotas.selectors import rulebook
from quotas.selectors.facts import amounts_for
from quotas.selectors.rule_results import amount_key


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
    force today; None when no such rule is loaded, for no number is invented. Only the
    training kinds the rule counts are credited, as in the registration-period evaluation."""
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
    key = amount_key(rule)
    credited, _pending = amounts_for({key}, training=training, received={})[key]
    return ContinuingEducation(
        owed_minutes=rule.threshold, credited_minutes=credited, source_clause=rule.source_clause
    )
