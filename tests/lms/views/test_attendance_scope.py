"""Attendance pages name no one beyond the run they belong to (STYLE §4: ids filtered first).

张敏 (county A) organises the run and 王芳 is enrolled; 赵六 works in county B and is not. Whatever
张敏 posts about 赵六 (his pk in the checklist, his ID number in a sign-in sheet) reads like an
unknown entry: his name, and whether or where he is registered, never appear.
"""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lms.models import Attendance
from lms.services import enrolment
from tests import factories
from tests.lms.conftest import worker

UNUSABLE = "无法使用：请核对身份证号或联系上级管理员。"


@pytest.fixture
def zhao_liu(tree):
    return worker(tree, "赵六", station=tree.station_b)


@pytest.fixture
def session(run, wang_fang):
    enrolment.enrolment_create(run=run, person=wang_fang, user=wang_fang.user)
    return run.sessions.order_by("starts_at").first()


def _sheet(rows) -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    workbook.active.append(["姓名", "身份证号"])
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("签到表.xlsx", buffer.getvalue())


def _hints(tree) -> tuple[str, ...]:
    return ("赵六", "名下", "不符", "未报名", tree.county_b.name, tree.station_b.name)


def test_checklist_with_a_foreign_pk_names_no_one_and_marks_no_one(
    client, tree, session, zhang_min, wang_fang, zhao_liu
):
    client.force_login(zhang_min.user)
    url = reverse("lms:session_attendance", args=[session.pk])
    response = client.post(url, {"present": [wang_fang.pk, zhao_liu.pk]}, follow=True)
    page = response.content.decode()
    assert "有 1 人不在该期培训的报名名单中" in page
    assert not any(hint in page for hint in _hints(tree))
    assert not Attendance.objects.exists()
    client.post(url, {"present": [wang_fang.pk]})
    assert Attendance.objects.get().person == wang_fang


def test_sheet_with_a_foreign_id_and_another_name_reads_like_an_unknown_id(
    client, tree, session, zhang_min, zhao_liu
):
    client.force_login(zhang_min.user)
    url = reverse("lms:session_import", args=[session.pk])
    foreign = client.post(url, {"file": _sheet([["某某", zhao_liu.id_number]])})
    unknown = client.post(url, {"file": _sheet([["某某", factories.make_id_number()]])})
    page = foreign.content.decode()
    assert UNUSABLE in page and 'name="confirm"' not in page
    assert not any(hint in page for hint in _hints(tree))
    problems = [[row.problem for row in r.context["preview"].rows] for r in (foreign, unknown)]
    assert problems == [["unusable"], ["unusable"]]


def test_sheet_with_a_foreign_id_and_the_right_name_says_no_more(
    client, tree, session, zhang_min, zhao_liu
):
    client.force_login(zhang_min.user)
    url = reverse("lms:session_import", args=[session.pk])
    page = client.post(url, {"file": _sheet([["赵六", zhao_liu.id_number]])}).content.decode()
    assert UNUSABLE in page
    assert "未报名" not in page and "不符" not in page
