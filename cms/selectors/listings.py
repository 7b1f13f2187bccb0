"""The live lists that listing pages embed, read through the owning apps' selectors: only what
anyone may read (titles, kinds, regions, dates), never anything about people."""

import datetime as dt

from django.db.models import QuerySet

from competitions import selectors as competitions_selectors
from lms import selectors as lms_selectors
from practicum.selectors import public as practicum_public

COURSES, COMPETITIONS, PLACEMENTS = "courses", "competitions", "placements"


def listing_items(*, source: str, now: dt.datetime) -> QuerySet:
    """Courses with a run open for enrolment (soonest first), published competitions, or
    published practicum placements (R15)."""
    if source == COURSES:
        return lms_selectors.courses_open_matching(terms=[], now=now)
    if source == COMPETITIONS:
        return competitions_selectors.published_competitions()
    if source == PLACEMENTS:
        return practicum_public.placements_public()
    raise ValueError(f"unknown listing {source}")
