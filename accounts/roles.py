"""Roles, actions and which role may do what: plain data, no queries.

A role grant gives a user one of these roles over a scope (a region subtree, a service point or
a university); `accounts.scope` combines the two.
"""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    WORKER = "worker", _("社工")
    SUPERVISOR = "supervisor", _("督导")
    STATION_HEAD = "station_head", _("站长")
    REGION_ADMIN = "region_admin", _("民政管理员")
    TRAINING_PROVIDER = "training_provider", _("培训机构")
    UNIVERSITY_COORDINATOR = "university_coordinator", _("高校协调人")
    JUDGE = "judge", _("评审专家")
    PRACTICUM_TUTOR = "practicum_tutor", _("校内实习导师")
    PRACTICUM_STUDENT = "practicum_student", _("实习学生")
    EDITOR = "editor", _("内容编辑")


class Action(StrEnum):
    VIEW_DIRECTORY = "directory.view"  # lists of stations and people in scope
    MANAGE_DIRECTORY = "directory.manage"  # create and change regions, stations, people
    VIEW_SENSITIVE = "directory.view_sensitive"  # full ID and mobile numbers
    MANAGE_GRANTS = "accounts.manage_grants"  # grant roles and invite users
    EDIT_CONTENT = "cms.edit"  # Wagtail pages
    # Supervision (supervision/)
    VIEW_SUPERVISION = "supervision.view"  # a station's sessions, grids, archives
    LOG_SUPERVISION = "supervision.log"  # log sessions at stations one is assigned to
    CONFIRM_FOR_OTHERS = "supervision.confirm_for_others"  # station head confirms for staff
    MANAGE_SUPERVISION = "supervision.manage"  # profiles, assignments, disputes, reopen a year
    # Training (lms/)
    VIEW_TRAINING = "lms.view"  # a station's or region's training records
    MANAGE_COURSES = "lms.manage_courses"  # create courses; manage one's own runs and attendance
    MANAGE_OFFICE_COURSES = "lms.manage_office_courses"  # courses of an office or station in scope
    APPROVE_TRAINING = "lms.approve"  # enrolments needing approval, external training
    ADJUST_LEDGER = "lms.adjust"  # reversing and manual ledger rows
    # Quotas (quotas/)
    VIEW_QUOTAS = "quotas.view"  # compliance of a station's staff or a region
    FILE_REPORTS = "quotas.file_reports"  # a station's monthly reports (R17)
    REVIEW_REPORTS = "quotas.review_reports"  # accept or return monthly reports
    MANAGE_POLICY = "quotas.manage_policy"  # carry a region's rules forward after their plan
    # Competitions (competitions/, R14)
    MANAGE_COMPETITIONS = "competitions.manage"  # run contests: rules, judges, notice, awards
    JUDGE_ENTRIES = "competitions.judge"  # score the entries one is assigned to
    # Practicum (practicum/, R15)
    MANAGE_PRACTICUM = "practicum.manage"  # a university's bases, programmes, placements, students
    HOST_PRACTICUM = "practicum.host"  # a station's side: applications, students at the station


ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.WORKER: frozenset(),
    Role.SUPERVISOR: frozenset(
        {Action.VIEW_DIRECTORY, Action.VIEW_SUPERVISION, Action.LOG_SUPERVISION}
    ),
    Role.STATION_HEAD: frozenset(
        {
            Action.VIEW_DIRECTORY,
            Action.VIEW_SUPERVISION,
            Action.CONFIRM_FOR_OTHERS,
            Action.VIEW_TRAINING,
            Action.APPROVE_TRAINING,
            Action.VIEW_QUOTAS,
            Action.FILE_REPORTS,
            Action.HOST_PRACTICUM,
            Action.MANAGE_COMPETITIONS,  # local contests of their own station (R14)
        }
    ),
    Role.REGION_ADMIN: frozenset(
        {
            Action.VIEW_DIRECTORY,
            Action.MANAGE_DIRECTORY,
            Action.VIEW_SENSITIVE,
            Action.MANAGE_GRANTS,
            Action.VIEW_SUPERVISION,
            Action.MANAGE_SUPERVISION,
            Action.VIEW_TRAINING,
            Action.MANAGE_COURSES,
            Action.MANAGE_OFFICE_COURSES,
            Action.APPROVE_TRAINING,
            Action.ADJUST_LEDGER,
            Action.VIEW_QUOTAS,
            Action.REVIEW_REPORTS,
            Action.MANAGE_POLICY,
            Action.MANAGE_COMPETITIONS,
            Action.HOST_PRACTICUM,
        }
    ),
    Role.TRAINING_PROVIDER: frozenset({Action.MANAGE_COURSES}),
    Role.UNIVERSITY_COORDINATOR: frozenset({Action.MANAGE_PRACTICUM, Action.MANAGE_GRANTS}),
    Role.PRACTICUM_TUTOR: frozenset(),
    Role.PRACTICUM_STUDENT: frozenset(),
    Role.JUDGE: frozenset({Action.JUDGE_ENTRIES}),
    Role.EDITOR: frozenset({Action.EDIT_CONTENT}),
}

# How far each role reaches: a grantor may hand out a role only up to the rank of the grant
# they hold over the target (never a role above their own).
ROLE_RANK: dict[str, int] = {
    Role.WORKER: 1,
    Role.SUPERVISOR: 1,
    Role.JUDGE: 1,
    Role.STATION_HEAD: 2,
    Role.TRAINING_PROVIDER: 2,
    Role.UNIVERSITY_COORDINATOR: 2,
    Role.PRACTICUM_TUTOR: 1,
    Role.PRACTICUM_STUDENT: 1,
    Role.EDITOR: 2,
    Role.REGION_ADMIN: 3,
}

# Roles held over a university, and only over one (R15).
UNIVERSITY_ROLES = frozenset(
    {Role.UNIVERSITY_COORDINATOR, Role.PRACTICUM_TUTOR, Role.PRACTICUM_STUDENT}
)

# Roles that reach the Wagtail back office.
ADMIN_ROLES = frozenset({Role.REGION_ADMIN, Role.EDITOR})


def roles_allowing(action: Action) -> frozenset[str]:
    """The roles whose grants permit `action`."""
    return frozenset(role for role, actions in ROLE_ACTIONS.items() if action in actions)
