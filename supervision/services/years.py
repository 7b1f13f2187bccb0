"""The annual lock: a station's closed supervision year, reopened only by an administrator."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from directory.models import ServicePoint
from supervision.models import (
    YearLock,
)


def year_locked(*, service_point: ServicePoint, year: int) -> bool:
    return YearLock.objects.filter(
        service_point=service_point, year=year, reopened_at__isnull=True
    ).exists()


def require_open_year(service_point: ServicePoint, *days: dt.date) -> None:
    for year in sorted({day.year for day in days}):
        if year_locked(service_point=service_point, year=year):
            raise ValidationError(
                _("%(station)s %(year)s 年度的督导记录已在年度考核中锁定，只有管理员可以重新开放。")
                % {"station": service_point, "year": year}
            )


@transaction.atomic
def year_close(
    *,
    service_point: ServicePoint,
    year: int,
    closed_by: User | None,
    now: dt.datetime | None = None,
) -> YearLock:
    """Lock a station's supervision year (called by the annual evaluation); idempotent."""
    now = now or timezone.now()
    lock, created = YearLock.objects.select_for_update().get_or_create(
        service_point=service_point, year=year, defaults={"closed_at": now, "closed_by": closed_by}
    )
    if not created and lock.reopened_at is not None:
        before = {"reopened_at": lock.reopened_at.isoformat(), "reason": lock.reason}
        lock.closed_at, lock.closed_by = now, closed_by
        lock.reopened_at = lock.reopened_by = None
        lock.reason = ""
        lock.save()
        audit_record(actor=closed_by, verb="year.close", target=lock, before=before)
    elif created:
        audit_record(actor=closed_by, verb="year.close", target=lock)
    return lock


@transaction.atomic
def year_reopen(*, lock: YearLock, reason: str, reopened_by: User) -> YearLock:
    """An administrator reopens a closed year, with a reason."""
    if not reason.strip():
        raise ValidationError({"reason": _("重新开放年度必须填写理由。")})
    if lock.reopened_at is None:
        lock.reopened_at = timezone.now()
        lock.reopened_by = reopened_by
        lock.reason = reason.strip()
        lock.save(update_fields=["reopened_at", "reopened_by", "reason"])
        audit_record(
            actor=reopened_by,
            verb="year.reopen",
            target=lock,
            before={"locked": True},
            after={"locked": False, "reason": lock.reason},
        )
    return lock
