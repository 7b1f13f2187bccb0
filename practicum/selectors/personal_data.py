"""A person's practicum as a student, for their own copy of their data."""

from core.personal_data import personal_data_rows
from practicum.models import Application, Student


def personal_data_of(*, person) -> dict[str, list[dict]]:
    return {
        "实习学籍": personal_data_rows(
            Student.objects.filter(person=person).order_by("pk"),
            {"programme__name": "专业", "student_number": "学号", "cohort": "年级"},
        ),
        "实习申请": personal_data_rows(
            Application.objects.filter(student__person=person).order_by("created_at", "pk"),
            {
                "placement__title": "岗位",
                "placement__starts_on": "开始日期",
                "placement__ends_on": "结束日期",
                "state": "状态",
                "final_grade": "最终成绩",
            },
        ),
    }
