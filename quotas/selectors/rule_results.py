"""Rule results: every rule that applies to a person or a station, with its status and numbers.

One module answers for the pages, the exports and the benchmark. Rules come from
the region of the person's or station's service point and every region above it (R13); each
rule counts only what its own providing level gave (levels stack, never pool).
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import units
from credentials import selectors as credentials_selectors
from directory import selectors as directory_selectors
from directory.models import Person, ServicePoint
from lms import selectors as lms_selectors
from quotas import rules
from quotas.models import PERSON_MEASURES, REGION_MEASURES, Measure, Period, PolicyRule
from quotas.selectors import rulebook
from quotas.selectors.facts import (
    NO_DATA,
    AmountKey,
    Scope,
    StationFacts,
    amounts_for,
    staff_rows,
    station_facts,
    station_rows,
    station_value,
)
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
        return 100 if not self.owed else min(100, units.percent(self.achieved, self.owed))

    @property
    def share(self) -> int | None:
        """`percent` for a progress bar, None when there is nothing to count."""
        return self.percent if self.counted else None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def counted(self) -> bool:
        """Whether the result has a number to show (not "not applicable")."""
        return self.status != rules.NOT_APPLICABLE


STATUS_LABELS = {
    rules.MET: gettext_lazy("已达标"),
    rules.ON_TRACK: gettext_lazy("进度正常"),
    rules.AT_RISK: gettext_lazy("有风险"),
    rules.BEHIND: gettext_lazy("落后"),
    rules.ADVISORY: gettext_lazy("倡导性要求，尚未达到"),
    rules.NOT_APPLICABLE: gettext_lazy("不适用"),
}


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
    if rule.measure == Measure.TRAINING_DAYS and not counts_days(rule):
        return threshold * units.minutes_from_hours(rule.pack.hours_per_day)
    return threshold


def counts_days(rule: PolicyRule) -> bool:
    """R11: a quota in days whose pack states no hours per day counts distinct days of
    training (no document converts days into hours)."""
    return rule.measure == Measure.TRAINING_DAYS and rule.pack.hours_per_day is None


def amount_text(rule: PolicyRule, value: int) -> str:
    """A number in the rule's unit for sentences: hours, days, people or percent."""
    if counts_days(rule):
        return str(value)
    if rule.measure == Measure.TRAINING_DAYS:
        return units.days(value, minutes_per_day=units.minutes_from_hours(rule.pack.hours_per_day))
    if rule.unit == "minutes":
        return units.hours(value)
    if rule.unit == "grade":
        return f"{value}A"
    return str(value)


UNIT_WORDS = {
    "minutes": "小时",
    "days": "天",
    "count": "",
    "percent": "%",
    "grade": "",
    "m2": "平方米",
}


def _sentence(rule: PolicyRule, *, achieved: int, owed: int, pending: int) -> tuple[str, str]:
    unit = UNIT_WORDS["days" if rule.measure == Measure.TRAINING_DAYS else rule.unit]
    sentence = _("%(title)s：已完成 %(done)s/%(owed)s %(unit)s") % {
        "title": rule.title,
        "done": amount_text(rule, achieved),
        "owed": amount_text(rule, owed),
        "unit": unit,
    }
    if pending:
        sentence += _("（另有 %(pending)s 小时待确认）") % {"pending": units.hours(pending)}
    missing = rules.shortfall(achieved=achieved, owed=owed)
    gap = (
        _("还差 %(missing)s %(unit)s") % {"missing": amount_text(rule, missing), "unit": unit}
        if missing
        else ""
    )
    return sentence.strip(), gap


