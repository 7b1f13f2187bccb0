import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from lms.models import Attendance, Enrolment, ExternalTraining, HourEntry
from lms.services import attendance, enrolment, ledger
from tests.imports.files import handmade_xlsx, inline_row, sheet_xml
from tests.lms.conftest import make_run, worker


def test_worker_enrols_attends_and_sees_hours(client, run, wang_fang, trainer):
    client.force_login(wang_fang.user)
    response = client.post(reverse("lms:enrol", args=[run.pk]), follow=True)
    assert "报名成功" in response.content.decode()
    session = run.sessions.order_by("starts_at").first()
    client.force_login(trainer)
    client.post(reverse("lms:session_attendance", args=[session.pk]), {"present": [wang_fang.pk]})
    client.force_login(wang_fang.user)
    page = client.get(reverse("lms:my_hours")).content.decode()
    assert "3.0" in page and "实务培训" in page and "县级" in page


def test_enrol_twice_shows_message_and_saves_nothing(client, run, wang_fang):
    client.force_login(wang_fang.user)
    client.post(reverse("lms:enrol", args=[run.pk]))
    response = client.post(reverse("lms:enrol", args=[run.pk]), follow=True)
    assert "重复报名" in response.content.decode()
    assert Enrolment.objects.count() == 1


def test_attendance_before_start_refused_on_page(client, run, wang_fang, trainer):
    enrolment.enrolment_create(run=run, person=wang_fang, user=wang_fang.user)
    future = run.sessions.order_by("starts_at").last()
    client.force_login(trainer)
    response = client.post(
        reverse("lms:session_attendance", args=[future.pk]),
        {"present": [wang_fang.pk]},
        follow=True,
    )
    assert "尚未开始" in response.content.decode()
    assert not Attendance.objects.exists()


def _xlsx(rows):
    workbook = openpyxl.Workbook()
    workbook.active.append(["姓名", "身份证号"])
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("sheet.xlsx", buffer.getvalue())


def test_sheet_import_preview_then_confirm(client, run, wang_fang, trainer):
    enrolment.enrolment_create(run=run, person=wang_fang, user=wang_fang.user)
    session = run.sessions.order_by("starts_at").first()
    url = reverse("lms:session_import", args=[session.pk])
    client.force_login(trainer)
    bad = client.post(url, {"file": _xlsx([["王芳", wang_fang.id_number], ["无名", ""]])})
    page = bad.content.decode()
    assert "查无此姓名" in page and 'name="confirm"' not in page
    assert not Attendance.objects.exists()
    good = client.post(url, {"file": _xlsx([["王芳", wang_fang.id_number]])})
    token = good.context["confirm"]
    assert token and not Attendance.objects.exists()
    client.post(url, {"confirm": token})
    assert Attendance.objects.get().method == "sheet"
    assert HourEntry.objects.get().minutes == 180


def test_sheet_import_refuses_a_sheet_claiming_a_million_rows(client, settings, run, trainer):
    """The sign-in sheet goes through the import's reader, row limit included."""
    settings.IMPORT_MAX_ROWS = 5000
    rows = inline_row(1, ["姓名", "身份证号"]) + inline_row(1_000_000, ["王芳", ""])
    session = run.sessions.order_by("starts_at").first()
    client.force_login(trainer)
    response = client.post(
        reverse("lms:session_import", args=[session.pk]),
        {"file": handmade_xlsx(sheet_xml(rows), name="签到表.xlsx")},
    )
    assert "文件过大或行数超过 5000 行，请拆分后再上传。" in response.content.decode()
    assert response.context["preview"] is None


def test_qr_page_and_sign_in(client, run, wang_fang, trainer):
    enrolment.enrolment_create(run=run, person=wang_fang, user=wang_fang.user)
    session = run.sessions.order_by("starts_at").first()
    now = timezone.now()
    session.starts_at, session.ends_at = now - dt.timedelta(minutes=1), now + dt.timedelta(hours=1)
    session.save()
    client.force_login(trainer)
    assert "<svg" in client.get(reverse("lms:session_qr", args=[session.pk])).content.decode()
    client.force_login(wang_fang.user)
    url = reverse("lms:sign_in", args=[attendance.qr_token(session=session)])
    client.post(url)
    assert Attendance.objects.get().method == "qr"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [("证书.exe", b"MZ", "只能是"), ("证书.pdf", b"GIF89a", "不符")],
)
def test_external_wrong_evidence_refused(client, wang_fang, name, content, message):
    client.force_login(wang_fang.user)
    data = {"title": "外训", "organiser": "协会", "kind": "policy", "providing_level": "city",
            "starts_on": "2026-05-01", "ends_on": "2026-05-01", "hours": "2",
            "evidence": SimpleUploadedFile(name, content)}  # fmt: skip
    response = client.post(reverse("lms:external_new"), data)
    assert message in response.content.decode()
    assert not ExternalTraining.objects.exists()


def test_external_over_a_day_refused_and_good_one_saved(client, wang_fang):
    client.force_login(wang_fang.user)
    data = {"title": "外训", "organiser": "协会", "kind": "policy", "providing_level": "city",
            "starts_on": "2026-05-01", "ends_on": "2026-05-01", "hours": "25",
            "evidence": SimpleUploadedFile("a.pdf", b"%PDF-1.4")}  # fmt: skip
    assert "24 小时" in client.post(reverse("lms:external_new"), data).content.decode()
    data["hours"], data["evidence"] = "2.5", SimpleUploadedFile("a.pdf", b"%PDF-1.4")
    client.post(reverse("lms:external_new"), data)
    assert ExternalTraining.objects.get().minutes == 150


