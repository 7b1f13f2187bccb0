from django.utils import timezone

from outbox import services


def mail_send(mail_id: int) -> None:
    services.mail_send(mail_id=mail_id)


def mails_due_send() -> int:
    """Every minute (django-q2 schedule): retry due mail and mail whose task was never queued."""
    return services.mails_due_send(now=timezone.now())
