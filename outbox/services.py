import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F
from django.utils import timezone

from core.tasks import enqueue_on_commit
from outbox import backoff
from outbox.models import OutgoingMail

logger = logging.getLogger(__name__)


def mail_queue(*, to: str, subject: str, body: str) -> OutgoingMail:
    """Write an outbox row now; send it by id once the surrounding transaction commits.

    If the broker is down the row simply waits: `mails_due_send` picks it up once the grace
    period (in which the queued task normally sends it) has passed.
    """
    grace = dt.timedelta(seconds=settings.OUTBOX_SWEEP_GRACE_SECONDS)
    mail = OutgoingMail.objects.create(
        to=to, subject=subject, body=body, next_attempt_at=timezone.now() + grace
    )
    enqueue_on_commit("outbox.tasks.mail_send", mail.pk)
    return mail


def mail_send(*, mail_id: int, now: dt.datetime | None = None) -> OutgoingMail:
    """Send one outbox row; rows already sent (or given up) are skipped, so a retry never sends
    twice.

    A failure (mail server down: SMTPException and connection errors are OSErrors) is counted on
    the row, which waits for its next attempt with exponential back-off and is given up after
    OUTBOX_MAX_ATTEMPTS. `now` (default: the clock) is when this attempt happens.
    """
    now = now or timezone.now()
    mail = OutgoingMail.objects.get(pk=mail_id)
    if mail.sent_at or mail.gave_up_at:
        return mail
    rows = OutgoingMail.objects.filter(pk=mail_id)
    try:
        send_mail(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.to])
    except OSError as error:
        _failure_record(mail=mail, error=error, now=now)
    else:
        rows.update(attempts=F("attempts") + 1, sent_at=now, last_error="")
    mail.refresh_from_db()
    return mail


def _failure_record(*, mail: OutgoingMail, error: OSError, now: dt.datetime) -> None:
    attempts = mail.attempts + 1
    changes = {"attempts": attempts, "last_error": f"{type(error).__name__}: {error}"}
    if backoff.gives_up(attempts=attempts, max_attempts=settings.OUTBOX_MAX_ATTEMPTS):
        changes["gave_up_at"] = now
        logger.error("mail %s given up after %s attempts: %s", mail.pk, attempts, error)
    else:
        changes["next_attempt_at"] = now + backoff.retry_delay(
            attempts=attempts,
            base_seconds=settings.OUTBOX_RETRY_BASE_SECONDS,
            max_seconds=settings.OUTBOX_RETRY_MAX_SECONDS,
        )
        logger.warning("mail %s not sent (attempt %s), retried later: %s", mail.pk, attempts, error)
    OutgoingMail.objects.filter(pk=mail.pk, sent_at__isnull=True).update(**changes)


def mails_due(*, now: dt.datetime) -> list[int]:
    return list(
        OutgoingMail.objects.filter(
            sent_at__isnull=True, gave_up_at__isnull=True, next_attempt_at__lte=now
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[: settings.OUTBOX_SWEEP_BATCH]
    )


def mails_due_send(*, now: dt.datetime) -> int:
    """The sweep (scheduled every minute): send every mail whose next attempt is due, here in
    the worker, so that mail queued while the broker was down is not lost. Returns how many."""
    due = mails_due(now=now)
    for mail_id in due:
        mail_send(mail_id=mail_id, now=now)
    return len(due)
