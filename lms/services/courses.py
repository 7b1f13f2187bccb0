"""Courses and runs created by organisers (region administrators and training providers)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from core.files import original_name
from directory.models import Region
from lms.models import Course, CourseMaterial, CourseRun, Enrolment, TrainingSession
from outbox.services import mail_queue


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


@transaction.atomic
def session_cancel(*, session: TrainingSession, cancelled_by: User) -> TrainingSession:
    """Cancel a session that has not started; the enrolled are told and their calendars show
    it as cancelled. Attendance already recorded is never touched (ledger rows stay)."""
    session = (
        TrainingSession.objects.select_for_update().select_related("run__course").get(pk=session.pk)
    )
    if session.cancelled:
        return session
    if session.starts_at <= timezone.now():
        raise ValidationError(_("课次已开始，不能取消。"))
    session.cancelled = True
    session.save(update_fields=["cancelled"])
    audit_record(actor=cancelled_by, verb="lms.session.cancel", target=session)
    subject = _("培训课次取消：%(title)s %(when)s") % {
        "title": session.run.course.title,
        "when": timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M"),
    }
    emails = Enrolment.objects.filter(
        run_id=session.run_id, status=Enrolment.Status.ENROLLED, person__user__isnull=False
    ).values_list("person__user__email", flat=True)
    for email in emails:
        mail_queue(to=email, subject=subject, body=subject)
    return session


@transaction.atomic
def material_add(
    *, course: Course, added_by: User, title: str, file: UploadedFile | None = None, url: str = ""
) -> CourseMaterial:
    """A file (stored under a random name, its own name kept for the download) or a link."""
    material = CourseMaterial.objects.create(
        course=course, title=title, file=file, original_name=original_name(file), url=url
    )
    audit_record(actor=added_by, verb="lms.material.add", target=material)
    return material
