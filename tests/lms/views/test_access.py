"""Every training view: the right user, a user outside scope (404), a wrong role (403) and
anonymous visitors (the login page)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lms.models import Attendance, ExternalTraining
from lms.services import attendance, enrolment
from tests.lms.conftest import worker


@pytest.fixture
def world(run, wang_fang, zhang_min, chen_jing, li_qiang, station_head, trainer, tree):
    mine = enrolment.enrolment_create(run=run, person=wang_fang, user=wang_fang.user)
    session = run.sessions.order_by("starts_at").first()
    [row] = attendance.attendance_mark(
        session=session, people=[wang_fang], marked_by=trainer, method=Attendance.Method.CHECKLIST
    )
    claim = ExternalTraining.objects.create(
        person=wang_fang,
        title="外训",
        organiser="协会",
        kind="policy",
        providing_level="city",
        starts_on=dt.date(2026, 1, 5),
        ends_on=dt.date(2026, 1, 5),
        minutes=120,
        evidence=SimpleUploadedFile("e.pdf", b"%PDF-1"),
    )
    return {
        "run": run,
        "session": session,
        "entry": row.hour_entry,
        "claim": claim,
        "mine": mine,
        "colleague": worker(tree, "同事"),
    }


def _users(request, world):
    return {
        "wang_fang": request.getfixturevalue("wang_fang").user,
        "zhang_min": request.getfixturevalue("zhang_min").user,
        "chen_jing": request.getfixturevalue("chen_jing").user,
        "li_qiang": request.getfixturevalue("li_qiang").user,
        "station_head": request.getfixturevalue("station_head").user,
        "trainer": request.getfixturevalue("trainer"),
        "colleague": world["colleague"].user,
    }


# (route name, args from world, method, {user: expected status})
CASES = [
    ("lms:catalogue", None, "get", {"wang_fang": 200, "chen_jing": 200}),
    ("lms:course_detail", "course", "get", {"wang_fang": 200}),
    ("lms:my_courses", None, "get", {"wang_fang": 200, "trainer": 403}),
    ("lms:my_hours", None, "get", {"wang_fang": 200, "trainer": 403}),
    ("lms:person_hours", "person", "get",
     {"wang_fang": 200, "station_head": 200, "zhang_min": 200, "chen_jing": 404,
      "colleague": 404, "li_qiang": 403}),
    ("lms:people_hours", None, "get", {"station_head": 200, "zhang_min": 200, "wang_fang": 403,
                                       "li_qiang": 403}),
    ("lms:approvals", None, "get", {"station_head": 200, "zhang_min": 200, "wang_fang": 403}),
    ("lms:manage", None, "get", {"zhang_min": 200, "trainer": 200, "wang_fang": 403}),
    ("lms:run_detail", "run", "get",
     {"zhang_min": 200, "trainer": 200, "chen_jing": 404, "wang_fang": 403, "station_head": 403}),
    ("lms:run_export", "run", "get", {"zhang_min": 200, "chen_jing": 404, "li_qiang": 403}),
    ("lms:session_attendance", "session", "get",
     {"trainer": 200, "zhang_min": 200, "chen_jing": 404, "wang_fang": 403}),
    ("lms:session_qr", "session", "get", {"trainer": 200, "chen_jing": 404, "wang_fang": 403}),
    ("lms:session_import", "session", "get", {"trainer": 200, "chen_jing": 404, "li_qiang": 403}),
    ("lms:external_evidence", "claim", "get",
     {"wang_fang": 200, "station_head": 200, "chen_jing": 404, "li_qiang": 403, "colleague": 404}),
    ("lms:external_decide", "claim", "post",
     {"station_head": 302, "chen_jing": 404, "li_qiang": 403}),
    ("lms:enrolment_decide", "mine", "post", {"chen_jing": 404, "li_qiang": 403}),
    ("lms:entry_reverse", "entry", "post",
     {"zhang_min": 302, "chen_jing": 404, "station_head": 403, "wang_fang": 403}),
    ("lms:person_adjust", "person", "post",
     {"zhang_min": 302, "chen_jing": 404, "station_head": 403}),
    ("lms:session_cancel", "session", "post",
     {"zhang_min": 302, "chen_jing": 404, "wang_fang": 403}),
    ("lms:cancel", "mine", "post", {"wang_fang": 302, "colleague": 404, "zhang_min": 404}),
]  # fmt: skip


def _url(world, wang_fang, name, arg):
    values = {"course": world["run"].course_id, "person": wang_fang.pk, "run": world["run"].pk,
              "session": world["session"].pk, "claim": world["claim"].pk,
              "mine": world["mine"].pk, "entry": world["entry"].pk}  # fmt: skip
    return reverse(name, args=[values[arg]] if arg else [])


@pytest.mark.parametrize(("name", "arg", "method", "expected"), CASES)
def test_view_access(client, request, world, wang_fang, name, arg, method, expected):
    users = _users(request, world)
    url = _url(world, wang_fang, name, arg)
    response = getattr(client, method)(url, {"reason": "测试", "approve": "1"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for who, status in expected.items():
        client.force_login(users[who])
        response = getattr(client, method)(url, {"reason": "测试", "approve": "1"})
        assert response.status_code == status, (who, response.status_code)


def test_sign_in_page_needs_login_and_a_valid_token(client, world, wang_fang):
    url = reverse("lms:sign_in", args=[attendance.qr_token(session=world["session"])])
    assert "/accounts/login/" in client.get(url)["Location"]
    client.force_login(wang_fang.user)
    assert client.get(url).status_code == 200
    assert client.get(reverse("lms:sign_in", args=["forged"])).status_code == 400


def test_reversal_page_keeps_the_sum(client, world, wang_fang, zhang_min):
    client.force_login(zhang_min.user)
    client.post(reverse("lms:entry_reverse", args=[world["entry"].pk]), {"reason": "点错了"})
    assert sum(wang_fang.hour_entries.values_list("minutes", flat=True)) == 0
