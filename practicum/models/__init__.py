"""Practicum (R15): universities place social-work students at practice-base stations."""

from practicum.models.bases import PracticeBase
from practicum.models.evaluations import Evaluation, EvaluationForm
from practicum.models.placements import Application, Placement
from practicum.models.programmes import Programme, Student
from practicum.models.supervision import StudentSupervision
from practicum.models.weekly_logs import WeeklyLog

__all__ = [
    "Application",
    "Evaluation",
    "EvaluationForm",
    "PracticeBase",
    "Placement",
    "Programme",
    "Student",
    "StudentSupervision",
    "WeeklyLog",
]
