"""Placements, management side (R15): the coordinator creates and edits a draft at one of the
university's bases, publishes it and closes it. Each save is checked against the agreement."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import selectors as account_selectors
from accounts.models import User
from accounts.roles import Role
from audit.services import audit_record
from directory import selectors as directory_selectors
from directory.models import University
from practicum.models import Application, Placement, PracticeBase
from practicum.services.bases import is_expired

DRAFT_FIELDS = (
    "title",
    "field",
    "term",
    "places",
    "starts_on",
    "ends_on",
    "weekly_schedule",
    "requirements",
    "field_supervisor",
    "tutor",
)
PUBLISHED_FIELDS = ("places", "weekly_schedule", "requirements")


def tutors_of(*, university: University):
    """People whose account holds an active practicum-tutor grant over the university."""
    users = account_selectors.users_holding(role=Role.PRACTICUM_TUTOR, university_id=university.pk)
    return directory_selectors.people_of_users(users=users)


def accepted_count(*, placement: Placement) -> int:
    return placement.applications.filter(state=Application.State.ACCEPTED).count()


def placement_problems(*, placement: Placement, today: dt.date) -> list[str]:
    """Why a placement cannot stand at its base (R15): the agreement must be in force for the
    whole period and not expired, the field supervisor named on the base, the tutor a tutor of
    the university, and no fewer places than students already accepted."""
    base: PracticeBase = placement.base
    problems = []
    if is_expired(base=base, today=today):
        problems.append(_("该实践基地协议已到期，不能再安排实习岗位。"))
    elif not base.covers(placement.starts_on, placement.ends_on):
        problems.append(
            _("实习期间须完全在协议期限（%(starts)s 至 %(ends)s）之内。")
            % {"starts": base.starts_on, "ends": base.ends_on}
        )
    if not base.field_supervisors.filter(pk=placement.field_supervisor_id).exists():
        problems.append(_("站点实习督导须是该基地已指定的督导。"))
    if not tutors_of(university=base.university).filter(pk=placement.tutor_id).exists():
        problems.append(_("校内导师须是本校的实习导师。"))
    if placement.pk:
        taken = accepted_count(placement=placement)
        if placement.places < taken:
            problems.append(_("名额不能少于已录用的 %(count)s 人。") % {"count": taken})
    return problems


def _check(placement: Placement, today: dt.date) -> None:
    placement.full_clean(exclude=["created_by"])
    problems = placement_problems(placement=placement, today=today)
    if problems:
        raise ValidationError(problems)


def _snapshot(placement: Placement) -> dict:
    return {field: str(getattr(placement, field)) for field in (*DRAFT_FIELDS, "status")}


@transaction.atomic
def placement_create(*, base: PracticeBase, data: dict, by: User, today: dt.date) -> Placement:
    """A draft placement at the base; nothing is saved if it does not fit the agreement."""
    placement = Placement(base=base, created_by=by, status=Placement.Status.DRAFT)
    for field in DRAFT_FIELDS:
        setattr(placement, field, data[field])
    _check(placement, today)
    placement.save()
    audit_record(actor=by, verb="placement.create", target=placement, after=_snapshot(placement))
    return placement


@transaction.atomic
def placement_update(*, placement: Placement, data: dict, by: User, today: dt.date) -> Placement:
    """A draft can change everything; a published placement its places, schedule and
    requirements only (students applied to the rest); a closed one nothing."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if placement.status == Placement.Status.CLOSED:
        raise ValidationError(_("已关闭的实习岗位不能修改。"))
    fields = DRAFT_FIELDS if placement.status == Placement.Status.DRAFT else PUBLISHED_FIELDS
    before = _snapshot(placement)
    for field in fields:
        if field in data:
            setattr(placement, field, data[field])
    _check(placement, today)
    placement.save()
    audit_record(
        actor=by,
        verb="placement.update",
        target=placement,
        before=before,
        after=_snapshot(placement),
    )
    return placement


@transaction.atomic
def placement_publish(*, placement: Placement, by: User, today: dt.date) -> Placement:
    """A draft goes on the public list once it still fits its agreement."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if placement.status != Placement.Status.DRAFT:
        raise ValidationError(_("只有草稿可以发布。"))
    _check(placement, today)
    placement.status = Placement.Status.PUBLISHED
    placement.published_at = timezone.now()
    placement.save(update_fields=["status", "published_at"])
    audit_record(actor=by, verb="placement.publish", target=placement)
    return placement


@transaction.atomic
def placement_close(*, placement: Placement, by: User) -> Placement:
    """No more applications; accepted students carry on."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if placement.status != Placement.Status.PUBLISHED:
        raise ValidationError(_("只有已发布的实习岗位可以关闭。"))
    placement.status = Placement.Status.CLOSED
    placement.save(update_fields=["status"])
    audit_record(actor=by, verb="placement.close", target=placement)
    return placement