def test_export_is_a_workbook(client, run, wang_fang, zhang_min):
    enrolment.enrolment_create(run=run, person=wang_fang, user=wang_fang.user)
    client.force_login(zhang_min.user)
    body = client.get(reverse("lms:run_export", args=[run.pk])).content
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    assert sheet.cell(3, 1).value == "王芳"


def _many(course, tree, n):
    people = [worker(tree, f"学员{i}") for i in range(n)]
    for i in range(n * 3):
        ledger.hour_entry_adjust(
            person=people[0],
            on=dt.date(2024 + i % 3, 3, 1),
            minutes=60,
            kind="policy",
            providing_level="city",
            reason="补录",
            entered_by=people[0].user,
        )
    for i in range(n):
        run = make_run(course, capacity=n + 1, sessions=1)
        for person in people[: i + 1]:
            enrolment.enrolment_create(run=run, person=person, user=person.user)
    return people


@pytest.mark.parametrize("n", [2, 6])
def test_list_query_counts_do_not_grow(
    client, course, tree, zhang_min, station_head, n, django_assert_max_num_queries
):
    people = _many(course, tree, n)
    client.force_login(people[0].user)
    for name in ["lms:catalogue", "lms:my_courses", "lms:my_hours"]:
        with django_assert_max_num_queries(12):
            assert client.get(reverse(name)).status_code == 200
    client.force_login(zhang_min.user)
    for name in ["lms:manage", "lms:approvals", "lms:people_hours"]:
        with django_assert_max_num_queries(12):
            assert client.get(reverse(name)).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("lms:person_hours", args=[people[0].pk])).status_code == 200


def test_station_head_approves_pending_enrolment_on_page(
    client, course, wang_fang, station_head, django_capture_on_commit_callbacks
):
    run = make_run(course, mode="approval")
    pending = enrolment.enrolment_create(run=run, person=wang_fang, user=wang_fang.user)
    client.force_login(station_head.user)
    assert "王芳" in client.get(reverse("lms:approvals")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("lms:enrolment_decide", args=[pending.pk]), {"approve": "1"})
    pending.refresh_from_db()
    assert pending.status == "enrolled"


def test_home_links_by_role(client, wang_fang, zhang_min):
    client.force_login(wang_fang.user)
    page = client.get(reverse("accounts:home")).content.decode()
    assert "我的学时" in page and "培训组织" not in page
    client.force_login(zhang_min.user)
    page = client.get(reverse("accounts:overview")).content.decode()
    assert "培训审核" in page and "培训组织" in page


def test_people_hours_lists_scope_with_year_totals(client, wang_fang, zhang_min, chen_jing):
    ledger.hour_entry_adjust(
        person=wang_fang,
        on=dt.date(2025, 5, 1),
        minutes=90,
        kind="policy",
        providing_level="county",
        reason="补录",
        entered_by=zhang_min.user,
    )
    client.force_login(zhang_min.user)
    page = client.get(reverse("lms:people_hours"), {"year": "2025"}).content.decode()
    assert "王芳" in page and "1.5" in page
    client.force_login(chen_jing.user)
    assert "王芳" not in client.get(reverse("lms:people_hours")).content.decode()


def test_catalogue_filters(client, course, tree, wang_fang):
    now = timezone.now()
    past = make_run(course, sessions=1, start=now - dt.timedelta(days=60))
    full = make_run(course, capacity=1, sessions=1, start=now + dt.timedelta(days=3))
    enrolment.enrolment_create(run=full, person=wang_fang, user=wang_fang.user)
    other = make_run(course, sessions=1, start=now + dt.timedelta(days=9))
    other.name = "第二期"
    other.save()
    client.force_login(wang_fang.user)

    def runs(**params):
        response = client.get(reverse("lms:catalogue"), {"show": "all", **params})
        return {run.pk for run in response.context["page"].object_list}

    assert runs() == {full.pk, other.pk}
    assert past.pk in runs(starts_after="2000-01-01")
    assert runs(places_left="on") == {other.pk}
    assert runs(kind="policy") == set()
    assert runs(q="实务技巧", level="county", region=tree.county_a.pk) == {full.pk, other.pk}
    assert runs(region=tree.county_b.pk) == set()


def test_cancel_redirects_only_inside_the_site(client, run, wang_fang):
    mine = enrolment.enrolment_create(run=run, person=wang_fang, user=wang_fang.user)
    client.force_login(wang_fang.user)
    response = client.post(reverse("lms:cancel", args=[mine.pk]), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("lms:my_courses")


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "hours", "message"),
    [
        ("2000-01-01", "9999-12-31", "100", "日期应在"),
        ("2000-01-01", "9999-12-31", "100", "尚未结束"),
        ("2016-01-01", "2018-01-01", "100", "不能超过一年"),
        ("2026-05-01", "2026-05-01", "99999", "24 小时"),
    ],
)
def test_implausible_external_claims_are_refused(
    client, wang_fang, starts_on, ends_on, hours, message
):
    client.force_login(wang_fang.user)
    data = {"title": "外训", "organiser": "协会", "kind": "policy", "providing_level": "city",
            "starts_on": starts_on, "ends_on": ends_on, "hours": hours,
            "evidence": SimpleUploadedFile("a.pdf", b"%PDF-1.4")}  # fmt: skip
    response = client.post(reverse("lms:external_new"), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not ExternalTraining.objects.exists()


def test_people_hours_of_year_99999_falls_back_with_a_message(client, zhang_min):
    client.force_login(zhang_min.user)
    response = client.get(reverse("lms:people_hours"), {"year": "99999"})
    assert response.status_code == 200 and "年度应在" in response.content.decode()
