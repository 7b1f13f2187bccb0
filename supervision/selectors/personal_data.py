"""Supervision a person received and gave, for their own copy of their data."""

from core.personal_data import personal_data_rows
from supervision.models import Supervisee, SupervisionSession


def personal_data_of(*, person) -> dict[str, list[dict]]:
    return {
        "接受督导": personal_data_rows(
            Supervisee.objects.filter(person=person).order_by("held_on", "pk"),
            {
                "held_on": "日期",
                "session__service_point__name": "服务站点",
                "session__topic": "主题",
                "minutes": "分钟",
                "providing_level": "提供层级",
                "state": "确认状态",
            },
        ),
        "提供督导": personal_data_rows(
            SupervisionSession.objects.filter(supervisors__person=person)
            .distinct()
            .order_by("held_on", "pk"),
            {
                "held_on": "日期",
                "service_point__name": "服务站点",
                "topic": "主题",
                "duration_minutes": "时长（分钟）",
                "status": "状态",
            },
        ),
    }
