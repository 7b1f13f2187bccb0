"""Redis down (pointed at a closed port): pages degrade, queued work is not lost."""

import datetime as dt

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django_q.conf import Conf

from core import ratelimit
from outbox import services
from outbox.models import OutgoingMail


@pytest.fixture
def redis_cache_down(settings, closed_port):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ForgivingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/0",
        }
    }


@pytest.fixture
def redis_broker_down(monkeypatch, closed_port):
    """django-q2 as in production: not inline, Redis as the broker, here unreachable."""
    monkeypatch.setattr(Conf, "SYNC", False)
    monkeypatch.setattr(Conf, "ORM", None)
    monkeypatch.setattr(Conf, "DJANGO_REDIS", None)
    monkeypatch.setattr(Conf, "REDIS", f"redis://127.0.0.1:{closed_port}/0")


def test_cache_outage_answers_as_a_miss(redis_cache_down, caplog):
    assert cache.get("k", "default") == "default"
    assert cache.get_or_set("k", lambda: 42) == 42
    assert cache.add("k", 1) is False and cache.get_many(["k"]) == {}
    cache.set("k", 1)
    cache.delete("k")
    assert "cache down" in caplog.text


def test_rate_limit_lets_requests_through_when_it_cannot_count(redis_cache_down):
    assert ratelimit.allow(group="verify", key="203.0.113.1", limit=1, seconds=60)


@pytest.mark.django_db
def test_a_page_using_the_cache_still_answers(redis_cache_down, client):
    page = client.get(reverse("credentials:verify", args=["ABCD-EFGH"]))
    assert page.status_code == 404  # the ordinary "unknown code" page, not a 500
    assert "verify_unknown" in [
        t.name.rsplit("/", 1)[-1].removesuffix(".html") for t in page.templates
    ]


@pytest.mark.django_db
def test_mail_queued_while_the_broker_is_down_is_sent_by_the_sweep(
    redis_broker_down, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    with django_capture_on_commit_callbacks(execute=True):  # the broker refuses: no exception
        queued = services.mail_queue(to="a@example.cn", subject="通知", body="正文")
    assert "broker unavailable" in caplog.text
    queued.refresh_from_db()
    assert queued.state == OutgoingMail.State.PENDING and mail.outbox == []
    monkeypatch.undo()  # Redis is back; the worker runs the scheduled sweep
    assert services.mails_due_send(now=timezone.now() + dt.timedelta(minutes=3)) == 1
    queued.refresh_from_db()
    assert queued.state == OutgoingMail.State.SENT and len(mail.outbox) == 1
