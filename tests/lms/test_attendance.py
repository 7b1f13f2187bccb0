import datetime as dt
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from directory.identity import mask_id_number
from lms import selectors
from lms.models import Attendance, HourEntry, HourSummary
from lms.services import attendance, ledger, sheet
from lms.services import enrolment as enrolments
from tests import factories
from tests.lms.conftest import make_run, worker

FULL_WIDTH = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")


@pytest.fixture
def enrolled(run, wang_fang):
    enrolments.enrolment_create(run=run, person=wang_fang, user=wang_fang.user)
    return wang_fang


def _sessions(run):
    return list(run.sessions.order_by("starts_at"))


def test_checklist_credits_one_ledger_row_per_session_once(run, enrolled, trainer):
    session = _sessions(run)[0]
    for _ in range(2):
        attendance.attendance_mark(
            session=session,
            people=[enrolled],
            marked_by=trainer,
            method=Attendance.Method.CHECKLIST,
        )
    entry = HourEntry.objects.get()
    assert (entry.person_id, entry.minutes, entry.kind, entry.providing_level, entry.source) == (
        enrolled.pk,
        180,
        "practice",
        "county",
        "attendance",
    )
    assert entry.on == timezone.localdate(session.starts_at)
    assert HourSummary.objects.get().minutes == 180


def test_session_not_yet_started_is_refused(run, enrolled, trainer):
    future = _sessions(run)[2]
    with pytest.raises(ValidationError, match="尚未开始"):
        attendance.attendance_mark(
            session=future, people=[enrolled], marked_by=trainer, method=Attendance.Method.CHECKLIST
        )
    assert not Attendance.objects.exists() and not HourEntry.objects.exists()


def test_people_not_enrolled_are_refused_by_count_not_name(run, tree, trainer):
    stranger = worker(tree, "路人")
    with pytest.raises(ValidationError, match="有 1 人未报名该期培训") as caught:
        attendance.attendance_mark(
            session=_sessions(run)[0],
            people=[stranger],
            marked_by=trainer,
            method=Attendance.Method.CHECKLIST,
        )
    assert "路人" not in str(caught.value)


def test_completion_and_partial_credit(course, wang_fang, trainer):
    start = timezone.now() - dt.timedelta(days=10)
    run = make_run(course, sessions=5, start=start, trainers=[trainer])
    enrolments.enrolment_create(run=run, person=wang_fang, user=wang_fang.user)
    sessions = _sessions(run)
    for session in sessions[:3]:
        attendance.attendance_mark(
            session=session,
            people=[wang_fang],
            marked_by=trainer,
            method=Attendance.Method.CHECKLIST,
        )
    [row] = selectors.run_roster(run=run)
    assert (row["attended"], row["minutes"], row["completed"]) == (3, 540, False)
    attendance.attendance_mark(
        session=sessions[3],
        people=[wang_fang],
        marked_by=trainer,
        method=Attendance.Method.CHECKLIST,
    )
    [row] = selectors.run_roster(run=run)
    assert (row["attended"], row["minutes"], row["completed"]) == (4, 720, True)
    mistaken = HourEntry.objects.filter(person=wang_fang).order_by("pk").last()
    ledger.hour_entry_reverse(entry=mistaken, reason="点错了", entered_by=trainer)
    [row] = selectors.run_roster(run=run)
    assert (row["attended"], row["minutes"], row["completed"]) == (3, 540, False)


def test_qr_sign_in_only_during_the_session(run, enrolled):
    now_session, _, later = _sessions(run)
    now = timezone.now()
    now_session.starts_at, now_session.ends_at = (
        now - dt.timedelta(minutes=5),
        now + dt.timedelta(hours=1),
    )
    now_session.save()
    token = attendance.qr_token(session=now_session)
    assert attendance.qr_session_id(token=token) == now_session.pk
    attendance.attendance_sign_in(session=now_session, person=enrolled, user=enrolled.user)
    assert Attendance.objects.get().method == Attendance.Method.QR
    with pytest.raises(ValidationError, match="尚未开始"):
        attendance.attendance_sign_in(session=later, person=enrolled, user=enrolled.user)
    ended = _sessions(run)[1]
    ended.starts_at, ended.ends_at = now - dt.timedelta(hours=3), now - dt.timedelta(hours=1)
    ended.save()
    with pytest.raises(ValidationError, match="已结束"):
        attendance.attendance_sign_in(session=ended, person=enrolled, user=enrolled.user)
    with pytest.raises(ValidationError, match="无效"):
        attendance.qr_session_id(token=token + "x")


