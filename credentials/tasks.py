from django.utils import timezone

from credentials import batches, qualifications, services


def certificate_render(certificate_id: int) -> None:
    services.certificate_render(certificate_id=certificate_id)


def certificates_unrendered_render() -> int:
    """Every five minutes (django-q2 schedule): certificates still waiting for their PDF."""
    return services.certificates_unrendered_render(now=timezone.now())


def batch_run(batch_id: int) -> None:
    batches.batch_run(batch_id=batch_id)


def registration_reminders() -> int:
    """Daily (django-q2 schedule): renewal reminders 90 and 30 days before expiry."""
    return qualifications.reminders_send(today=timezone.localdate())
