"""Region targets (R16, R25): numbers a region reaches as a whole, not its people or stations.

A region target is a rule with a region measure (`REGION_MEASURES`) and the level of region it
binds (`applies_to_region_level`): Hunan's share of five-star township stations binds each
county, its 30 well-performing counties (工作优良县) and 60 local supervisors the province. A
region's dashboard shows:

- the targets of its own level: the number for the year, what the region reached, the status;
- the targets of a lower level: how many of the regions below it reach theirs;
- the targets of a higher level: the region's own part of the figure, with no status, since
  the target binds the region above it as a whole.

Only rules in force in the year are read (Hunan's plan: 2021–2023), so a later year shows none
and invents no number; the page names the lapsed rules (`rulebook.lapsed_around`). A yearly
target is judged at the year's pace like any count; a target of the plan period (`Period.PLAN`:
2,000 five-star rooms, 60 local supervisors) at the pace of the whole period. Facts come from
the apps that hold them (directory: star ratings, coverage, recognitions; supervision: local
supervisors), one grouped query per measure and level.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core import units
from directory import rules as directory_rules
from directory import selectors as directory_selectors
from directory.models import Region, ServicePoint
from quotas import rules
from quotas.models import REGION_MEASURES, Measure, Period, PolicyRule
from quotas.selectors import rulebook
from quotas.selectors.rule_results import STATUS_LABELS
from supervision import selectors as supervision_selectors

OWN, BELOW, ABOVE = "own", "below", "above"
TOWNSHIP, ROOM = ServicePoint.Kind.TOWNSHIP_STATION, ServicePoint.Kind.COMMUNITY_ROOM


@dataclass(frozen=True)
class Figure:
    """What a region reached: `part` of `whole` (five-star stations of all township stations,
    covered villages of all villages), or a count where `whole` is None."""

    part: int
    whole: int | None = None

    @property
    def percent(self) -> int | None:
        return units.percent(self.part, self.whole) if self.whole is not None else None


@dataclass(frozen=True)
class TargetLine:
    """One region target on a region's dashboard (see the module's docstring)."""

    rule: PolicyRule
    relation: str  # OWN, BELOW or ABOVE
    owed: int  # the number for the year, in the rule's unit (percent or a count)
    due_on: dt.date  # the end of the year, or of the plan for a target of the plan period
    figure: Figure | None = None  # OWN and ABOVE: what the region reached
    status: str = ""  # OWN: rules.MET …, or rules.NOT_APPLICABLE with nothing to count
    level: str = ""  # BELOW: the level of the regions counted
    met: int = 0  # BELOW: regions reaching their target
    counted: int = 0  # BELOW: regions with something to count

    @property
    def owed_text(self) -> str:
        number = f"{self.owed}%" if self.rule.unit == "percent" else str(self.owed)
        if self.rule.period == Period.PLAN:
            return _("%(number)s（%(date)s 前达到）") % {"number": number, "date": self.due_on}
        return number

    @property
    def reached_text(self) -> str:
        if self.relation == BELOW:
            return _("%(met)s/%(counted)s 个%(level)s达标") % {
                "met": self.met,
                "counted": self.counted,
                "level": Region.Level(self.level).label,
            }
        figure = self.figure
        if self.rule.unit != "percent":
            return str(figure.part)
        if not figure.whole:
            return "—"
        return f"{figure.percent}%（{figure.part}/{figure.whole}）"

    @property
    def status_label(self) -> str:
        if self.relation == ABOVE:
            return _("计入%(level)s指标，本级不单独考核") % {
                "level": Region.Level(self.rule.applies_to_region_level).label
            }
        if self.relation == BELOW:
            return ""
        return str(STATUS_LABELS[self.status])

    @property
    def subject(self) -> str:
        """Whom the line is about: this region, the regions below it, or its part."""
        level = Region.Level(self.rule.applies_to_region_level).label
        if self.relation == OWN:
            return _("本级")
        if self.relation == BELOW:
            return _("各%(level)s") % {"level": level}
        return _("本辖区（%(level)s指标的一部分）") % {"level": level}


# What each measure is counted from. Five-star stations "at least one per county" (R25), like
# a share, has nothing to count in a county with no township station on file; a count of rooms,
# counties or supervisors counts from zero.
SOURCES = {
    Measure.FIVE_STAR_STATION_SHARE: "township_stars",
    Measure.FIVE_STAR_STATIONS: "township_stars",
    Measure.VILLAGE_COVERAGE_SHARE: "villages",
    Measure.RECOGNISED_COUNTIES: "counties",
    Measure.FIVE_STAR_ROOMS: "room_stars",
    Measure.LOCAL_SUPERVISORS: "local_supervisors",
}
NEEDS_A_WHOLE = frozenset({Measure.FIVE_STAR_STATIONS})


class _Facts:
    """Figures by region path prefix, fetched once per source, subtree and prefix length, and
    the regions of a level in a subtree."""

    def __init__(self, *, on: dt.date, year: int):
        self.on, self.year = on, year
        self._figures: dict[tuple[str, str, int], dict[str, Figure]] = {}
        self._paths: dict[tuple[str, str], list[str]] = {}

    def figures(self, source: str, *, region_path: str, prefix_length: int) -> dict[str, Figure]:
        key = (source, region_path, prefix_length)
        if key not in self._figures:
            self._figures[key] = self._fetch(source, region_path, prefix_length)
        return self._figures[key]

    def paths(self, *, region_path: str, level: str) -> list[str]:
        key = (region_path, level)
        if key not in self._paths:
            regions = directory_selectors.regions_at_level(region_path=region_path, level=level)
            self._paths[key] = list(regions.values_list("path", flat=True))
        return self._paths[key]

    def _fetch(self, source: str, region_path: str, prefix_length: int) -> dict[str, Figure]:
        where = {"region_path": region_path, "prefix_length": prefix_length}
        if source == "township_stars":
            counts = directory_selectors.five_star_points(kind=TOWNSHIP, on=self.on, **where)
            return {unit: Figure(*pair) for unit, pair in counts.items()}
        if source == "room_stars":
            counts = directory_selectors.five_star_points(kind=ROOM, on=self.on, **where)
            return {unit: Figure(five_star) for unit, (five_star, _rooms) in counts.items()}
        if source == "villages":
            counts = directory_selectors.villages_covered(on=self.on, **where)
            return {unit: Figure(*pair) for unit, pair in counts.items()}
        if source == "counties":
            counts = directory_selectors.counties_recognised(year=self.year, **where)
        else:
            counts = supervision_selectors.local_supervisors(on=self.on, **where)
        return {unit: Figure(count) for unit, count in counts.items()}


def _empty(rule: PolicyRule) -> Figure:
    return Figure(0, 0) if rule.unit == "percent" or rule.measure in NEEDS_A_WHOLE else Figure(0)


def target_status(*, rule: PolicyRule, owed: int, figure: Figure, elapsed: float) -> str:
    """R16, R25: a region's status on one target: a share compared exactly, a count as it is;
    not applicable when there is nothing to take a share of (no township station on file)."""
    if figure.whole == 0:
        return rules.NOT_APPLICABLE
    if rule.unit == "percent":
        return rules.share_status(
            part=figure.part, whole=figure.whole, owed_percent=owed, elapsed=elapsed
        )
    return rules.status(achieved=figure.part, owed=owed, elapsed=elapsed)


def _reaches(rule: PolicyRule, region: Region) -> bool:
    return rule.region is None or region.path.startswith(rule.region.path)


def region_targets(*, region: Region, year: int, today: dt.date) -> list[TargetLine]:
    """The region targets in force in `year` that concern `region`, as of `today`: its own
    first, then those of the regions below it, then its part of those above it."""
    starts_on, ends_on = dt.date(year, 1, 1), dt.date(year, 12, 31)
    on = min(max(today, starts_on), ends_on)
    facts = _Facts(on=on, year=year)
    own_rank = directory_rules.LEVELS.index(region.level)
    lines = []
    for rule in rulebook.rules_around(region.path, starts_on, ends_on):
        if rule.measure not in REGION_MEASURES:
            continue
        owed = rules.threshold_for_year(
            threshold=rule.threshold,
            growth_per_year=rule.growth_per_year,
            base_year=rule.base_year,
            year=year,
            cap=rule.cap,
        )
        if rule.period == Period.PLAN:
            due_on = rule.in_force_until
            elapsed = rules.elapsed_share(starts_on=rule.in_force_from, ends_on=due_on, today=on)
        else:
            due_on = ends_on
            elapsed = rules.elapsed_share(starts_on=starts_on, ends_on=ends_on, today=today)
        rank = directory_rules.LEVELS.index(rule.applies_to_region_level)
        if rank > own_rank:
            lines.append(_below(rule, region, facts, owed=owed, due_on=due_on, elapsed=elapsed))
        elif _reaches(rule, region):
            figure = facts.figures(
                SOURCES[rule.measure], region_path=region.path, prefix_length=len(region.path)
            ).get(region.path, _empty(rule))
            own = rank == own_rank
            lines.append(
                TargetLine(
                    rule=rule,
                    relation=OWN if own else ABOVE,
                    owed=owed,
                    due_on=due_on,
                    figure=figure,
                    status=target_status(rule=rule, owed=owed, figure=figure, elapsed=elapsed)
                    if own
                    else "",
                )
            )
    return sorted(lines, key=lambda line: (OWN, BELOW, ABOVE).index(line.relation))


def _below(
    rule: PolicyRule, region: Region, facts: _Facts, *, owed: int, due_on: dt.date, elapsed: float
) -> TargetLine:
    """How many regions of the rule's level below `region` (and within the rule's region) reach
    the target."""
    below_rule = rule.region is not None and rule.region.path.startswith(region.path)
    top = rule.region.path if below_rule else region.path
    met = counted = 0
    for path in facts.paths(region_path=top, level=rule.applies_to_region_level):
        figure = facts.figures(SOURCES[rule.measure], region_path=top, prefix_length=len(path)).get(
            path, _empty(rule)
        )
        status = target_status(rule=rule, owed=owed, figure=figure, elapsed=elapsed)
        if status != rules.NOT_APPLICABLE:
            counted += 1
            met += status == rules.MET
    return TargetLine(
        rule=rule,
        relation=BELOW,
        owed=owed,
        due_on=due_on,
        level=rule.applies_to_region_level,
        met=met,
        counted=counted,
    )
