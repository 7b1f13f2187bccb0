from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_q.tasks import async_task

from outbox.models import OutgoingMail


def mail_queue(*, to: str, subject: str, body: str) -> OutgoingMail:
    """Write an outbox row now; send it by id once the surrounding transaction commits."""
    mail = OutgoingMail.objects.create(to=to, subject=subject, body=body)
    transaction.on_commit(partial(async_task, "outbox.tasks.mail_send", mail.pk))
    return mail


def mail_send(*, mail_id: int) -> None:
    """Send one outbox row; rows already sent are skipped, so a retry never sends twice.

    A failure is recorded on the row and re-raised so that django-q2 retries the task.
    """
    mail = OutgoingMail.objects.get(pk=mail_id)
    if mail.sent_at:
        return
    rows = OutgoingMail.objects.filter(pk=mail_id)
    try:
        send_mail(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.to])
    except OSError as error:  # smtplib errors are OSErrors
        rows.update(attempts=F("attempts") + 1, last_error=str(error))
        raise
    rows.update(attempts=F("attempts") + 1, sent_at=timezone.now(), last_error="")
