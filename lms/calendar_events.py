"""Training sessions in the user's private calendar feed (calendars/events.py)."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from calendars.events import CalendarEvent
from core.links import absolute_url
from directory.selectors import person_of_user
from lms import selectors


def events_for_user(*, user) -> Iterable[CalendarEvent]:
    """Sessions of runs the user is enrolled in (waitlisted and pending ones are not); sessions
    of a cancelled enrolment, and cancelled sessions, stay in the feed as cancelled."""
    person = person_of_user(user=user)
    if person is None:
        return []
    return [
        CalendarEvent(
            uid=f"lms-session-{session.pk}@shegongzhan",
            summary=_("培训：%(title)s") % {"title": session.run.course.title},
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            location=session.location or session.run.course.location,
            url=absolute_url("lms:course_detail", session.run.course_id),
            sequence=0 if session.active and not session.cancelled else 1,
            cancelled=session.cancelled or not session.active,
        )
        for session in selectors.sessions_for_attendee(person=person)
    ]
