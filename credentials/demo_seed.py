"""Demo certificates for `manage.py seed_demo` (directory/demo/extensions.py).

The first featured demo workers (worker1.<station>@example.cn) with training or supervision
hours get an hour certificate (学时证明) for the last finished year and one for the current year
to date (a few are enough to show; `issue_certificates` issues the rest). The PDFs are
rendered at once so that they can be downloaded as soon as the portal starts.
`report()` lists a few verification codes.
"""

import datetime as dt
import time

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from credentials import services
from credentials.models import (
    Certificate,
    CertificateBatch,
    Qualification,
    Registration,
    RegistrationReminder,
    ShareLink,
    VerificationEvent,
)
from directory.models import Person

WORKERS = 4
FEATURED = Q(user__email__startswith="worker1.") & Q(user__email__endswith="@example.cn")


def seed(*, scale: str, figures) -> None:
    started = time.perf_counter()
    today = timezone.localdate()
    periods = [
        (dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)),
        (dt.date(today.year, 1, 1), today),
    ]
    issued = 0
    for person in Person.objects.filter(FEATURED).order_by("pk")[:WORKERS]:
        for starts_on, ends_on in periods:
            issued += _issue(person=person, starts_on=starts_on, ends_on=ends_on)
    figures.add("credentials: hour certificates", time.perf_counter() - started, issued)


def _issue(*, person: Person, starts_on: dt.date, ends_on: dt.date) -> int:
    if services.current_certificate(
        holder=person, kind=Certificate.Kind.HOURS, starts_on=starts_on, ends_on=ends_on
    ):
        return 0
    try:
        certificate = services.hour_certificate_issue(
            person=person, starts_on=starts_on, ends_on=ends_on, issued_by=None
        )
    except ValidationError:  # no hours in that period: nothing to certify
        return 0
    services.certificate_render(certificate_id=certificate.pk)
    return 1


def report() -> list[str]:
    """Lines for the end of `seed_demo`: where to verify a few demo certificates."""
    lines = ["Demo hour certificates (verify at /verify/ with the short code, no login):"]
    shown = Certificate.objects.filter(
        revoked_at__isnull=True, superseded_at__isnull=True
    ).select_related("holder")[:6]
    for certificate in shown:
        lines.append(
            f"  {certificate.short_code}  {certificate.holder.name}  "
            f"{certificate.period_starts_on}~{certificate.period_ends_on}  "
            f"/verify/{certificate.code}/"
        )
    return lines


def reset() -> None:
    """Delete every certificate, batch, share link and qualification (before the directory)."""
    VerificationEvent.objects.all().delete()
    ShareLink.objects.all().delete()
    Certificate.objects.update(supersedes=None)
    Certificate.objects.all().delete()
    CertificateBatch.objects.all().delete()
    RegistrationReminder.objects.all().delete()
    Registration.objects.all().delete()
    Qualification.objects.all().delete()
