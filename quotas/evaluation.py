"""Evaluation: every rule that applies to a person or a station, with its status and numbers.

One module answers for the pages, the exports and the benchmark (issue: quotas). Rules come from
the region of the person's or station's service point and every region above it (R13); each
rule counts only what its own providing level gave (levels stack, never pool).
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from credentials.models import Qualification, Registration
from directory.models import Person, Position, Region, ServicePoint
from lms import selectors as lms_selectors
from quotas import rules
from quotas.models import PERSON_MEASURES, Measure, Period, PolicyRule
from quotas.station_facts import StationFacts, station_facts, station_value
from supervision import selectors as supervision_selectors


@dataclass(frozen=True)
class Result:
    """One rule's outcome: amounts in the rule's base unit (minutes for hours and days)."""

    rule: PolicyRule
    status: str
    achieved: int
    owed: int
    pending: int
    starts_on: dt.date
    ends_on: dt.date
    sentence: str
    gap: str

    @property
    def percent(self) -> int:
        return 100 if not self.owed else min(100, self.achieved * 100 // self.owed)


def rules_in_force(*, region: Region | None, on: dt.date) -> list[PolicyRule]:
    """National rules plus those of `region` and every region above it, in force on `on`."""
    paths = [region.path[:end] for end in range(4, len(region.path) + 1, 4)] if region else []
    return list(
        PolicyRule.objects.filter(Q(region__isnull=True) | Q(region__path__in=paths))
        .filter(in_force_from__lte=on)
        .filter(Q(in_force_until__isnull=True) | Q(in_force_until__gte=on))
        .select_related("pack", "region")
        .order_by("region__depth", "pack__name", "code")
    )


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _owed(rule: PolicyRule, year: int) -> int:
    threshold = rules.threshold_for_year(
        threshold=rule.threshold,
        growth_per_year=rule.growth_per_year,
        base_year=rule.base_year,
        year=year,
        cap=rule.cap,
    )
    if rule.measure == Measure.TRAINING_DAYS:
        return rules.days_to_minutes(days=threshold, hours_per_day=rule.pack.hours_per_day)
    return threshold


def _amount(rule: PolicyRule, value: int) -> str:
    """A number in the rule's unit for sentences: hours, days, people or percent."""
    if rule.measure == Measure.TRAINING_DAYS:
        per_day = rule.pack.hours_per_day * 60
        tenths = (value * 10 + per_day // 2) // per_day
        return f"{tenths // 10}.{tenths % 10}".removesuffix(".0")
    if rule.unit == "minutes":
        return rules.hours_text(value)
    return str(value)


UNIT_WORDS = {"minutes": "小时", "days": "天", "count": "", "percent": "%"}


def _sentence(rule: PolicyRule, *, achieved: int, owed: int, pending: int) -> tuple[str, str]:
    unit = UNIT_WORDS["days" if rule.measure == Measure.TRAINING_DAYS else rule.unit]
    sentence = _("%(title)s：已完成 %(done)s/%(owed)s %(unit)s") % {
        "title": rule.title,
        "done": _amount(rule, achieved),
        "owed": _amount(rule, owed),
        "unit": unit,
    }
    if pending:
        sentence += _("（另有 %(pending)s 小时待确认）") % {"pending": rules.hours_text(pending)}
    missing = rules.shortfall(achieved=achieved, owed=owed)
    gap = (
        _("还差 %(missing)s %(unit)s") % {"missing": _amount(rule, missing), "unit": unit}
        if missing
        else ""
    )
    return sentence.strip(), gap


def _result(
    rule, *, achieved, owed, pending, starts_on, ends_on, today, with_sentences=True
) -> Result:
    elapsed = rules.elapsed_share(starts_on=starts_on, ends_on=ends_on, today=today)
    sentence, gap = (
        _sentence(rule, achieved=achieved, owed=owed, pending=pending)
        if with_sentences
        else ("", "")
    )
    return Result(
        rule=rule,
        status=rules.status(achieved=achieved, owed=owed, elapsed=elapsed),
        achieved=achieved,
        owed=owed,
        pending=pending,
        starts_on=starts_on,
        ends_on=ends_on,
        sentence=sentence,
        gap=gap,
    )


def _not_applicable(rule, *, reason: str, starts_on, ends_on) -> Result:
    return Result(rule, rules.NOT_APPLICABLE, 0, 0, 0, starts_on, ends_on, reason, "")


# People


def _current_positions(person: Person, on: dt.date) -> list[Position]:
    return list(
        person.positions.filter(starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .select_related("service_point__region")
    )


def _registration(person: Person, level: str, on: dt.date) -> Registration | None:
    return (
        Registration.objects.filter(
            qualification__person=person,
            qualification__level=level,
            starts_on__lte=on,
            ends_on__gte=on,
        )
        .order_by("-starts_on")
        .first()
    )


def person_results(
    *,
    rule_list: list[PolicyRule],
    roles: set[str],
    levels: set[str],
    training: dict,
    received: dict,
    year: int,
    today: dt.date,
    with_sentences: bool = True,
) -> list[Result]:
    """Calendar-year person rules for one person from already-fetched totals. Dashboards that
    only count statuses skip the sentences (`with_sentences=False`)."""
    starts_on, ends_on = _year(year)
    results = []
    for rule in rule_list:
        if rule.measure not in PERSON_MEASURES or rule.period != Period.CALENDAR_YEAR:
            continue
        if rule.applies_to_role and rule.applies_to_role not in roles:
            continue
        if rule.qualification_level and rule.qualification_level not in levels:
            continue
        achieved, pending = _person_amount(rule, training=training, received=received)
        results.append(
            _result(
                rule,
                achieved=achieved,
                owed=_owed(rule, year),
                pending=pending,
                starts_on=starts_on,
                ends_on=ends_on,
                today=today,
                with_sentences=with_sentences,
            )
        )
    return results


def _person_amount(rule: PolicyRule, *, training: dict, received: dict) -> tuple[int, int]:
    """(achieved, pending) minutes for a person rule, counting only the rule's own level."""
    if rule.measure == Measure.SUPERVISION_RECEIVED:
        achieved = pending = 0
        for level, parts in received.items():
            if not rule.providing_level or level == rule.providing_level:
                achieved += parts["confirmed"]
                pending += parts["pending"]
        return achieved, pending
    achieved = sum(
        minutes
        for (kind, level), minutes in training.items()
        if (not rule.training_kind or kind == rule.training_kind)
        and (not rule.providing_level or level == rule.providing_level)
    )
    return achieved, 0


def evaluate_person(*, person: Person, year: int, today: dt.date) -> list[Result]:
    """Every person rule that applies to `person` in `year`, as of `today`: the calendar-year
    rules, then those counted over the person's registration period (R22)."""
    starts_on, ends_on = _year(year)
    on = min(max(today, starts_on), ends_on)
    positions = _current_positions(person, on)
    region = positions[0].service_point.region if positions else person.region
    roles = {position.role for position in positions}
    levels = set(Qualification.objects.filter(person=person).values_list("level", flat=True))
    rule_list = rules_in_force(region=region, on=on)
    last = min(ends_on, today)
    results = person_results(
        rule_list=rule_list,
        roles=roles,
        levels=levels,
        training=lms_selectors.person_minutes(person=person, starts_on=starts_on, ends_on=last),
        received=supervision_selectors.minutes_received(
            person=person, starts_on=starts_on, ends_on=last
        ),
        year=year,
        today=today,
    )
    for rule in rule_list:
        if rule.period == Period.REGISTRATION and rule.qualification_level in levels:
            results.append(_registration_result(rule, person=person, year=year, today=today))
    return results


def _registration_result(rule: PolicyRule, *, person: Person, year: int, today: dt.date) -> Result:
    """R22: a rule counted over the person's current 3-year registration period."""
    starts_on, ends_on = _year(year)
    on = min(max(today, starts_on), ends_on)
    registration = _registration(person, rule.qualification_level, on)
    if registration is None:
        return _not_applicable(
            rule,
            reason=_("%(title)s：当前没有有效的职业资格登记") % {"title": rule.title},
            starts_on=starts_on,
            ends_on=ends_on,
        )
    training = lms_selectors.person_minutes(
        person=person, starts_on=registration.starts_on, ends_on=min(registration.ends_on, today)
    )
    achieved, _pending = _person_amount(rule, training=training, received={})
    return _result(
        rule,
        achieved=achieved,
        owed=_owed(rule, year),
        pending=0,
        starts_on=registration.starts_on,
        ends_on=registration.ends_on,
        today=today,
    )


# Stations


def station_results(
    *,
    rule_list: list[PolicyRule],
    kind: str,
    facts: StationFacts,
    year: int,
    today: dt.date,
    with_sentences: bool = True,
) -> list[Result]:
    """The station rules among `rule_list` that apply to a station of `kind`, from its facts."""
    starts_on, ends_on = _year(year)
    results = []
    for rule in rule_list:
        if rule.measure in PERSON_MEASURES:
            continue
        if rule.applies_to_point_kind and rule.applies_to_point_kind != kind:
            continue
        value = station_value(rule.measure, facts)
        if value is None:
            results.append(
                _not_applicable(
                    rule,
                    reason=_("%(title)s：尚无月报数据") % {"title": rule.title},
                    starts_on=starts_on,
                    ends_on=ends_on,
                )
            )
            continue
        cumulative = rule.measure in (Measure.STATION_SUPERVISION, Measure.STATION_CASES)
        results.append(
            _result(
                rule,
                achieved=value,
                owed=_owed(rule, year),
                pending=0,
                starts_on=starts_on,
                ends_on=ends_on,
                today=today if cumulative else ends_on,  # staffing is judged as it stands
                with_sentences=with_sentences,
            )
        )
    return results


def evaluate_station(*, service_point: ServicePoint, year: int, today: dt.date) -> list[Result]:
    """Every station rule that applies to the service point in `year`, as of `today`."""
    starts_on, ends_on = _year(year)
    on = min(max(today, starts_on), ends_on)
    facts = station_facts(points=[service_point.pk], year=year, on=on)[service_point.pk]
    return station_results(
        rule_list=rules_in_force(region=service_point.region, on=on),
        kind=service_point.kind,
        facts=facts,
        year=year,
        today=today,
    )
