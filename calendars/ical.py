"""iCalendar files (RFC 5545) with icalendar: times in Asia/Shanghai with a VTIMEZONE."""

import datetime as dt
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.utils import timezone

from calendars.events import CalendarEvent

PRODID = "-//shegongzhan//supervision-and-training//ZH"


def _localise(value: dt.datetime | dt.date) -> dt.datetime | dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value)  # Asia/Shanghai, with its TZID in the file
    return value


def _component(event: CalendarEvent, *, stamp: dt.datetime) -> icalendar.Event:
    component = icalendar.Event()
    component.add("uid", event.uid)
    component.add("dtstamp", stamp)
    component.add("dtstart", _localise(event.starts_at))
    component.add("dtend", _localise(event.ends_at))
    component.add("summary", event.summary)
    component.add("sequence", event.sequence)
    component.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    if event.last_modified_at:
        component.add("last-modified", event.last_modified_at.astimezone(dt.UTC))
    if event.location:
        component.add("location", event.location)
    if event.description:
        component.add("description", event.description)
    if event.url:
        component.add("url", event.url)
    return component


def render_calendar(
    events: Iterable[CalendarEvent], *, name: str, now: dt.datetime | None = None
) -> bytes:
    """A calendar for a feed or a one-off download (METHOD:PUBLISH; cancelled events kept as
    STATUS:CANCELLED so that subscribed clients remove them)."""
    stamp = (now or timezone.now()).astimezone(dt.UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for event in events:
        calendar.add_component(_component(event, stamp=stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()
