"""Supervision events for users' calendar feeds: sessions they take part in and term ends."""

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from calendars.events import CalendarEvent
from core.links import absolute_url
from supervision.models import Assignment, SupervisionSession

FEED_DAYS_BACK = 400  # a year of past sessions stays in the feed


def session_event(*, session: SupervisionSession) -> CalendarEvent:
    """One session; the UID never changes and SEQUENCE is the session's version."""
    point = session.service_point
    summary = _("督导：%(topic)s（%(station)s）") % {"topic": session.topic, "station": point.name}
    return CalendarEvent(
        uid=f"supervision-session-{session.pk}@shegongzhan",
        summary=summary,
        starts_at=session.started_at,
        ends_at=session.started_at + dt.timedelta(minutes=session.duration_minutes),
        location=" ".join(part for part in (point.name, point.address) if part),
        description=session.get_form_display(),
        url=absolute_url("supervision:session_detail", session.pk),
        sequence=session.version,
        cancelled=session.status == SupervisionSession.Status.CANCELLED,
        last_modified_at=session.updated_at,
    )


def term_event(*, assignment: Assignment) -> CalendarEvent:
    """An all-day event on the last day of a supervisor's term (R6)."""
    end_on = assignment.end_on
    return CalendarEvent(
        uid=f"supervision-term-{assignment.pk}@shegongzhan",
        summary=_("督导任期到期：%(scope)s") % {"scope": assignment.scope},
        starts_at=end_on,
        ends_at=end_on + dt.timedelta(days=1),
        description=assignment.get_mode_display(),
        url=absolute_url("supervision:my_stations"),
        sequence=1 if assignment.ended_on else 0,
    )


def events_for_user(*, user) -> Iterable[CalendarEvent]:
    """Sessions where the user supervises or is supervised (cancelled ones as cancelled), from
    a year back; the end of each of their assignments' terms."""
    since = timezone.localdate() - dt.timedelta(days=FEED_DAYS_BACK)
    sessions = (
        SupervisionSession.objects.filter(
            Q(supervisors__person__user=user) | Q(supervisees__person__user=user),
            held_on__gte=since,
        )
        .distinct()
        .select_related("service_point")
        .order_by("started_at", "pk")
    )
    events = [session_event(session=session) for session in sessions]
    assignments = Assignment.objects.filter(supervisor__person__user=user).select_related(
        "service_point", "region"
    )
    events.extend(term_event(assignment=a) for a in assignments)
    return events
