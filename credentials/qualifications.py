"""Qualifications (R21): the worker enters them with a scan, an administrator verifies them;
registrations are 3-year periods, renewed as new rows, with reminders before they expire."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from core.conflicts import refused_on_conflict
from core.files import original_name
from core.links import absolute_url
from credentials import registration as rules
from credentials.models import Qualification, Registration, RegistrationReminder
from outbox.services import mail_queue

REMINDER_DAYS = (90, 30)


@transaction.atomic
def qualification_submit(
    *, person, level: str, certificate_number: str, passed_on: dt.date, scan, registered_on, by
) -> Qualification:
    with refused_on_conflict(_("该证书编号已登记。")):
        qualification = Qualification.objects.create(
            person=person,
            level=level,
            certificate_number=certificate_number,
            passed_on=passed_on,
            scan=scan,
            original_name=original_name(scan),
        )
    if registered_on:
        registration_add(qualification=qualification, starts_on=registered_on, by=by)
    audit_record(actor=by, verb="qualification.submit", target=qualification)
    return qualification


@transaction.atomic
def registration_add(*, qualification: Qualification, starts_on: dt.date, by) -> Registration:
    """A registration from `starts_on` for 3 years (R21); periods of one qualification must not
    overlap."""
    ends_on = rules.registration_ends_on(starts_on=starts_on)
    overlapping = qualification.registrations.filter(starts_on__lte=ends_on, ends_on__gte=starts_on)
    if overlapping.exists():
        raise ValidationError(_("与已有的登记期重叠：续期应从上一登记期结束后开始。"))
    with refused_on_conflict(_("与已有的登记期重叠：续期应从上一登记期结束后开始。")):
        created = Registration.objects.create(
            qualification=qualification, starts_on=starts_on, ends_on=ends_on
        )
    audit_record(actor=by, verb="registration.add", target=created)
    return created


@transaction.atomic
def qualification_verify(*, qualification: Qualification, by) -> Qualification:
    if qualification.verified_at is None:
        qualification.verified_at = timezone.now()
        qualification.verified_by = by
        qualification.save(update_fields=["verified_at", "verified_by"])
        audit_record(actor=by, verb="qualification.verify", target=qualification)
    return qualification


def reminders_send(*, today: dt.date) -> int:
    """Mail holders whose registration ends in exactly 90 or 30 days (R21); each once."""
    sent = 0
    for days in REMINDER_DAYS:
        due = Registration.objects.filter(ends_on=today + dt.timedelta(days=days)).select_related(
            "qualification__person__user"
        )
        for registration in due:
            sent += _remind(registration=registration, days=days)
    return sent


@transaction.atomic
def _remind(*, registration: Registration, days: int) -> int:
    _row, created = RegistrationReminder.objects.get_or_create(
        registration=registration, days_before=days
    )
    user = registration.qualification.person.user
    if not created or user is None or not user.email:
        return 0
    mail_queue(
        to=user.email,
        subject=_("[社工站平台] 您的职业资格登记将于 %(days)s 天后到期") % {"days": days},
        body=_(
            "您好！您的%(level)s（证书编号 %(number)s）登记有效期至 %(ends)s。"
            "请在到期前 3 个月内办理续期，并准备继续教育学时证明：%(url)s"
        )
        % {
            "level": registration.qualification.get_level_display(),
            "number": registration.qualification.certificate_number,
            "ends": registration.ends_on,
            "url": absolute_url("credentials:progress"),
        },
    )
    return 1
