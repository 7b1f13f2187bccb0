"""Courses and runs created by organisers (region administrators and training providers)."""

import datetime as dt

from django.db import transaction

from accounts.models import User
from audit.services import audit_record
from directory.models import Region
from lms.models import Course, CourseRun, TrainingSession


@transaction.atomic
def course_create(
    *,
    created_by: User,
    region: Region,
    provider: User | None,
    audience_regions: list[Region],
    **fields,
) -> Course:
    """A course organised by `region`'s civil-affairs office, or by `provider` (then `region`
    is the region the provider serves)."""
    course = Course.objects.create(
        region=region,
        organiser_region=None if provider else region,
        organiser_provider=provider,
        **fields,
    )
    course.audience_regions.set(audience_regions)
    audit_record(actor=created_by, verb="lms.course.create", target=course)
    return course


@transaction.atomic
def run_create(
    *,
    course: Course,
    created_by: User,
    sessions: list[tuple[dt.datetime, dt.datetime]],
    trainers: list[User],
    **fields,
) -> CourseRun:
    """A run with its sessions; each session credits the course's minutes per session."""
    run = CourseRun.objects.create(course=course, **fields)
    run.trainers.set(trainers)
    TrainingSession.objects.bulk_create(
        TrainingSession(
            run=run,
            starts_at=starts,
            ends_at=ends,
            minutes=course.minutes_per_session,
            location=course.location,
        )
        for starts, ends in sessions
    )
    audit_record(
        actor=created_by, verb="lms.run.create", target=run, after={"sessions": len(sessions)}
    )
    return run