def test_qr_sign_in_of_someone_not_enrolled_is_refused(run, tree):
    session = _sessions(run)[0]
    session.ends_at = timezone.now() + dt.timedelta(hours=1)
    session.save()
    stranger = worker(tree, "路人")
    with pytest.raises(ValidationError, match="您未报名该期培训"):
        attendance.attendance_sign_in(session=session, person=stranger, user=stranger.user)
    assert not Attendance.objects.exists()


def _sheet(rows):
    workbook = openpyxl.Workbook()
    workbook.active.append(["姓名", "身份证号"])
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("签到表.xlsx", buffer.getvalue())


def test_sheet_preview_matches_and_lists_every_problem(run, tree, enrolled, zhang_min):
    run.capacity = 5
    run.save()
    twin_a, twin_b = worker(tree, "李明"), worker(tree, "李明")
    outsider = worker(tree, "未报名")
    for person in (twin_a, twin_b):
        enrolments.enrolment_assign(run=run, person=person, assigned_by=person.user)
    preview = sheet.sheet_preview(
        run=run,
        user=zhang_min.user,
        uploaded_file=_sheet(
            [
                ["王芳", enrolled.id_number.lower()],
                ["李明", ""],
                ["张三", "110101199003074514"],
                ["未报名", outsider.id_number],
                ["王五", enrolled.id_number],
                ["李明", twin_a.id_number],
            ]
        ),
    )
    assert [(r.line, r.problem) for r in preview.rows] == [
        (2, ""),
        (3, "ambiguous"),
        (4, "unusable"),
        (5, "not_enrolled"),
        (6, "name_mismatch"),
        (7, ""),
    ]
    assert [p.pk for p in preview.people] == [enrolled.pk, twin_a.pk]
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("typed_name", ["赵六", "某某"])
def test_sheet_ids_outside_the_uploaders_reach_read_as_unknown(
    run, tree, enrolled, zhang_min, trainer, typed_name
):
    """An ID number is looked up among the run's enrolled people and the uploader's own scope
    only: a county-B person's number, right name or wrong, reads like a number nobody holds, and
    a trainer (no scope) learns nothing about an unenrolled county-A worker either."""
    zhao = worker(tree, "赵六", station=tree.station_b)
    local = worker(tree, "本县社工")
    lines = [[typed_name, zhao.id_number], ["无名", factories.make_id_number()]]
    preview = sheet.sheet_preview(run=run, user=zhang_min.user, uploaded_file=_sheet(lines))
    assert [(r.problem, r.person) for r in preview.rows] == [("unusable", None)] * 2
    rows = [["本县社工", local.id_number], ["本县社工", local.id_number.translate(FULL_WIDTH)]]
    by_admin = sheet.sheet_preview(run=run, user=zhang_min.user, uploaded_file=_sheet(rows[:1]))
    by_trainer = sheet.sheet_preview(run=run, user=trainer, uploaded_file=_sheet(rows[1:]))
    assert [r.problem for r in by_admin.rows + by_trainer.rows] == ["not_enrolled", "unusable"]


def test_sheet_matches_full_width_id_numbers(run, enrolled, trainer):
    typed = enrolled.id_number.translate(FULL_WIDTH)
    preview = sheet.sheet_preview(run=run, user=trainer, uploaded_file=_sheet([["王芳", typed]]))
    assert [(r.problem, r.person, r.id_masked) for r in preview.rows] == [
        ("", enrolled, mask_id_number(enrolled.id_number))
    ]


def test_sheet_confirmation_is_signed_for_the_session(run, enrolled, trainer):
    preview = sheet.sheet_preview(
        run=run, user=trainer, uploaded_file=_sheet([["王芳", enrolled.id_number]])
    )
    first, second, _ = _sessions(run)
    token = sheet.confirmation_token(preview=preview, session=first)
    assert sheet.confirmation_ids(token=token, session=first) == [enrolled.pk]
    with pytest.raises(ValidationError):
        sheet.confirmation_ids(token=token, session=second)
