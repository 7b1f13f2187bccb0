"""Competitions (R14): contests, entries, review, results and quiz rounds."""

from competitions.models.contests import Competition, Criterion
from competitions.models.entries import CASE_SECTIONS, Entry, EntryFile
from competitions.models.quiz import Answer, Attempt, Question
from competitions.models.review import (
    Assignment,
    ConflictDeclaration,
    Objection,
    Result,
    Score,
)

__all__ = [
    "CASE_SECTIONS",
    "Answer",
    "Assignment",
    "Attempt",
    "Competition",
    "ConflictDeclaration",
    "Criterion",
    "Entry",
    "EntryFile",
    "Objection",
    "Question",
    "Result",
    "Score",
]
