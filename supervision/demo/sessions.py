"""Writing many sessions quickly: bulk_create in batches, supervisors and supervisees included."""

import datetime as dt
from collections import defaultdict
from itertools import islice
from zoneinfo import ZoneInfo

from django.utils import timezone

from directory.models import Position
from supervision import terms
from supervision.models import (
    Assignment,
    SessionForm,
    Supervisee,
    SupervisionSession,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")

SEED = 20210818 + 4

TERM_STARTS_ON = dt.date(2024, 3, 1)

TERM_ENDS_ON = dt.date(2027, 2, 28)

DURATIONS = (60, 90, 120, 120, 180)

TOPICS = (
    "个案工作评估与计划",
    "困境儿童个案研讨",
    "独居老人探访服务复盘",
    "小组工作设计与带领",
    "社区需求调研方法",
    "社工职业倦怠与自我照顾",
    "服务记录与档案规范",
    "项目成效评估指标",
    "志愿者队伍建设",
    "社会救助对象精准识别",
)

FORMS_BY_MODE = {
    Assignment.Mode.LINKED_EXPERT: (
        SessionForm.ONE_TO_ONE,
        SessionForm.GROUP,
        SessionForm.CASE_CONFERENCE,
    ),
    Assignment.Mode.CHIEF: (SessionForm.CIRCUIT, SessionForm.EVALUATION, SessionForm.ONLINE),
    Assignment.Mode.CIRCUIT: (SessionForm.CIRCUIT, SessionForm.GROUP, SessionForm.CASE_CONFERENCE),
}

BATCH = 5_000

CONFIRMED_AFTER_DAYS = 21


def staff_at(station_ids) -> dict[int, list[tuple[int, dt.date, dt.date | None, int | None]]]:
    rows = Position.objects.filter(service_point_id__in=station_ids).values_list(
        "service_point_id", "person_id", "starts_on", "ends_on", "person__user_id"
    )
    staff = defaultdict(list)
    for point, person, starts_on, ends_on, user in rows:
        staff[point].append((person, starts_on, ends_on, user))
    return staff


def write_sessions(
    plan, *, staff, today, rng, per_session, durations=DURATIONS, attends=None
) -> int:
    """Sessions for (station id, assignment, day) triples, with supervisors and supervisees:
    up to `per_session` of the staff present, each of them only with the chance `attends` gives
    for their person id (all of them without it). Sessions that have not started are planned."""
    Through = SupervisionSession.supervisors.through
    now = timezone.now()
    written = 0
    plan = iter(plan)
    while batch := list(islice(plan, BATCH)):
        sessions = []
        for point, assignment, day in batch:
            forms = FORMS_BY_MODE.get(assignment.mode, (SessionForm.CIRCUIT,))
            started_at = dt.datetime.combine(day, dt.time(rng.choice((9, 10, 14, 15))), SHANGHAI)
            sessions.append(
                SupervisionSession(
                    service_point_id=point,
                    providing_level=terms.providing_level(assignment.supervisor.committee_level),
                    form=rng.choice(forms),
                    started_at=started_at,
                    held_on=day,
                    duration_minutes=rng.choice(durations),
                    status=SupervisionSession.Status.HELD
                    if started_at <= now
                    else SupervisionSession.Status.PLANNED,
                    topic=rng.choice(TOPICS),
                    notes="督导围绕服务中的难点进行讨论，明确了下一步的服务计划。",
                    follow_up="两周内完成个案服务计划修订。",
                    created_at=now,
                    updated_at=now,
                )
            )
        SupervisionSession.objects.bulk_create(sessions, batch_size=1000)
        links, parts = [], []
        for session, (point, assignment, day) in zip(sessions, batch, strict=True):
            links.append(
                Through(
                    supervisionsession_id=session.pk, supervisorprofile_id=assignment.supervisor_id
                )
            )
            present = [
                s for s in staff.get(point, ()) if s[1] <= day and (s[2] is None or s[2] >= day)
            ]
            chosen = rng.sample(present, min(per_session, len(present)))
            if attends is not None:
                chosen = [s for s in chosen if rng.random() < attends[s[0]]]
            for person, _starts_on, _ends_on, user in chosen:
                confirmed = (
                    day < today - dt.timedelta(days=CONFIRMED_AFTER_DAYS) and rng.random() < 0.95
                )
                minutes = session.duration_minutes - (
                    30 if rng.random() < 0.15 and session.duration_minutes > 60 else 0
                )
                parts.append(
                    Supervisee(
                        session_id=session.pk,
                        person_id=person,
                        minutes=minutes,
                        held_on=day,
                        providing_level=session.providing_level,
                        state=Supervisee.State.CONFIRMED if confirmed else Supervisee.State.PENDING,
                        answered_at=session.started_at + dt.timedelta(days=2)
                        if confirmed
                        else None,
                        answered_by_id=user if confirmed else None,
                    )
                )
        Through.objects.bulk_create(links, batch_size=BATCH)
        Supervisee.objects.bulk_create(parts, batch_size=BATCH)
        written += len(sessions) + len(parts)
    return written
