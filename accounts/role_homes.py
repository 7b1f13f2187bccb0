"""The signed-in home: one section per role the user holds, most specific first, each
answering "what should I do now". Every section is read through the selectors of the app that
owns the data, scoped to the user; each reads a fixed number of queries whatever the records.

- worker: a person with a current position — their quota results this year (the quota page's
  evaluation), next training sessions, runs open to them, supervision to confirm;
- station head: each station they head — its staff lines (the station dashboard's evaluation),
  the monthly report it works on now (R17), supervision not yet confirmed there;
- supervisor: their current assignments with the term's countdown and R6 flag, sessions not
  yet confirmed, the next planned sessions;
- administrator: the regions whose dashboards they see; one region and no other section sends
  them straight to its dashboard.
"""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import scope
from accounts.models import User
from accounts.roles import Action, Role
from directory import selectors as directory_selectors
from directory.models import Person, Region
from lms import selectors as lms_selectors
from quotas.selectors import home as quota_home
from quotas.selectors import rule_results
from quotas.selectors.regions import dashboard_roots
from supervision import selectors as supervision_selectors
from supervision import terms

WORKER, STATION_HEAD, SUPERVISOR, ADMINISTRATOR = (
    "worker",
    "station_head",
    "supervisor",
    "administrator",
)
SHORT_LIST = 5  # items a section lists before linking to the full page


def sections_of(*, user: User, person: Person | None, today: dt.date) -> list[str]:
    """The home's sections for the roles the user holds, most specific first: the worker's own
    work, the station they head, the stations they supervise, the regions they administer."""
    held = {grant.role for grant in scope.grants_of(user)}
    sections = []
    if (
        person is not None
        and directory_selectors.current_positions(on=today, person=person).exists()
    ):
        sections.append(WORKER)
    if Role.STATION_HEAD in held:
        sections.append(STATION_HEAD)
    if Role.SUPERVISOR in held and supervision_selectors.profile_of_user(user=user) is not None:
        sections.append(SUPERVISOR)
    if Role.REGION_ADMIN in held:
        sections.append(ADMINISTRATOR)
    return sections


def landing_region(*, sections: list[str], regions: list[Region]) -> Region | None:
    """An administrator with nothing else to do here and one region lands on its dashboard."""
    return regions[0] if sections == [ADMINISTRATOR] and len(regions) == 1 else None


def administered_regions(*, user: User) -> list[Region]:
    """The regions whose dashboards the user sees (the tops of their grants)."""
    return list(dashboard_roots(user=user))


@dataclass(frozen=True)
class Listed:
    """The first few items of a list and how many there are in all."""

    items: list
    count: int


def _listed(queryset) -> Listed:
    items = list(queryset[:SHORT_LIST])
    count = len(items) if len(items) < SHORT_LIST else queryset.count()
    return Listed(items=items, count=count)


def worker_section(*, person: Person, now: dt.datetime, today: dt.date) -> dict:
    """The worker's year against the rules that bind them (as on `quotas:mine`), their next
    training sessions, the runs open to them and supervision waiting for their confirmation."""
    open_to = lms_selectors.runs_open_to(person=person, now=now)
    open_runs = lms_selectors.catalogue(
        open_to=open_to,
        only_open=True,
        near_path=lms_selectors.learner_path(person=person, today=today),
        ending_after=today,
    )
    return {
        "year": today.year,
        "results": rule_results.evaluate_person(person=person, year=today.year, today=today),
        "sessions": list(lms_selectors.next_sessions_of(person=person, now=now)[:SHORT_LIST]),
        "open_runs": _listed(open_runs),
        "to_confirm": _listed(supervision_selectors.awaiting_answer_of(person=person)),
    }


def station_head_sections(*, user: User, today: dt.date) -> list[dict]:
    """Each station the user heads: its staff lines this year, the monthly report it works on
    now and the supervision there not yet confirmed."""
    stations = (
        scope.service_points_visible_to(user, Action.FILE_REPORTS)
        .select_related("region")
        .order_by("code")
    )
    return [
        {
            "station": station,
            "year": today.year,
            "staff": quota_home.staff_lines(service_point=station, year=today.year, today=today),
            "report": quota_home.report_now(service_point=station, today=today),
            "unconfirmed": _listed(supervision_selectors.pending_at(service_points=[station])),
        }
        for station in stations
    ]


def supervisor_section(*, user: User, now: dt.datetime, today: dt.date) -> dict:
    """The supervisor's current stations with the countdown to each term's end and its R6 flag,
    their sessions not yet confirmed and the next planned ones."""
    profile = supervision_selectors.profile_of_user(user=user)
    assignments = supervision_selectors.current_assignments_of(supervisor=profile, today=today)
    return {
        "assignments": [
            {
                "assignment": assignment,
                "days_left": terms.days_left(planned_end_on=assignment.end_on, today=today),
                "months_left": terms.months_left(planned_end_on=assignment.end_on, today=today),
                "flag": supervision_selectors.term_flag(assignment=assignment),
            }
            for assignment in assignments
        ],
        "unconfirmed": _listed(supervision_selectors.unconfirmed_sessions_of(supervisor=profile)),
        "planned": list(
            supervision_selectors.planned_sessions_of(supervisor=profile, now=now)[:SHORT_LIST]
        ),
    }


@dataclass(frozen=True)
class Waiting:
    """One kind of work waiting for an administrator in the back office: a count and the page
    that handles it."""

    label: str
    count: int
    url: str


def waiting_for(*, user: User, today: dt.date) -> list[Waiting]:
    """What waits for an administrator, within their scope, for the back office's home: open
    supervision disputes, enrolments and external training to approve, monthly reports owed,
    overdue or to review (R17). Each only where their role handles it."""
    waiting = []
    if scope.may_anywhere(user, Action.MANAGE_SUPERVISION):
        disputes = supervision_selectors.disputes_for_user(user=user).count()
        waiting.append(Waiting(_("督导记录异议待处理"), disputes, reverse("supervision:disputes")))
    if scope.may_anywhere(user, Action.APPROVE_TRAINING):
        approvals = reverse("lms:approvals")
        enrolments = lms_selectors.pending_enrolments_for_user(user=user).count()
        claims = lms_selectors.pending_external_for_user(user=user).count()
        waiting.append(Waiting(_("培训报名待审核"), enrolments, approvals))
        waiting.append(Waiting(_("外部培训学时待审核"), claims, approvals))
    if scope.may_anywhere(user, Action.REVIEW_REPORTS):
        regions = administered_regions(user=user)
        url = (
            reverse("quotas:region_reports", args=[regions[0].pk])
            if len(regions) == 1
            else reverse("quotas:regions")
        )
        reports = quota_home.reports_waiting(user=user, today=today)
        waiting.append(Waiting(_("月报逾期未报送"), reports.overdue, url))
        waiting.append(Waiting(_("月报本期待报送"), reports.due, url))
        waiting.append(Waiting(_("月报待审核"), reports.to_review, url))
    return waiting
