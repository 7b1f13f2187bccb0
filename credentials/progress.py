"""A worker's certification progress (R21, R22, R23, R3), for the progress page. R22's hours
and the training kinds it counts are the national policy pack's, read through quotas; the R3
test is shown only where the pack of the worker's region adopts it."""

import datetime as dt
from dataclasses import dataclass

from core import units
from credentials import eligibility
from credentials import registration as rules
from credentials.models import Qualification, Registration
from directory import selectors as directory_selectors
from directory.models import Person, Region
from quotas.selectors import continuing_education, pack_settings
from quotas.selectors.continuing_education import ContinuingEducation

NEXT_LEVEL = {None: rules.INTERMEDIATE, rules.ASSISTANT: rules.INTERMEDIATE}
LEVEL_ORDER = (rules.ASSISTANT, rules.INTERMEDIATE, rules.SENIOR)


@dataclass(frozen=True)
class ProfessionalStaff:
    """R3 as adopted by a region's pack: whether the worker meets it and by which route, where
    the test comes from, and the rural relaxation's citation where the pack lets it apply."""

    met: bool
    route: str
    set_by: str
    source: str
    rural_relaxation: str


@dataclass(frozen=True)
class Progress:
    highest: Qualification | None
    registration: Registration | None
    registration_status: str | None
    continuing: ContinuingEducation | None  # None: no registration, or no R22 rule in force
    next_level: str | None
    exam: eligibility.Outlook | None
    professional: ProfessionalStaff | None  # None: no pack of the worker's region adopts R3

    @property
    def route_education(self) -> str:
        """The label of the education the R23 route names (高中/中专, 本科 …)."""
        return Person.Education(self.exam.route.education).label

    @property
    def percent(self) -> int:
        if not self.continuing or not self.continuing.owed_minutes:
            return 0
        return min(
            100, units.percent(self.continuing.credited_minutes, self.continuing.owed_minutes)
        )


def progress_for(*, person: Person, today: dt.date) -> Progress:
    """R22 hours in the current registration period, R23 next-level exam route and year, R3."""
    qualifications = list(person.qualifications.prefetch_related("registrations"))
    highest = max(
        qualifications, key=lambda q: (LEVEL_ORDER.index(q.level), q.passed_on), default=None
    )
    level = highest.level if highest else None
    current = _current_registration(highest, today) if highest else None
    continuing = None
    if current:
        continuing = continuing_education.continuing_education_for(
            person=person,
            level=level,
            starts_on=current.starts_on,
            ends_on=current.ends_on,
            today=today,
        )
    next_level = NEXT_LEVEL.get(level, rules.SENIOR if level == rules.INTERMEDIATE else None)
    by_newest = sorted(qualifications, key=lambda q: q.passed_on, reverse=True)
    first_passed = {q.level: q.passed_on for q in by_newest}  # the earliest wins per level
    exam = (
        eligibility.exam_outlook(
            level=next_level,
            education=person.education,
            social_work_major=person.social_work_major,
            spans=list(person.positions.values_list("starts_on", "ends_on")),
            certificates=first_passed,
            today=today,
        )
        if next_level
        else None
    )
    region = _work_region(person, today)
    professional = None
    adopted = pack_settings.nearest(region=region, name="professional_staff_test", on=today)
    if adopted is not None and adopted[0]:
        met, route = rules.is_professional_staff(
            level=level,
            level_held_since=highest.passed_on if highest else None,
            education=person.education,
            social_work_major=person.social_work_major,
            today=today,
        )
        relaxation = pack_settings.nearest(region=region, name="rural_relaxation", on=today)
        professional = ProfessionalStaff(
            met=met,
            route=route,
            set_by=pack_settings.pack_label(adopted[1]),
            source=adopted[1].professional_staff_source,
            rural_relaxation=(
                relaxation[1].rural_relaxation_source if relaxation and relaxation[0] else ""
            ),
        )
    return Progress(
        highest=highest,
        registration=current,
        registration_status=(
            rules.registration_status(
                starts_on=current.starts_on, ends_on=current.ends_on, today=today
            )
            if current
            else None
        ),
        continuing=continuing,
        next_level=next_level,
        exam=exam,
        professional=professional,
    )


def _work_region(person: Person, today: dt.date) -> Region:
    """The region of the station the worker holds a position at today (the latest started),
    else the region that keeps the worker's file."""
    position = (
        directory_selectors.current_positions(on=today, person=person)
        .select_related("service_point__region")
        .order_by("-starts_on", "-pk")
        .first()
    )
    return position.service_point.region if position else person.region


def _current_registration(qualification: Qualification, today: dt.date) -> Registration | None:
    registrations = sorted(qualification.registrations.all(), key=lambda r: r.starts_on)
    started = [r for r in registrations if r.starts_on <= today]
    return started[-1] if started else None
