"""Completion pages: the right user succeeds, others get 404 (outside their reach) or 403
(visible, not theirs); lists keep a fixed number of queries; public pages need no sign-in."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from practicum.models import Evaluation, Placement, StudentSupervision
from tests.practicum.completion.conftest import confirmed_weeks, evaluation_row


def user_of(practicum, who):
    person = getattr(practicum, who)
    return (person.person if hasattr(person, "person") else person).user


OUTSIDERS_404 = [
    "other_coordinator",
    "other_student",
    "second_student",
    "head_b",
    "county_b_admin",
    "worker",
    "other_tutor",
]


@pytest.mark.parametrize("who", ["coordinator", "tutor", "field_supervisor", "student", "head_a"])
def test_record_page_for_those_who_work_on_it(client, practicum, accepted, who):
    client.force_login(user_of(practicum, who))
    response = client.get(reverse("practicum:completion_record", args=[accepted.pk]))
    assert response.status_code == 200 and "钱学生" in response.content.decode()


@pytest.mark.parametrize("who", OUTSIDERS_404)
def test_record_page_hidden_from_others(client, practicum, accepted, who):
    client.force_login(user_of(practicum, who))
    assert client.get(reverse("practicum:completion_record", args=[accepted.pk])).status_code == 404


def test_anonymous_goes_to_sign_in(client, practicum, accepted):
    response = client.get(reverse("practicum:completion_record", args=[accepted.pk]))
    assert response.status_code == 302 and "login" in response.url


def _rubric(practicum):
    data = {"form": practicum.form.pk, "overall_comment": "认真负责。"}
    for index, _criterion in enumerate(practicum.form.criteria):
        data |= {f"score_{index}": "9", f"comment_{index}": "很好"}
    return data


def test_tutor_submits_final_evaluation(client, practicum, accepted):
    client.force_login(practicum.tutor.user)
    url = reverse("practicum:completion_evaluate", args=[accepted.pk, "final", "tutor"])
    assert client.get(url).status_code == 200
    response = client.post(url, _rubric(practicum))
    assert response.status_code == 302
    assert Evaluation.objects.get().scores["专业态度"] == {"score": 9, "comment": "很好"}


def test_bad_rubric_is_refused_with_a_message(client, practicum, accepted):
    client.force_login(practicum.tutor.user)
    url = reverse("practicum:completion_evaluate", args=[accepted.pk, "final", "tutor"])
    data = _rubric(practicum) | {"score_0": "99"}
    page = client.post(url, data).content.decode()
    assert "0 到 10" in page and not Evaluation.objects.exists()


@pytest.mark.parametrize(
    ("who", "party", "status"),
    [
        ("field_supervisor", "tutor", 403),
        ("coordinator", "field", 403),
        ("head_a", "field", 403),
        ("tutor", "self", 403),
        ("student", "tutor", 403),
        ("other_coordinator", "tutor", 404),
        ("second_student", "self", 404),
        ("head_b", "field", 404),
        ("county_b_admin", "field", 404),
        ("worker", "field", 404),
    ],
)
def test_evaluation_refuses_wrong_users(client, practicum, accepted, who, party, status):
    client.force_login(user_of(practicum, who))
    url = reverse("practicum:completion_evaluate", args=[accepted.pk, "midterm", party])
    assert client.post(url, _rubric(practicum)).status_code == status
    assert not Evaluation.objects.exists()


def test_unknown_stage_is_404(client, practicum, accepted):
    client.force_login(practicum.tutor.user)
    url = reverse("practicum:completion_evaluate", args=[accepted.pk, "weekly", "tutor"])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("chosen", ["abc", "999999", "1.5"])
def test_an_unknown_evaluation_form_is_404_not_500(client, practicum, accepted, chosen):
    client.force_login(practicum.tutor.user)
    url = reverse("practicum:completion_evaluate", args=[accepted.pk, "final", "tutor"])
    assert client.get(url, {"form": chosen}).status_code == 404
    assert client.post(url, _rubric(practicum) | {"form": chosen}).status_code == 404
    assert not Evaluation.objects.exists()


def test_tutor_grade_completes_and_issues_certificate(
    client, practicum, accepted, media, django_capture_on_commit_callbacks
):
    confirmed_weeks(accepted)
    for party, person in (("field", practicum.field_supervisor), ("tutor", practicum.tutor)):
        evaluation_row(accepted, stage="final", party=party, form=practicum.form, by=person.user)
    client.force_login(practicum.tutor.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("practicum:completion_grade", args=[accepted.pk]),
            {"grade": "good"},
            follow=True,
        )
    page = response.content.decode()
    assert "实习证明已出具" in page and "良好" in page


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("field_supervisor", 403),
        ("coordinator", 403),
        ("student", 403),
        ("other_tutor", 404),
        ("head_b", 404),
    ],
)
def test_grade_refuses_wrong_users(client, practicum, accepted, who, status):
    evaluation_row(
        accepted, stage="final", party="tutor", form=practicum.form, by=practicum.tutor.user
    )
    client.force_login(user_of(practicum, who))
    response = client.post(
        reverse("practicum:completion_grade", args=[accepted.pk]), {"grade": "good"}
    )
    assert response.status_code == status
    accepted.refresh_from_db()
    assert accepted.final_grade == ""


def test_index_lists_in_fixed_queries(client, practicum, accepted, django_assert_max_num_queries):
    client.force_login(practicum.coordinator.user)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("practicum:completion_index")).content.decode()
    assert "钱学生" in page
    client.force_login(practicum.other_coordinator.user)
    assert "钱学生" not in client.get(reverse("practicum:completion_index")).content.decode()


def test_supervision_recorded_by_the_field_supervisor(client, practicum, accepted):
    client.force_login(practicum.field_supervisor.user)
    url = reverse("practicum:completion_supervision_new", args=[practicum.placement.pk])
    assert client.get(url).status_code == 200
    today = timezone.localdate()
    held_on = min(max(today, practicum.placement.starts_on), practicum.placement.ends_on)
    data = {
        "form": "individual",
        "held_on": held_on.isoformat(),
        "minutes": "60",
        "topics": "专业关系",
        "students": [accepted.pk],
    }
    response = client.post(url, data)
    if held_on > today:
        assert response.status_code == 200 and "不能晚于今天" in response.content.decode()
    else:
        assert response.status_code == 302 and StudentSupervision.objects.count() == 1


def test_supervision_refuses_a_student_of_another_placement(client, practicum, pending):
    client.force_login(practicum.field_supervisor.user)
    url = reverse("practicum:completion_supervision_new", args=[practicum.placement.pk])
    data = {
        "form": "group",
        "held_on": "2026-03-10",
        "minutes": "60",
        "topics": "x",
        "students": [pending.pk],
    }
    assert client.post(url, data).status_code == 200
    assert not StudentSupervision.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("coordinator", 403),
        ("head_a", 403),
        ("student", 404),
        ("other_coordinator", 404),
        ("head_b", 404),
        ("county_b_admin", 404),
        ("worker", 404),
    ],
)
def test_supervision_new_refuses_wrong_users(client, practicum, accepted, who, status):
    client.force_login(user_of(practicum, who))
    url = reverse("practicum:completion_supervision_new", args=[practicum.placement.pk])
    assert client.get(url).status_code == status


def test_supervision_list_in_fixed_queries(
    client, practicum, accepted, django_assert_max_num_queries
):
    for day in range(5):
        given = StudentSupervision.objects.create(
            placement=practicum.placement,
            supervisor=practicum.field_supervisor,
            form="group",
            held_on=dt.date(2026, 3, 10 + day),
            minutes=60,
            topics=f"主题{day}",
        )
        given.students.add(accepted)
    client.force_login(practicum.coordinator.user)
    with django_assert_max_num_queries(12):
        page = client.get(
            reverse("practicum:completion_supervision_list", args=[practicum.placement.pk])
        )
    assert page.status_code == 200 and "主题4" in page.content.decode()
    client.force_login(practicum.head_b.user)
    url = reverse("practicum:completion_supervision_list", args=[practicum.placement.pk])
    assert client.get(url).status_code == 404


def test_public_list_filters_and_shows_no_names(client, practicum, django_assert_max_num_queries):
    Placement.objects.create(
        base=practicum.base,
        title="儿童服务草稿岗位",
        field=Placement.Field.CHILDREN,
        term="2026 春季学期",
        places=1,
        starts_on=dt.date(2026, 3, 2),
        ends_on=dt.date(2026, 6, 28),
        weekly_schedule="周末",
        field_supervisor=practicum.field_supervisor,
        tutor=practicum.tutor,
    )
    url = reverse("practicum:completion_public_list")
    with django_assert_max_num_queries(8):
        page = client.get(url).content.decode()
    assert "社区养老服务实习" in page and "儿童服务草稿岗位" not in page
    assert "刘督导" not in page and "孙导师" not in page
    assert "社区养老" in client.get(url, {"field": "elderly", "month": "2026-04"}).content.decode()
    assert "社区养老" not in client.get(url, {"month": "2026-08"}).content.decode()
    assert "社区养老" not in client.get(url, {"field": "children"}).content.decode()
    assert "社区养老" in client.get(url, {"region": practicum.tree.county_a.pk}).content.decode()
    assert (
        "社区养老" not in client.get(url, {"region": practicum.tree.county_b.pk}).content.decode()
    )
    assert client.get(url, {"month": "2026-13"}).status_code == 200


def test_public_detail_only_for_published(client, practicum):
    url = reverse("practicum:completion_public_detail", args=[practicum.placement.pk])
    page = client.get(url).content.decode()
    assert "每周一至周五" in page and "刘督导" not in page
    apply = reverse("practicum:placement_detail", args=[practicum.placement.pk])
    assert apply in page  # students go on to apply, signing in first
    practicum.placement.status = Placement.Status.DRAFT
    practicum.placement.save()
    assert client.get(url).status_code == 404