def _result(
    rule, *, achieved, owed, pending, starts_on, ends_on, elapsed, with_sentences=True
) -> Result:
    sentence, gap = (
        _sentence(rule, achieved=achieved, owed=owed, pending=pending)
        if with_sentences
        else ("", "")
    )
    return Result(
        rule=rule,
        status=rules.status(achieved=achieved, owed=owed, elapsed=elapsed, advisory=rule.advisory),
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


class YearRules:
    """Rules prepared for evaluating many people and stations in one calendar year: what each
    rule owes that year, how much of the year has passed and which rules reach a region are
    worked out once, so a dashboard of ten thousand people only adds up their numbers.
    Dashboards that only count statuses skip the sentences (`with_sentences=False`)."""

    def __init__(
        self, rule_list: list[PolicyRule], *, year: int, today: dt.date, with_sentences=True
    ):
        self.year, self.with_sentences = year, with_sentences
        self.starts_on, self.ends_on = _year(year)
        self.elapsed = rules.elapsed_share(
            starts_on=self.starts_on, ends_on=self.ends_on, today=today
        )
        self.rules = rule_list
        self.owed = {rule.pk: _owed(rule, year) for rule in rule_list}
        prefix = {rule.pk: rule.region.path if rule.region else "" for rule in rule_list}
        self._person_rules = [
            (rule, prefix[rule.pk], amount_key(rule), self.owed[rule.pk])
            for rule in rule_list
            if rule.measure in PERSON_MEASURES and rule.period == Period.CALENDAR_YEAR
        ]
        self._station_rules = [
            (rule, prefix[rule.pk])
            for rule in rule_list
            if rule.measure not in PERSON_MEASURES | REGION_MEASURES
        ]
        self._reaching: dict[str | None, list] = {}

    def _person_reaching(self, path: str | None) -> list[tuple[PolicyRule, AmountKey, int]]:
        """The calendar-year person rules that reach a region `path` (R13: national rules and
        those of the regions above), with what each adds up; `None`: every one."""
        if path not in self._reaching:
            self._reaching[path] = [
                (rule, key, owed)
                for rule, prefix, key, owed in self._person_rules
                if path is None or path.startswith(prefix)
            ]
        return self._reaching[path]

    def amount_keys(self) -> set[AmountKey]:
        """What the person rules add up (`amount_key`), for totals fetched in bulk."""
        return {key for _rule, _prefix, key, _owed in self._person_rules}

    def person_statuses(
        self,
        *,
        roles: set[str],
        levels: frozenset[str] | set[str],
        amounts: dict[AmountKey, tuple[int, int]],
        path: str | None = None,
    ) -> list[tuple[PolicyRule, str, int, int]]:
        """(rule, status, achieved, pending) for each calendar-year person rule that applies to
        one person, from already-fetched totals: `amounts` maps each `amount_key` to (achieved,
        pending) minutes. Dashboards tally these; `person` dresses them as results."""
        outcomes = []
        for rule, key, owed in self._person_reaching(path):
            if rule.applies_to_role and rule.applies_to_role not in roles:
                continue
            if rule.qualification_level and rule.qualification_level not in levels:
                continue
            achieved, pending = amounts.get(key, (0, 0))
            status = rules.status(
                achieved=achieved, owed=owed, elapsed=self.elapsed, advisory=rule.advisory
            )
            outcomes.append((rule, status, achieved, pending))
        return outcomes

    def person(
        self,
        *,
        roles: set[str],
        levels: frozenset[str] | set[str],
        amounts: dict[AmountKey, tuple[int, int]],
        path: str | None = None,
    ) -> list[Result]:
        """`person_statuses` as results, with the numbers and, unless skipped, sentences."""
        return [
            _result(
                rule,
                achieved=achieved,
                owed=self.owed[rule.pk],
                pending=pending,
                starts_on=self.starts_on,
                ends_on=self.ends_on,
                elapsed=self.elapsed,
                with_sentences=self.with_sentences,
            )
            for rule, _status, achieved, pending in self.person_statuses(
                roles=roles, levels=levels, amounts=amounts, path=path
            )
        ]

    def station(
        self, *, kind: str, demonstration: bool, facts: StationFacts, path: str | None = None
    ) -> list[Result]:
        """The station rules that apply to a station of `kind`, from its facts (a rule for
        demonstration points only binds those, R1). Staffing is judged as it stands;
        supervision minutes and cases against the year's pace."""
        results = []
        for rule, prefix in self._station_rules:
            if path is not None and not path.startswith(prefix):
                continue
            if rule.applies_to_point_kind and rule.applies_to_point_kind != kind:
                continue
            if rule.demonstration_only and not demonstration:
                continue
            value = station_value(rule.measure, facts)
            if value is None:
                reason = (
                    _("%(title)s：%(missing)s")
                    % {"title": rule.title, "missing": NO_DATA[rule.measure]}
                    if self.with_sentences
                    else ""
                )
                results.append(
                    _not_applicable(
                        rule, reason=reason, starts_on=self.starts_on, ends_on=self.ends_on
                    )
                )
                continue
            cumulative = rule.measure in (Measure.STATION_SUPERVISION, Measure.STATION_CASES)
            results.append(
                _result(
                    rule,
                    achieved=value,
                    owed=self.owed[rule.pk],
                    pending=0,
                    starts_on=self.starts_on,
                    ends_on=self.ends_on,
                    elapsed=self.elapsed if cumulative else 1.0,
                    with_sentences=self.with_sentences,
                )
            )
        return results


def amount_key(rule: PolicyRule) -> AmountKey:
    """What a person rule adds up: (source, training kind, providing level), "" for any. Rules
    with the same key count the same minutes, each only from its own level (R13)."""
    if rule.measure == Measure.SUPERVISION_RECEIVED:
        return ("supervision", "", rule.providing_level)
    if counts_days(rule):
        return ("days", rule.training_kind, rule.providing_level)
    return ("training", rule.training_kind, rule.providing_level)


def place_of(person: Person, *, on: dt.date) -> tuple[set[str], str | None]:
    """The roles of the person's positions current on `on`, and the region path whose rules
    reach them: their first current position's, else the region they are registered in."""
    places = list(
        directory_selectors.current_positions(on=on, person=person)
        .order_by("pk")
        .values_list("role", "service_point__region__path")
    )
    path = places[0][1] if places else (person.region.path if person.region_id else None)
    return {role for role, _path in places}, path


def evaluate_person(*, person: Person, year: int, today: dt.date) -> list[Result]:
    """Every person rule that applies to `person` in `year`, as of `today`: the calendar-year
    rules, then those counted over the person's registration period (R22)."""
    starts_on, ends_on = _year(year)
    on = min(max(today, starts_on), ends_on)
    roles, path = place_of(person, on=on)
    levels = credentials_selectors.qualification_levels(people=[person.pk]).get(person.pk)
    levels = set(levels[0]) if levels else set()
    rule_list = rulebook.rules_above(path, starts_on, ends_on)
    # The yearly summaries, as on the dashboards: they equal the rows from 1 January to today.
    keys = {amount_key(rule) for rule in rule_list if rule.measure in PERSON_MEASURES}
    amounts = amounts_for(
        keys,
        training=lms_selectors.people_year_minutes(people=[person.pk], year=year).get(
            person.pk, {}
        ),
        days=lms_selectors.people_year_training_days(people=[person.pk], year=year).get(
            person.pk, []
        )
        if any(key[0] == "days" for key in keys)
        else [],
        received=supervision_selectors.received_by_people_year(people=[person.pk], year=year).get(
            person.pk, {}
        ),
    )
    results = YearRules(rule_list, year=year, today=today).person(
        roles=roles, levels=levels, amounts=amounts
    )
    for rule in rule_list:
        if rule.period == Period.REGISTRATION and rule.qualification_level in levels:
            results.append(_registration_result(rule, person=person, year=year, today=today))
    return results


def _registration_result(rule: PolicyRule, *, person: Person, year: int, today: dt.date) -> Result:
    """R22: a rule counted over the person's current 3-year registration period."""
    starts_on, ends_on = _year(year)
    on = min(max(today, starts_on), ends_on)
    registration = credentials_selectors.registration_on(
        person=person, level=rule.qualification_level, on=on
    )
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
    key = amount_key(rule)
    achieved, _pending = amounts_for({key}, training=training, received={})[key]
    return _result(
        rule,
        achieved=achieved,
        owed=_owed(rule, year),
        pending=0,
        starts_on=registration.starts_on,
        ends_on=registration.ends_on,
        elapsed=rules.elapsed_share(
            starts_on=registration.starts_on, ends_on=registration.ends_on, today=today
        ),
    )


# Stations


def evaluate_station(*, service_point: ServicePoint, year: int, today: dt.date) -> list[Result]:
    """Every station rule that applies to the service point in `year`, as of `today`."""
    starts_on, ends_on = _year(year)
    on = min(max(today, starts_on), ends_on)
    scope = Scope(service_point_id=service_point.pk)
    facts = station_facts(
        staff_rows(scope=scope, on=on, year=year, keys=set()),
        station_rows(scope=scope, on=on, year=year),
    )[service_point.pk]
    rule_list = rulebook.rules_above(service_point.region.path, starts_on, ends_on)
    return YearRules(rule_list, year=year, today=today).station(
        kind=service_point.kind, demonstration=service_point.is_demonstration, facts=facts
    )
