"""Courses, runs, sessions, enrolments, attendance and the append-only training-hours ledger.

Hours are integer minutes. `HourEntry` is the ledger (STYLE.md §5): rows are only ever added;
a mistake is fixed by a reversing row that points at the original.
"""

from lms.models.courses import (
    Attendance,
    Course,
    CourseMaterial,
    CourseRun,
    Enrolment,
    EnrolmentMode,
    Kind,
    Level,
    TrainingSession,
)
from lms.models.ledger import ExternalTraining, HourEntry, HourSummary, evidence_path

__all__ = [
    "Attendance",
    "Course",
    "CourseMaterial",
    "CourseRun",
    "Enrolment",
    "EnrolmentMode",
    "ExternalTraining",
    "HourEntry",
    "HourSummary",
    "Kind",
    "Level",
    "TrainingSession",
    "evidence_path",
]
