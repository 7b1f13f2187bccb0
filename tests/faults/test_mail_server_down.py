"""Mail server down: mail stays in the outbox, is retried with back-off, given up visibly."""

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from outbox import backoff, services
from outbox.models import OutgoingMail


class FlakyBackend(EmailBackend):
    """Raises the queued errors one per send, then delivers like the in-memory backend."""

    failures: list[Exception] = []

    def send_messages(self, messages):
        if FlakyBackend.failures:
            raise FlakyBackend.failures.pop(0)
        return super().send_messages(messages)


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    settings.OUTBOX_RETRY_BASE_SECONDS = 60
    settings.OUTBOX_MAX_ATTEMPTS = 3
    yield FlakyBackend.failures
    FlakyBackend.failures.clear()


def queue_one(capture) -> OutgoingMail:
    with capture(execute=True):  # the send task runs inline (django-q2 sync) after commit
        queued = services.mail_queue(to="a@example.cn", subject="通知", body="正文")
    queued.refresh_from_db()
    return queued


def test_backoff_doubles_and_is_capped():
    delays = [
        backoff.retry_delay(attempts=n, base_seconds=60, max_seconds=300) for n in (1, 2, 3, 4)
    ]
    assert [d.total_seconds() for d in delays] == [60, 120, 240, 300]
    assert not backoff.gives_up(attempts=2, max_attempts=3)
    assert backoff.gives_up(attempts=3, max_attempts=3)


@pytest.mark.django_db
def test_mail_waits_in_the_outbox_and_is_retried_until_sent(
    flaky, django_capture_on_commit_callbacks
):
    flaky.extend([smtplib.SMTPException("421 service not available"), ConnectionRefusedError()])
    queued = queue_one(django_capture_on_commit_callbacks)
    assert queued.state == OutgoingMail.State.PENDING and queued.attempts == 1
    assert "SMTPException" in queued.last_error and mail.outbox == []
    first_retry = queued.next_attempt_at
    assert first_retry - timezone.now() > dt.timedelta(seconds=55)

    assert services.mails_due_send(now=timezone.now()) == 0  # not due yet: back-off holds
    assert services.mails_due_send(now=first_retry) == 1  # refused again
    queued.refresh_from_db()
    assert queued.attempts == 2 and "ConnectionRefusedError" in queued.last_error
    assert queued.next_attempt_at - first_retry >= dt.timedelta(seconds=120)  # doubled

    assert services.mails_due_send(now=queued.next_attempt_at) == 1  # the server is back
    queued.refresh_from_db()
    assert queued.state == OutgoingMail.State.SENT and queued.attempts == 3
    assert [m.subject for m in mail.outbox] == ["通知"]
    assert services.mails_due_send(now=queued.next_attempt_at + dt.timedelta(days=1)) == 0
    assert len(mail.outbox) == 1  # never sent twice


@pytest.mark.django_db
def test_mail_is_given_up_after_the_limit_and_shows_it(
    flaky, django_capture_on_commit_callbacks, caplog
):
    flaky.extend([ConnectionRefusedError()] * 5)
    queued = queue_one(django_capture_on_commit_callbacks)
    later = timezone.now() + dt.timedelta(days=1)
    services.mails_due_send(now=later)
    services.mails_due_send(now=later + dt.timedelta(days=1))
    queued.refresh_from_db()
    assert queued.state == OutgoingMail.State.FAILED and queued.attempts == 3
    assert "given up" in caplog.text
    assert services.mails_due_send(now=later + dt.timedelta(days=9)) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_outbox_admin_lists_the_state(admin_client, flaky, django_capture_on_commit_callbacks):
    flaky.append(ConnectionRefusedError())
    queue_one(django_capture_on_commit_callbacks)
    page = admin_client.get("/django-admin/outbox/outgoingmail/")
    assert page.status_code == 200 and "待发送" in page.content.decode()
