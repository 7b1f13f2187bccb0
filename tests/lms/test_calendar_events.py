import icalendar
from django.core import mail
from django.urls import reverse

from calendars import services as calendar_services
from lms import calendar_events
from lms.services import enrolment
from tests.lms.conftest import worker


def test_enrolled_sessions_in_feed_and_cancelled_as_cancelled(run, tree, wang_fang):
    mine = enrolment.enrolment_create(run=run, person=wang_fang, user=wang_fang.user)
    events = list(calendar_events.events_for_user(user=wang_fang.user))
    assert [e.uid for e in events] == [
        f"lms-session-{s.pk}@shegongzhan" for s in run.sessions.order_by("starts_at")
    ]
    assert not any(e.cancelled for e in events)
    enrolment.enrolment_cancel(enrolment=mine, user=wang_fang.user)
    events = list(calendar_events.events_for_user(user=wang_fang.user))
    assert len(events) == 3 and all(e.cancelled for e in events)


def test_waitlisted_sessions_not_in_feed(run, tree):
    people = [worker(tree, f"人{n}") for n in range(3)]
    for person in people:
        enrolment.enrolment_create(run=run, person=person, user=person.user)
    assert list(calendar_events.events_for_user(user=people[2].user)) == []


def test_sessions_reach_the_private_feed(client, run, wang_fang):
    enrolment.enrolment_create(run=run, person=wang_fang, user=wang_fang.user)
    token = calendar_services.feed_for_user(user=wang_fang.user).token
    body = client.get(reverse("calendars:feed", args=[token])).content
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT")]
    assert f"lms-session-{run.sessions.first().pk}@shegongzhan" in uids


def test_cancelled_session_shows_cancelled_and_mails(
    client, run, wang_fang, zhang_min, django_capture_on_commit_callbacks
):
    enrolment.enrolment_create(run=run, person=wang_fang, user=wang_fang.user)
    later = run.sessions.order_by("starts_at").last()
    client.force_login(zhang_min.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("lms:session_cancel", args=[later.pk]))
    events = {e.uid: e for e in calendar_events.events_for_user(user=wang_fang.user)}
    assert events[f"lms-session-{later.pk}@shegongzhan"].cancelled
    assert sum(e.cancelled for e in events.values()) == 1
    assert "取消" in mail.outbox[0].subject
    started = run.sessions.order_by("starts_at").first()
    client.post(reverse("lms:session_cancel", args=[started.pk]))
    started.refresh_from_db()
    assert not started.cancelled
