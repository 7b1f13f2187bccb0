"""Supervision of placement students by the field supervisor or the tutor (R15, issue item 5).
It counts on the supervisor's portfolio under its own heading (R7) and never towards the
supervision quotas (R8, R9)."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from practicum import permissions
from practicum.models import Application, Placement, StudentSupervision

MAX_MINUTES = 8 * 60


def supervisor_of(*, user: User, placement: Placement):
    """The person who supervises as `user` at this placement: its field supervisor or its tutor;
    None for anyone else."""
    if permissions.is_field_supervisor(user, placement):
        return placement.field_supervisor
    if placement.tutor.user_id == user.pk:
        return placement.tutor
    return None


@transaction.atomic
def student_supervision_record(
    *,
    placement: Placement,
    form: str,
    held_on: dt.date,
    minutes: int,
    topics: str,
    notes: str,
    students: list[Application],
    by: User,
    today: dt.date | None = None,
) -> StudentSupervision:
    """Record one individual or group supervision (R15): by the placement's field supervisor or
    tutor (403 otherwise), on a day within the placement period and not in the future, with its
    minutes and topics, for accepted students of that placement only (one for an individual
    supervision)."""
    supervisor = supervisor_of(user=by, placement=placement)
    if supervisor is None:
        raise PermissionDenied(_("只有本岗位的站点督导或校内导师可以记录学生督导。"))
    today = today or timezone.localdate()
    errors = []
    if form not in StudentSupervision.Form.values:
        errors.append(_("请选择督导形式。"))
    if not placement.starts_on <= held_on <= placement.ends_on:
        errors.append(
            _("督导日期须在实习期间（%(start)s 至 %(end)s）内。")
            % {"start": placement.starts_on, "end": placement.ends_on}
        )
    if held_on > today:
        errors.append(_("督导日期不能晚于今天。"))
    if not 0 < minutes <= MAX_MINUTES:
        errors.append(_("督导时长应在 1 到 %(max)s 分钟之间。") % {"max": MAX_MINUTES})
    if not (topics or "").strip():
        errors.append(_("请填写督导主题。"))
    accepted = set(
        placement.applications.filter(state=Application.State.ACCEPTED).values_list("pk", flat=True)
    )
    chosen = {application.pk for application in students}
    if not chosen:
        errors.append(_("请至少选择一名学生。"))
    elif not chosen <= accepted:
        errors.append(_("只能选择本岗位已录用的学生。"))
    elif form == StudentSupervision.Form.INDIVIDUAL and len(chosen) != 1:
        errors.append(_("个别督导只能选择一名学生。"))
    if errors:
        raise ValidationError(errors)
    supervision = StudentSupervision.objects.create(
        placement=placement,
        supervisor=supervisor,
        form=form,
        held_on=held_on,
        minutes=minutes,
        topics=topics.strip(),
        notes=(notes or "").strip(),
        logged_by=by,
    )
    supervision.students.set(sorted(chosen))
    audit_record(
        actor=by,
        verb="practicum_supervision.record",
        target=supervision,
        after={"minutes": minutes, "students": sorted(chosen)},
    )
    return supervision
