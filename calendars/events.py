"""The events a calendar shows, as plain values; apps supply them, `ical` renders them."""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps


@dataclass(frozen=True)
class CalendarEvent:
    """One event. `uid` must be stable across regenerations so that clients replace, not add;
    raise `sequence` whenever the event changes; `cancelled` events stay in feeds as cancelled."""

    uid: str
    summary: str
    starts_at: dt.datetime | dt.date
    ends_at: dt.datetime | dt.date
    location: str = ""
    description: str = ""
    url: str = ""
    sequence: int = 0
    cancelled: bool = False
    last_modified_at: dt.datetime | None = None


EventSource = Callable[..., Iterable[CalendarEvent]]


def event_sources() -> list[EventSource]:
    """`events_for_user(*, user)` of every installed app's `calendar_events` module.

    Apps plug their events in this way, so the calendar never imports them.
    """
    sources = []
    for config in apps.get_app_configs():
        name = f"{config.name}.calendar_events"
        if config.name != "calendars" and find_spec(name) is not None:
            sources.append(import_module(name).events_for_user)
    return sources


def events_for_user(*, user) -> list[CalendarEvent]:
    """Every app's events for `user`, in start order."""
    events = [event for source in event_sources() for event in source(user=user)]
    return sorted(events, key=lambda event: (str(event.starts_at), event.uid))
