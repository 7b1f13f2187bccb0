import datetime as dt

import icalendar
import pytest
from django.urls import reverse

from calendars import events as calendar_events
from calendars import ical, services
from calendars.events import CalendarEvent

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def sample_events(*, user):
    return [
        CalendarEvent(
            uid="supervision-session-7@shegongzhan",
            summary="个案督导：定王台街道社工站",
            starts_at=dt.datetime(2026, 12, 1, 9, 30, tzinfo=SHANGHAI),
            ends_at=dt.datetime(2026, 12, 1, 11, 0, tzinfo=SHANGHAI),
            location="定王台街道社工站",
            sequence=2,
        ),
        CalendarEvent(
            uid="supervision-session-8@shegongzhan",
            summary="小组督导（已取消）",
            starts_at=dt.datetime(2026, 12, 3, 14, 0, tzinfo=SHANGHAI),
            ends_at=dt.datetime(2026, 12, 3, 15, 0, tzinfo=SHANGHAI),
            cancelled=True,
        ),
    ]


@pytest.fixture
def with_sample_source(monkeypatch):
    monkeypatch.setattr(calendar_events, "event_sources", lambda: [sample_events])


def _parse(body: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(body)


def test_calendar_has_vtimezone_and_local_times():
    calendar = _parse(ical.render_calendar(sample_events(user=None), name="测试"))
    zones = list(calendar.walk("VTIMEZONE"))
    assert [str(z["TZID"]) for z in zones] == ["Asia/Shanghai"]
    event = calendar.walk("VEVENT")[0]
    assert event.decoded("DTSTART").hour == 9
    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert calendar["METHOD"] == "PUBLISH"
    assert "DTSTAMP" in event


def test_uids_are_stable_across_regeneration():
    first = _parse(ical.render_calendar(sample_events(user=None), name="a"))
    second = _parse(ical.render_calendar(sample_events(user=None), name="a"))
    assert [str(e["UID"]) for e in first.walk("VEVENT")] == [
        str(e["UID"]) for e in second.walk("VEVENT")
    ]


def test_cancelled_event_is_marked_cancelled():
    calendar = _parse(ical.render_calendar(sample_events(user=None), name="a"))
    statuses = {str(e["UID"]): str(e["STATUS"]) for e in calendar.walk("VEVENT")}
    assert statuses["supervision-session-8@shegongzhan"] == "CANCELLED"
    assert statuses["supervision-session-7@shegongzhan"] == "CONFIRMED"


def test_feed_needs_no_login_and_serves_text_calendar(client, wang_fang, with_sample_source):
    feed = services.feed_for_user(user=wang_fang.user)
    response = client.get(reverse("calendars:feed", args=[feed.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert len(_parse(response.content).walk("VEVENT")) == 2


def test_reset_revokes_the_old_address(client, wang_fang, with_sample_source):
    old = services.feed_for_user(user=wang_fang.user).token
    client.force_login(wang_fang.user)
    assert client.post(reverse("calendars:reset")).status_code == 302
    client.logout()
    assert client.get(reverse("calendars:feed", args=[old])).status_code == 404
    new = services.feed_for_user(user=wang_fang.user).token
    assert client.get(reverse("calendars:feed", args=[new])).status_code == 200


def test_unknown_token_is_404(client, db):
    assert client.get(reverse("calendars:feed", args=["nope"])).status_code == 404


def test_manage_page_shows_address_and_needs_login(client, wang_fang):
    assert client.get(reverse("calendars:manage")).status_code == 302
    client.force_login(wang_fang.user)
    page = client.get(reverse("calendars:manage")).content.decode()
    assert services.feed_for_user(user=wang_fang.user).token in page


def test_reset_requires_post(client, wang_fang):
    client.force_login(wang_fang.user)
    assert client.get(reverse("calendars:reset")).status_code == 405
