"""What a certificate certifies, frozen at issue time, built from the training ledger and the
supervision records (R7, R8, R11, R12)."""

import datetime as dt

from django.utils.translation import gettext as _

from core import units
from directory.models import Person
from lms import selectors as lms_selectors
from lms.models import Kind, Level
from supervision import selectors as supervision_selectors
from supervision.models import CommitteeLevel, SessionForm, SupervisorProfile


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def period_title(*, starts_on: dt.date, ends_on: dt.date) -> str:
    if (starts_on.month, starts_on.day, ends_on.month, ends_on.day) == (1, 1, 12, 31) and (
        starts_on.year == ends_on.year
    ):
        return _("%(year)s 年度学时证明") % {"year": starts_on.year}
    return _("学时证明（%(start)s 至 %(end)s）") % {"start": starts_on, "end": ends_on}


def hours_snapshot(*, person: Person, starts_on: dt.date, ends_on: dt.date) -> dict:
    """Training minutes by kind and providing level, and confirmed supervision received by
    providing level, for one person and period; `total_minutes` says whether there is anything."""
    training = lms_selectors.person_minutes(person=person, starts_on=starts_on, ends_on=ends_on)
    received = supervision_selectors.minutes_received(
        person=person, starts_on=starts_on, ends_on=ends_on
    )
    training_rows = [
        [_label(Kind, kind), _label(Level, level), units.hours(minutes)]
        for (kind, level), minutes in sorted(training.items())
    ]
    supervision_rows = [
        [_label(CommitteeLevel, level), units.hours(parts["confirmed"])]
        for level, parts in sorted(received.items())
        if parts["confirmed"]
    ]
    training_total = sum(training.values())
    supervision_total = sum(parts["confirmed"] for parts in received.values())
    return {
        "title": period_title(starts_on=starts_on, ends_on=ends_on),
        "statement": _(
            "兹证明 %(name)s 在 %(start)s 至 %(end)s 期间参加专业培训与接受专业督导的学时如下"
            "（数据取自本平台培训学时台账及经双方确认的督导记录）。"
        )
        % {"name": person.name, "start": starts_on, "end": ends_on},
        "holder": {"name": person.name, "id_number_masked": person.id_number_masked},
        "period": {"starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat()},
        "sections": [
            {
                "heading": _("培训学时"),
                "columns": [_("培训类别"), _("提供层级"), _("学时")],
                "rows": training_rows,
                "total": units.hours(training_total) if training_rows else "",
                "empty": _("本期间无培训学时记录。"),
            },
            {
                "heading": _("接受专业督导"),
                "columns": [_("督导提供层级"), _("学时")],
                "rows": supervision_rows,
                "total": units.hours(supervision_total) if supervision_rows else "",
                "empty": _("本期间无经确认的督导记录。"),
            },
        ],
        "minutes": {"training": training_total, "supervision": supervision_total},
    }


def supervision_given_snapshot(*, profile: SupervisorProfile, year: int) -> dict:
    """Supervision a supervisor gave in a year, by station and form, confirmed hours only (R7:
    the record counts for the supervisor's own promotion and selection)."""
    person = profile.person
    rows = supervision_selectors.minutes_given(supervisor=profile, year=year)
    confirmed = [row for row in rows if row["confirmed_minutes"]]
    total = sum(row["confirmed_minutes"] for row in confirmed)
    return {
        "title": _("%(year)s 年度督导服务证明") % {"year": year},
        "statement": _(
            "兹证明 %(name)s 于 %(year)s 年度为下列社工站提供专业督导，学时均经受督导方确认。"
        )
        % {"name": person.name, "year": year},
        "holder": {"name": person.name, "id_number_masked": person.id_number_masked},
        "period": {"starts_on": f"{year}-01-01", "ends_on": f"{year}-12-31"},
        "sections": [
            {
                "heading": _("提供督导"),
                "columns": [_("服务站点"), _("督导形式"), _("已确认学时")],
                "rows": [
                    [
                        row["service_point__name"],
                        _label(SessionForm, row["form"]),
                        units.hours(row["confirmed_minutes"]),
                    ]
                    for row in confirmed
                ],
                "total": units.hours(total) if confirmed else "",
                "empty": _("本年度无经确认的督导记录。"),
            }
        ],
        "minutes": {"supervision_given": total},
    }


def completion_snapshot(*, enrolment) -> dict | None:
    """A completed run of a course (R11, R12): attendance against the run's rule, hours credited;
    None when the person has not completed it."""
    run = enrolment.run
    course = run.course
    row = next(
        (r for r in lms_selectors.run_roster(run=run) if r["enrolment"].pk == enrolment.pk), None
    )
    if row is None or not row["completed"]:
        return None
    held = sum(1 for session in run.sessions.all() if not session.cancelled)
    person = enrolment.person
    return {
        "title": _("结业证明"),
        "statement": _(
            "兹证明 %(name)s 参加“%(course)s”（%(run)s）培训，出勤达到结业要求，准予结业。"
        )
        % {"name": person.name, "course": course.title, "run": run.name},
        "holder": {"name": person.name, "id_number_masked": person.id_number_masked},
        "period": {"starts_on": run.starts_on.isoformat(), "ends_on": run.ends_on.isoformat()},
        "sections": [
            {
                "heading": _("培训信息"),
                "columns": [_("项目"), _("内容")],
                "rows": [
                    [_("课程"), course.title],
                    [_("培训类别"), _label(Kind, course.kind)],
                    [_("提供层级"), _label(Level, course.providing_level)],
                    [_("期次"), run.name],
                    [_("出勤"), f"{row['attended']}/{held}"],
                    [_("认定学时"), units.hours(row["minutes"])],
                ],
                "total": "",
                "empty": "",
            }
        ],
        "minutes": {"training": row["minutes"]},
    }


def award_snapshot(
    *,
    person: Person,
    competition: str,
    organiser: str,
    entry_title: str,
    award_level: str,
    authorship: str,
    awarded_on: dt.date,
) -> dict:
    """An award in a competition (R14: excellent workers are hired first, so HR must be able to
    trust it): the competition, its organiser, the entry's title, the award level, the holder's
    part in the entry and the date the results became final."""
    return {
        "title": _("获奖证明"),
        "statement": _(
            "兹证明 %(name)s 的作品《%(entry)s》在“%(competition)s”中荣获%(level)s，特此证明。"
        )
        % {
            "name": person.name,
            "entry": entry_title,
            "competition": competition,
            "level": award_level,
        },
        "holder": {"name": person.name, "id_number_masked": person.id_number_masked},
        "period": {"starts_on": awarded_on.isoformat(), "ends_on": awarded_on.isoformat()},
        "sections": [
            {
                "heading": _("获奖信息"),
                "columns": [_("项目"), _("内容")],
                "rows": [
                    [_("竞赛评选"), competition],
                    [_("主办单位"), organiser],
                    [_("作品"), entry_title],
                    [_("作者身份"), authorship],
                    [_("奖项"), award_level],
                    [_("结果确定日期"), awarded_on.isoformat()],
                ],
                "total": "",
                "empty": "",
            }
        ],
        "award": {
            "competition": competition,
            "entry_title": entry_title,
            "award_level": award_level,
            "awarded_on": awarded_on.isoformat(),
        },
    }


def practicum_snapshot(
    *,
    person: Person,
    university: str,
    school: str,
    programme: str,
    station: str,
    starts_on: dt.date,
    ends_on: dt.date,
    confirmed_minutes: int,
    required_minutes: int,
    field_supervisor: str,
    tutor: str,
    grade: str,
) -> dict:
    """A completed placement (R15): the university and school, the programme, the host station,
    the period, the hours the field supervisor confirmed against the programme's requirement,
    the field supervisor and the university tutor, and the tutor's final grade."""
    return {
        "title": _("实习证明"),
        "statement": _(
            "兹证明 %(university)s%(programme)s专业学生 %(name)s 于 %(start)s 至 %(end)s 在"
            "%(station)s完成专业实习，经站点督导确认的实习时数为 %(hours)s 小时，成绩%(grade)s。"
        )
        % {
            "university": university,
            "programme": programme,
            "name": person.name,
            "start": starts_on,
            "end": ends_on,
            "station": station,
            "hours": units.hours(confirmed_minutes),
            "grade": grade,
        },
        "holder": {"name": person.name, "id_number_masked": person.id_number_masked},
        "period": {"starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat()},
        "sections": [
            {
                "heading": _("实习信息"),
                "columns": [_("项目"), _("内容")],
                "rows": [
                    [_("高校"), university],
                    [_("院系"), school or "—"],
                    [_("专业"), programme],
                    [_("实习站点"), station],
                    [_("实习期间"), f"{starts_on.isoformat()} ~ {ends_on.isoformat()}"],
                    [_("已确认实习时数（小时）"), units.hours(confirmed_minutes)],
                    [_("专业要求时数（小时）"), units.hours(required_minutes)],
                    [_("站点实习督导"), field_supervisor],
                    [_("校内导师"), tutor],
                    [_("最终成绩"), grade],
                ],
                "total": "",
                "empty": "",
            }
        ],
        "minutes": {"practicum": confirmed_minutes},
    }
