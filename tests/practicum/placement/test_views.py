"""The placement pages (R15): the right user succeeds; others get 404 outside their reach and
403 where they can see but may not act. Lists read a fixed number of queries."""

import datetime as dt

import pytest
from django.urls import reverse

from practicum.models import Application, Placement, WeeklyLog
from tests.practicum.placement.conftest import make_application, make_log

State = Application.State
OUTSIDERS_404 = ["other_coordinator", "other_student", "second_student", "head_b", "county_b_admin"]


def _user(world, who):
    value = getattr(world, who)
    return value.person.user if hasattr(value, "person") else value.user


def _login(client, world, who):
    client.force_login(_user(world, who))


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """The pages read today from the clock: fix it inside the placement (Wed 15 April 2026)."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2026, 4, 15))


def test_student_home_shows_hours_weeks_and_returned_logs(client, practicum, accepted):
    make_log(accepted, dt.date(2026, 3, 2), state=WeeklyLog.State.CONFIRMED)
    make_log(accepted, dt.date(2026, 3, 9), state=WeeklyLog.State.RETURNED)
    _login(client, practicum, "student")
    response = client.get(reverse("practicum:placement_student_home"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "已确认 40.0 / 要求 800.0 小时" in text
    assert "请补充活动记录。" in text
    assert "填写 2026-03-16 这一周" in text and "填写 2026-04-13 这一周" in text
    assert "2026-04-20" not in text


@pytest.mark.parametrize("who", ["coordinator", "head_a", "tutor", "worker"])
def test_student_home_is_for_students(client, practicum, who):
    _login(client, practicum, who)
    assert client.get(reverse("practicum:placement_student_home")).status_code == 403


def test_student_home_query_count(client, practicum, django_assert_max_num_queries):
    placements = []
    for n in range(5):
        placement = Placement.objects.get(pk=practicum.placement.pk)
        placement.pk = None
        placement.title = f"岗位{n}"
        placement.starts_on = dt.date(2026, 3, 2) + dt.timedelta(days=n)
        placement.save()
        placements.append(placement)
        application = make_application(
            practicum, practicum.student, state=State.ACCEPTED, placement=placement
        )
        make_log(application, dt.date(2026, 3, 9), state=WeeklyLog.State.RETURNED)
    _login(client, practicum, "student")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("practicum:placement_student_home")).status_code == 200


def test_a_student_applies_from_the_placement_page(client, practicum, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2026, 2, 20))
    _login(client, practicum, "student")
    url = reverse("practicum:placement_detail", args=[practicum.placement.pk])
    assert "提交申请" in client.get(url).content.decode()
    response = client.post(url, {"statement": ""})
    assert "请填写申请陈述" in response.content.decode()
    assert not Application.objects.exists()
    response = client.post(url, {"statement": "我希望参与社区养老服务。"})
    assert response.status_code == 302
    assert Application.objects.get().student == practicum.student


def test_the_placement_of_another_university_is_not_found(client, practicum):
    _login(client, practicum, "other_student")
    url = reverse("practicum:placement_detail", args=[practicum.placement.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"statement": "申请"}).status_code == 404


@pytest.mark.parametrize(("who", "status"), [("head_b", 404), ("worker", 404), ("head_a", 403)])
def test_others_cannot_apply(client, practicum, who, status):
    _login(client, practicum, who)
    url = reverse("practicum:placement_detail", args=[practicum.placement.pk])
    assert client.post(url, {"statement": "申请"}).status_code == status
    assert not Application.objects.exists()


def test_the_student_withdraws(client, practicum, pending):
    _login(client, practicum, "student")
    url = reverse("practicum:placement_application_withdraw", args=[pending.pk])
    assert client.post(url).status_code == 302
    pending.refresh_from_db()
    assert pending.state == State.WITHDRAWN


@pytest.mark.parametrize(
    ("who", "status"),
    [*[(w, 404) for w in OUTSIDERS_404], ("coordinator", 403), ("head_a", 403)],
)
def test_only_the_student_withdraws(client, practicum, pending, who, status):
    _login(client, practicum, who)
    url = reverse("practicum:placement_application_withdraw", args=[pending.pk])
    assert client.post(url).status_code == status
    pending.refresh_from_db()
    assert pending.state == State.PENDING


def test_station_then_coordinator_accept_on_the_application_page(client, practicum, pending):
    url = reverse("practicum:placement_application", args=[pending.pk])
    _login(client, practicum, "head_a")
    assert "站点意见" in client.get(url).content.decode()
    assert client.post(url, {"party": "station", "accept": "yes"}).status_code == 302
    _login(client, practicum, "coordinator")
    response = client.post(url, {"party": "coordinator", "accept": "no", "reason": ""})
    assert "不同意时请填写理由" in response.content.decode()
    pending.refresh_from_db()
    assert pending.state == State.PENDING and pending.coordinator_decision == ""
    client.post(url, {"party": "coordinator", "accept": "yes"})
    pending.refresh_from_db()
    assert pending.state == State.ACCEPTED


@pytest.mark.parametrize(
    ("who", "party", "status"),
    [
        *[(w, "station", 404) for w in OUTSIDERS_404],
        ("worker", "station", 404),
        ("head_a", "coordinator", 403),
        ("coordinator", "station", 403),
        ("student", "station", 403),
        ("field_supervisor", "station", 403),
        ("tutor", "coordinator", 403),
    ],
)
def test_wrong_users_cannot_decide(client, practicum, pending, who, party, status):
    _login(client, practicum, who)
    url = reverse("practicum:placement_application", args=[pending.pk])
    assert client.post(url, {"party": party, "accept": "yes"}).status_code == status
    pending.refresh_from_db()
    assert pending.station_decision == pending.coordinator_decision == ""


@pytest.mark.parametrize(("who", "status"), [("worker", 404), ("head_b", 404)])
def test_application_page_hidden_from_outsiders(client, practicum, pending, who, status):
    _login(client, practicum, who)
    url = reverse("practicum:placement_application", args=[pending.pk])
    assert client.get(url).status_code == status


def test_the_student_logs_a_week(client, practicum, accepted):
    _login(client, practicum, "student")
    url = reverse("practicum:placement_log_new", args=[accepted.pk])
    data = {
        "week_starts_on": "2026-03-09",
        "hours": "200",
        "activities": "探访",
        "reflection": "反思",
    }
    response = client.post(url, data)
    assert "最多可填报 168.0 小时" in response.content.decode()
    assert not WeeklyLog.objects.exists()
    response = client.post(url, {**data, "hours": "32.5"})
    assert response.status_code == 302
    assert WeeklyLog.objects.get().minutes == 1950


@pytest.mark.parametrize(
    ("who", "status"), [*[(w, 404) for w in OUTSIDERS_404], ("field_supervisor", 403)]
)
def test_only_the_student_logs(client, practicum, accepted, who, status):
    _login(client, practicum, who)
    url = reverse("practicum:placement_log_new", args=[accepted.pk])
    data = {"week_starts_on": "2026-03-09", "hours": "8", "activities": "a", "reflection": "b"}
    assert client.post(url, data).status_code == status
    assert not WeeklyLog.objects.exists()


def test_the_student_corrects_a_returned_log(client, practicum, accepted):
    log = make_log(accepted, dt.date(2026, 3, 9), state=WeeklyLog.State.RETURNED)
    _login(client, practicum, "student")
    url = reverse("practicum:placement_log_edit", args=[log.pk])
    assert "请补充活动记录。" in client.get(url).content.decode()
    data = {"hours": "30", "activities": "补充了记录", "reflection": "反思"}
    assert client.post(url, data).status_code == 302
    log.refresh_from_db()
    assert (log.state, log.minutes) == (WeeklyLog.State.SUBMITTED, 1800)


def test_a_confirmed_log_is_not_edited(client, practicum, accepted):
    log = make_log(accepted, dt.date(2026, 3, 9), state=WeeklyLog.State.CONFIRMED)
    _login(client, practicum, "student")
    url = reverse("practicum:placement_log_edit", args=[log.pk])
    client.post(url, {"hours": "1", "activities": "改", "reflection": "改"})
    log.refresh_from_db()
    assert log.minutes == 2400


@pytest.mark.parametrize(("who", "status"), [*[(w, 404) for w in OUTSIDERS_404], ("tutor", 403)])
def test_only_the_student_edits_a_log(client, practicum, accepted, who, status):
    log = make_log(accepted, dt.date(2026, 3, 9), state=WeeklyLog.State.RETURNED)
    _login(client, practicum, who)
    url = reverse("practicum:placement_log_edit", args=[log.pk])
    assert client.get(url).status_code == status


def test_the_field_supervisor_confirms_and_returns_from_the_queue(client, practicum, accepted):
    first = make_log(accepted, dt.date(2026, 3, 2))
    second = make_log(accepted, dt.date(2026, 3, 9))
    _login(client, practicum, "field_supervisor")
    response = client.get(reverse("practicum:placement_log_queue"))
    assert response.status_code == 200 and "钱学生" in response.content.decode()
    client.post(reverse("practicum:placement_log_confirm", args=[first.pk]))
    client.post(reverse("practicum:placement_log_return", args=[second.pk]), {"comment": ""})
    second.refresh_from_db()
    assert second.state == WeeklyLog.State.SUBMITTED
    client.post(reverse("practicum:placement_log_return", args=[second.pk]), {"comment": "补充"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == WeeklyLog.State.CONFIRMED
    assert (second.state, second.return_comment) == (WeeklyLog.State.RETURNED, "补充")


@pytest.mark.parametrize(
    ("who", "status"),
    [
        *[(w, 404) for w in OUTSIDERS_404],
        ("worker", 404),
        ("head_a", 403),
        ("student", 403),
        ("coordinator", 403),
        ("tutor", 403),
    ],
)
def test_only_the_field_supervisor_answers(client, practicum, accepted, who, status):
    log = make_log(accepted, dt.date(2026, 3, 2))
    _login(client, practicum, who)
    assert client.post(reverse("practicum:placement_log_confirm", args=[log.pk])).status_code == (
        status
    )
    url = reverse("practicum:placement_log_return", args=[log.pk])
    assert client.post(url, {"comment": "退回"}).status_code == status
    log.refresh_from_db()
    assert log.state == WeeklyLog.State.SUBMITTED


@pytest.mark.parametrize("who", ["head_a", "worker", "student", "coordinator"])
def test_the_queue_is_for_field_supervisors(client, practicum, who):
    _login(client, practicum, who)
    assert client.get(reverse("practicum:placement_log_queue")).status_code == 403


def _many_students(world, count):
    from tests.practicum.conftest import student

    placement = Placement.objects.get(pk=world.placement.pk)
    Placement.objects.filter(pk=placement.pk).update(places=count + 5)
    applications = []
    for n in range(count):
        s = student(f"学生{n}", world.programme, world.tutor, f"2025{n:03d}", world.tree.city)
        application = make_application(world, s, state=State.ACCEPTED)
        make_log(application, dt.date(2026, 3, 2))
        make_log(application, dt.date(2026, 3, 9), state=WeeklyLog.State.CONFIRMED)
        make_application(world, s, placement=_copy(placement, f"备选{n}"))
        applications.append(application)
    return applications


def _copy(placement, title):
    copy = Placement.objects.get(pk=placement.pk)
    copy.pk, copy.title = None, title
    copy.save()
    return copy


@pytest.mark.parametrize(
    ("who", "url_name", "count"),
    [
        ("field_supervisor", "placement_log_queue", 12),
        ("head_a", "placement_station", 16),
        ("tutor", "placement_tutor", 14),
    ],
)
def test_lists_read_a_fixed_number_of_queries(
    client, practicum, django_assert_max_num_queries, who, url_name, count
):
    _many_students(practicum, 6)
    _login(client, practicum, who)
    with django_assert_max_num_queries(count):
        response = client.get(reverse(f"practicum:{url_name}"))
    assert response.status_code == 200
    assert "学生5" in response.content.decode()


def test_the_station_sees_waiting_applications_and_logs(client, practicum, pending):
    other = make_application(practicum, practicum.second_student, state=State.ACCEPTED)
    make_log(other, dt.date(2026, 3, 2))
    _login(client, practicum, "head_a")
    text = client.get(reverse("practicum:placement_station")).content.decode()
    assert "钱学生" in text and "赵学生" in text and "40.0" in text


@pytest.mark.parametrize("who", ["head_b", "county_b_admin"])
def test_other_stations_see_none_of_it(client, practicum, pending, who):
    _login(client, practicum, who)
    response = client.get(reverse("practicum:placement_station"))
    assert response.status_code == 200 and "钱学生" not in response.content.decode()


@pytest.mark.parametrize("who", ["coordinator", "student", "worker", "tutor"])
def test_the_station_view_is_for_hosts(client, practicum, who):
    _login(client, practicum, who)
    assert client.get(reverse("practicum:placement_station")).status_code == 403


def test_the_tutor_sees_a_students_logs(client, practicum, accepted):
    make_log(accepted, dt.date(2026, 3, 2), state=WeeklyLog.State.CONFIRMED)
    _login(client, practicum, "tutor")
    assert "钱学生" in client.get(reverse("practicum:placement_tutor")).content.decode()
    url = reverse("practicum:placement_tutor_student", args=[practicum.student.pk])
    text = client.get(url).content.decode()
    assert "2026-03-02" in text and "已确认 40.0 / 要求 800.0 小时" in text


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("other_tutor", 404),
        ("other_coordinator", 404),
        ("other_student", 404),
        ("second_student", 404),
        ("head_b", 404),
        ("county_b_admin", 404),
        ("head_a", 403),
        ("student", 403),
    ],
)
def test_a_students_record_is_hidden_from_others(client, practicum, accepted, who, status):
    _login(client, practicum, who)
    url = reverse("practicum:placement_tutor_student", args=[practicum.student.pk])
    assert client.get(url).status_code == status


@pytest.mark.parametrize("who", ["student", "coordinator", "head_a", "worker"])
def test_the_tutor_view_is_for_tutors(client, practicum, who):
    _login(client, practicum, who)
    assert client.get(reverse("practicum:placement_tutor")).status_code == 403


@pytest.mark.parametrize(
    ("who", "link"),
    [
        ("student", "placement_student_home"),
        ("head_a", "placement_station"),
        ("field_supervisor", "placement_log_queue"),
        ("tutor", "placement_tutor"),
    ],
)
def test_the_start_page_links_each_part(client, practicum, who, link):
    _login(client, practicum, who)
    text = client.get(reverse("accounts:home")).content.decode()
    assert reverse(f"practicum:{link}") in text


def test_anonymous_visitors_are_sent_to_sign_in(client, practicum, pending):
    url = reverse("practicum:placement_application", args=[pending.pk])
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
