"""Supervisees confirm or dispute their part; administrators resolve disputes (R7)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from supervision.models import (
    Supervisee,
    SupervisionSession,
)
from supervision.services import summary
from supervision.services.years import require_open_year


def _answerable(supervisee: Supervisee) -> None:
    require_open_year(supervisee.session.service_point, supervisee.held_on)
    if supervisee.session.status == SupervisionSession.Status.CANCELLED:
        raise ValidationError(_("该督导活动已取消，无需确认。"))
    if supervisee.session.status == SupervisionSession.Status.PLANNED:
        raise ValidationError(_("该督导活动尚未开展，开展后才能确认。"))


@transaction.atomic
def supervisee_confirm(*, supervisee: Supervisee, confirmed_by: User) -> Supervisee:
    """The worker (or their station head) confirms the minutes received."""
    supervisee = (
        Supervisee.objects.select_for_update().select_related("session").get(pk=supervisee.pk)
    )
    counted_before = summary.counted([supervisee.session_id])
    _answerable(supervisee)
    if supervisee.state != Supervisee.State.PENDING:
        raise ValidationError(_("这条记录已经处理过了。"))
    supervisee.state = Supervisee.State.CONFIRMED
    supervisee.answered_at = timezone.now()
    supervisee.answered_by = confirmed_by
    supervisee.save(update_fields=["state", "answered_at", "answered_by"])
    summary.apply(counted_before, summary.counted([supervisee.session_id]))
    audit_record(
        actor=confirmed_by,
        verb="supervisee.confirm",
        target=supervisee,
        before={"state": "pending"},
        after={"state": "confirmed", "minutes": supervisee.minutes},
    )
    return supervisee


@transaction.atomic
def supervisee_dispute(*, supervisee: Supervisee, reason: str, disputed_by: User) -> Supervisee:
    """The worker disputes their part; the county administrator resolves it."""
    if not reason.strip():
        raise ValidationError({"reason": _("请说明异议的理由。")})
    supervisee = (
        Supervisee.objects.select_for_update().select_related("session").get(pk=supervisee.pk)
    )
    counted_before = summary.counted([supervisee.session_id])
    _answerable(supervisee)
    if supervisee.state not in {Supervisee.State.PENDING, Supervisee.State.CONFIRMED}:
        raise ValidationError(_("这条记录已经处理过了。"))
    before = {"state": supervisee.state}
    supervisee.state = Supervisee.State.DISPUTED
    supervisee.dispute_reason = reason.strip()
    supervisee.answered_at = timezone.now()
    supervisee.answered_by = disputed_by
    supervisee.save(update_fields=["state", "dispute_reason", "answered_at", "answered_by"])
    summary.apply(counted_before, summary.counted([supervisee.session_id]))
    audit_record(
        actor=disputed_by,
        verb="supervisee.dispute",
        target=supervisee,
        before=before,
        after={"state": "disputed", "reason": supervisee.dispute_reason},
    )
    return supervisee


@transaction.atomic
def dispute_resolve(
    *, supervisee: Supervisee, upheld: bool, resolution: str, resolved_by: User
) -> Supervisee:
    """The administrator decides: an upheld dispute removes the minutes from the counts,
    a rejected one confirms them."""
    if not resolution.strip():
        raise ValidationError({"resolution": _("请填写处理意见。")})
    supervisee = (
        Supervisee.objects.select_for_update().select_related("session").get(pk=supervisee.pk)
    )
    counted_before = summary.counted([supervisee.session_id])
    require_open_year(supervisee.session.service_point, supervisee.held_on)
    if supervisee.state != Supervisee.State.DISPUTED:
        raise ValidationError(_("这条记录没有待处理的异议。"))
    supervisee.state = Supervisee.State.REJECTED if upheld else Supervisee.State.CONFIRMED
    supervisee.resolution = resolution.strip()
    supervisee.resolved_at = timezone.now()
    supervisee.resolved_by = resolved_by
    supervisee.save(update_fields=["state", "resolution", "resolved_at", "resolved_by"])
    summary.apply(counted_before, summary.counted([supervisee.session_id]))
    audit_record(
        actor=resolved_by,
        verb="supervisee.resolve",
        target=supervisee,
        before={"state": "disputed"},
        after={"state": supervisee.state, "resolution": supervisee.resolution},
    )
    return supervisee
