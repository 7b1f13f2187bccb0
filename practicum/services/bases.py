"""Practice-base agreements (R15): recorded by the university's coordinator, their field
supervisors named by the host station, a reminder before they expire."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts import selectors as account_selectors
from accounts.models import User
from accounts.roles import Role
from audit.services import audit_record
from core.files import original_name
from core.links import absolute_url
from directory import selectors as directory_selectors
from directory.models import Agency, Person, ServicePoint, University
from outbox.services import mail_queue
from practicum.models import PracticeBase

EXPIRY_NOTICE_DAYS = 60
EDITABLE_FIELDS = ("school", "kind", "starts_on", "ends_on", "signed_on")


def is_expired(*, base: PracticeBase, today: dt.date) -> bool:
    """An agreement whose end date has passed is 已到期 and takes no new placement (R15)."""
    return base.ends_on < today


def expires_soon(*, base: PracticeBase, today: dt.date) -> bool:
    """In force and ending within the notice period (60 days)."""
    return today <= base.ends_on <= today + dt.timedelta(days=EXPIRY_NOTICE_DAYS)


def _snapshot(base: PracticeBase) -> dict:
    return {field: str(getattr(base, field) or "") for field in (*EDITABLE_FIELDS, "document")}


@transaction.atomic
def practice_base_create(
    *,
    university: University,
    host,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date,
    signed_on: dt.date | None,
    school: str,
    document,
    by: User,
) -> PracticeBase:
    """Record an agreement between `university` and `host` (a station or an agency). The signed
    document was checked by the form (PDF, size, content)."""
    base = PracticeBase(
        university=university,
        school=school,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        signed_on=signed_on,
        created_by=by,
        **_host_fields(host),
    )
    if document:
        base.document = document
        base.document_name = original_name(document)
    base.full_clean(exclude=["created_by"])
    base.save()
    audit_record(actor=by, verb="practice_base.create", target=base, after=_snapshot(base))
    return base


def _host_fields(host) -> dict:
    if isinstance(host, ServicePoint):
        return {"service_point": host, "agency": None}
    if isinstance(host, Agency):
        return {"service_point": None, "agency": host}
    raise ValidationError(_("协议的对方须是一个服务站点或一家社工机构。"))


@transaction.atomic
def practice_base_update(*, base: PracticeBase, changes: dict, document, by: User) -> PracticeBase:
    """Amend an agreement; every edit is audited with the values before and after. A new end
    date sends a new expiry reminder when it comes near."""
    before = _snapshot(base)
    old_ends_on = base.ends_on
    for field in EDITABLE_FIELDS:
        if field in changes:
            setattr(base, field, changes[field])
    if document:
        base.document = document
        base.document_name = original_name(document)
    if base.ends_on != old_ends_on:
        base.expiry_reminder_sent_on = None
    base.full_clean(exclude=["created_by"])
    if (
        base.placements.filter(ends_on__gt=base.ends_on).exists()
        or base.placements.filter(starts_on__lt=base.starts_on).exists()
    ):
        raise ValidationError(_("已有实习岗位的时间超出修改后的协议期限，请先调整这些岗位。"))
    base.save()
    audit_record(
        actor=by, verb="practice_base.update", target=base, before=before, after=_snapshot(base)
    )
    return base


def supervisor_candidates(*, base: PracticeBase, today: dt.date) -> QuerySet[Person]:
    """Who the host may name as field supervisor: people holding a current position at the
    host station (an agency host: at any station the agency runs)."""
    if base.service_point_id:
        positions = directory_selectors.current_positions(
            on=today, service_point_id=base.service_point_id
        )
    else:
        positions = directory_selectors.current_positions(on=today).filter(
            service_point__agency=base.agency
        )
    return directory_selectors.people_with_ids(
        ids=positions.values_list("person_id", flat=True)
    ).order_by("name", "pk")


@transaction.atomic
def field_supervisors_set(
    *, base: PracticeBase, people: list[Person], by: User, today: dt.date
) -> PracticeBase:
    """The host names the base's field supervisors, only among its current staff; someone who
    still supervises one of the base's placements stays named."""
    allowed = set(supervisor_candidates(base=base, today=today).values_list("pk", flat=True))
    chosen = {person.pk for person in people}
    if chosen - allowed:
        raise ValidationError(_("只能从本站点现任人员中指定实习督导。"))
    busy = set(
        base.placements.exclude(field_supervisor__in=chosen).values_list(
            "field_supervisor_id", flat=True
        )
    )
    if busy:
        raise ValidationError(_("仍在督导本基地实习岗位的人员不能移除。"))
    before = sorted(base.field_supervisors.values_list("pk", flat=True))
    base.field_supervisors.set(chosen)
    audit_record(
        actor=by,
        verb="practice_base.field_supervisors",
        target=base,
        before={"field_supervisors": before},
        after={"field_supervisors": sorted(chosen)},
    )
    return base


def _host_heads_emails(base: PracticeBase) -> list[str]:
    if not base.service_point_id:
        return []
    heads = account_selectors.users_holding(
        role=Role.STATION_HEAD, service_point_id=base.service_point_id
    )
    return [user.email for user in heads if user.email]


def _coordinator_emails(base: PracticeBase) -> list[str]:
    coordinators = account_selectors.users_holding(
        role=Role.UNIVERSITY_COORDINATOR, university_id=base.university_id
    )
    return [user.email for user in coordinators if user.email]


def practice_bases_remind_expiring(*, today: dt.date) -> int:
    """Mail the university's coordinators and the host station's heads once when an agreement
    is within 60 days of its end (R15); returns how many agreements were reminded."""
    due = PracticeBase.objects.filter(
        ends_on__gte=today,
        ends_on__lte=today + dt.timedelta(days=EXPIRY_NOTICE_DAYS),
        expiry_reminder_sent_on__isnull=True,
    ).select_related("university", "service_point", "agency")
    return sum(_remind(base=base, today=today) for base in due)


@transaction.atomic
def _remind(*, base: PracticeBase, today: dt.date) -> int:
    claimed = PracticeBase.objects.filter(pk=base.pk, expiry_reminder_sent_on__isnull=True).update(
        expiry_reminder_sent_on=today
    )
    if not claimed:
        return 0
    recipients = dict.fromkeys([*_coordinator_emails(base), *_host_heads_emails(base)])
    for email in recipients:
        mail_queue(
            to=email,
            subject=_("[社工站平台] 实践基地协议将于 %(ends)s 到期") % {"ends": base.ends_on},
            body=_(
                "您好！%(university)s 与 %(host)s 的%(kind)s协议将于 %(ends)s 到期，"
                "到期后不能再发布新的实习岗位。如需续签，请尽快办理：%(url)s"
            )
            % {
                "university": base.university,
                "host": base.host,
                "kind": base.get_kind_display(),
                "ends": base.ends_on,
                "url": absolute_url("practicum:coord_base_detail", base.pk),
            },
        )
    return 1
