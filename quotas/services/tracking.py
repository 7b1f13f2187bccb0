"""The weekly status and the quarterly meeting (R17: Jiaxing's 每周动态掌握 and 月报季例会), kept
only where a policy pack in force asks for them (quotas.selectors.obligations)."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from audit.services import audit_record
from core import periods
from core.conflicts import refused_on_conflict
from directory.models import Region, ServicePoint
from quotas.models import QuarterlyMeeting, WeeklyStatus
from quotas.selectors import obligations


def week_of(day: dt.date) -> dt.date:
    """The Monday that starts `day`'s week."""
    return day - dt.timedelta(days=day.weekday())


@transaction.atomic
def weekly_status_save(
    *, service_point: ServicePoint, text: str, by: User, today: dt.date
) -> WeeklyStatus:
    """R17: the station head writes this week's status, or rewrites it during the week; only
    where a pack in force asks for weekly statuses."""
    if not scope.role_allows(user=by, action=Action.FILE_REPORTS, obj=service_point):
        raise PermissionDenied(_("只有本站站长可以填写每周动态。"))
    if obligations.asked(path=service_point.region.path, name="weekly_status", on=today) is None:
        raise ValidationError(_("本地区现行政策未要求报送每周动态。"))
    text = text.strip()
    if not text:
        raise ValidationError(_("请填写本周动态。"))
    week = week_of(today)
    before = WeeklyStatus.objects.filter(service_point=service_point, week=week).first()
    with refused_on_conflict(_("本周动态刚刚已由他人填写，请刷新后再试。")):
        status, _created = WeeklyStatus.objects.update_or_create(
            service_point=service_point,
            week=week,
            defaults={"text": text, "by": by, "written_at": timezone.now()},
        )
    audit_record(
        actor=by,
        verb="weekly_status.save",
        target=status,
        before={"text": before.text} if before else None,
        after={"text": text},
    )
    return status


@transaction.atomic
def quarterly_meeting_record(
    *, region: Region, held_on: dt.date, attendees: int, minutes: str, by: User, today: dt.date
) -> QuarterlyMeeting:
    """R17: the region's administrator records a quarterly meeting held on a past day on which
    a pack in force asked for quarterly meetings."""
    if not scope.role_allows(user=by, action=Action.REVIEW_REPORTS, obj=region):
        raise PermissionDenied(_("只有辖区民政管理员可以记录季度例会。"))
    held_on = periods.day_within(held_on, today=today)
    if held_on > today:
        raise ValidationError(_("召开日期不能晚于今天。"))
    if obligations.asked(path=region.path, name="quarterly_meeting", on=held_on) is None:
        raise ValidationError(_("该日本地区政策未要求召开季度例会。"))
    minutes = minutes.strip()
    if not minutes:
        raise ValidationError(_("请填写会议纪要。"))
    meeting = QuarterlyMeeting.objects.create(
        region=region, held_on=held_on, attendees=attendees, minutes=minutes, recorded_by=by
    )
    audit_record(
        actor=by,
        verb="quarterly_meeting.record",
        target=meeting,
        after={"held_on": str(held_on), "attendees": attendees},
    )
    return meeting
