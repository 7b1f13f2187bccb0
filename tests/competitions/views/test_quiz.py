"""Quiz pages (R14): one attempt, answers saved as the person goes (by the page's form and by
its script), the time shown and enforced, the result, the leaderboard after the close, the
organiser's item analysis."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from competitions.models import Attempt
from competitions.services import quiz as quiz_services
from tests import factories


def _start(client, quiz_round, person):
    client.force_login(person.user)
    response = client.post(reverse("competitions:quiz_start", args=[quiz_round.pk]))
    attempt = Attempt.objects.get(person=person)
    assert response["Location"] == reverse("competitions:quiz_paper", args=[attempt.pk])
    return attempt


def _right_answers(attempt) -> dict:
    return {
        f"q{answer.question_id}": answer.question.key
        if answer.question.kind == "multiple"
        else answer.question.key[0]
        for answer in attempt.answers.select_related("question")
    }


def test_the_start_page_states_the_rules(client, quiz_round, wang_fang):
    client.force_login(wang_fang.user)
    page = client.get(reverse("competitions:quiz_start", args=[quiz_round.pk])).content.decode()
    assert "3 道题" in page and "30 分钟" in page and "开始答题" in page


def test_one_attempt_and_the_start_page_leads_back_to_it(client, quiz_round, wang_fang):
    attempt = _start(client, quiz_round, wang_fang)
    response = client.post(reverse("competitions:quiz_start", args=[quiz_round.pk]))
    assert response["Location"] == reverse("competitions:quiz_paper", args=[attempt.pk])
    assert Attempt.objects.count() == 1


def test_the_paper_shows_the_questions_and_the_time_left_never_the_key(
    client, quiz_round, wang_fang
):
    attempt = _start(client, quiz_round, wang_fang)
    response = client.get(reverse("competitions:quiz_paper", args=[attempt.pk]))
    page = response.content.decode()
    assert page.count('class="question"') == 3
    assert "剩余时间" in page and 'data-seconds-left="' in page
    assert "正确答案" not in page and '"key"' not in page


def test_the_form_saves_the_answers_and_hands_in(client, quiz_round, wang_fang):
    attempt = _start(client, quiz_round, wang_fang)
    url = reverse("competitions:quiz_paper", args=[attempt.pk])
    answers = _right_answers(attempt)
    response = client.post(url, {**answers, "save": ""})
    assert response["Location"] == url
    assert all(a.chosen for a in attempt.answers.all())
    page = client.get(url).content.decode()
    assert "已作答 3/3 题" in page and "checked" in page
    response = client.post(url, {**answers, "finish": ""})
    assert response["Location"] == reverse("competitions:quiz_result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.score == 3
    result = client.get(response["Location"]).content.decode()
    assert ">3</strong>" in result and "答题结束后可查看正确答案" in result


def test_the_script_saves_each_answer_and_only_what_changed(client, quiz_round, wang_fang):
    attempt = _start(client, quiz_round, wang_fang)
    url = reverse("competitions:quiz_save", args=[attempt.pk])
    single = attempt.answers.filter(question__kind="single").first()
    response = client.post(url, {f"q{single.question_id}": "1"})
    assert response.status_code == 200 and response.json()["saved"] == 1
    single.refresh_from_db()
    assert single.chosen == [1]
    assert client.post(url, {f"q{single.question_id}": "1"}).json()["saved"] == 0
    assert client.post(url, {f"q{single.question_id}": "7"}).status_code == 400


def test_after_the_time_is_up_nothing_more_is_saved(client, quiz_round, wang_fang):
    attempt = _start(client, quiz_round, wang_fang)
    single = attempt.answers.filter(question__kind="single").first()
    quiz_services.answer_save(attempt=attempt, by=None, question_id=single.question_id, chosen=[0])
    Attempt.objects.filter(pk=attempt.pk).update(due_at=timezone.now() - dt.timedelta(seconds=1))
    response = client.post(
        reverse("competitions:quiz_save", args=[attempt.pk]), {f"q{single.question_id}": "2"}
    )
    assert response.status_code == 409
    assert response.json() == {"error": "答题时间已到，本次作答未保存。", "finished": True}
    single.refresh_from_db()
    assert single.chosen == [0]
    attempt.refresh_from_db()
    assert attempt.finished_at is not None and attempt.score == 1
    paper = client.get(reverse("competitions:quiz_paper", args=[attempt.pk]))
    assert paper["Location"] == reverse("competitions:quiz_result", args=[attempt.pk])


def test_the_leaderboard_waits_for_the_close_and_names_others_by_surname(
    client, quiz_round, wang_fang, tree
):
    attempt = _start(client, quiz_round, wang_fang)
    other = factories.PersonFactory(name="刘洋", region=tree.county_a, user=factories.UserFactory())
    factories.PositionFactory(person=other, service_point=tree.station_a)
    second = quiz_services.attempt_start(competition=quiz_round, person=other, by=None)
    for one in (attempt, second):
        quiz_services.attempt_finish(attempt=one, by=None)
    url = reverse("competitions:quiz_leaderboard", args=[quiz_round.pk])
    client.force_login(wang_fang.user)
    assert "结束后公布排行榜" in client.get(url).content.decode()
    quiz_round.submissions_close_at = timezone.now() - dt.timedelta(minutes=1)
    quiz_round.review_closes_at = quiz_round.submissions_close_at
    quiz_round.save(update_fields=["submissions_close_at", "review_closes_at"])
    page = client.get(url).content.decode()
    assert "王芳 （我）" in page and "刘某" in page and "刘洋" not in page
    result = client.get(reverse("competitions:quiz_result", args=[attempt.pk])).content.decode()
    assert "正确答案" in result


def test_the_item_analysis_is_for_the_organiser(
    client, quiz_round, wang_fang, zhang_min, chen_jing, django_assert_max_num_queries
):
    attempt = _start(client, quiz_round, wang_fang)
    client.post(
        reverse("competitions:quiz_paper", args=[attempt.pk]),
        {**_right_answers(attempt), "finish": ""},
    )
    url = reverse("competitions:quiz_items", args=[quiz_round.pk])
    client.force_login(zhang_min.user)
    with django_assert_max_num_queries(10):
        page = client.get(url).content.decode()
    assert page.count("100%") == 3
    for user in (wang_fang.user, chen_jing.user):
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_someone_else_s_attempt_is_a_404(client, quiz_round, wang_fang, zhang_min):
    attempt = _start(client, quiz_round, wang_fang)
    client.force_login(zhang_min.user)
    for route in ("quiz_paper", "quiz_result"):
        assert client.get(reverse(f"competitions:{route}", args=[attempt.pk])).status_code == 404
    assert client.post(reverse("competitions:quiz_save", args=[attempt.pk])).status_code == 404


def test_an_account_without_a_person_cannot_start(client, quiz_round):
    client.force_login(factories.UserFactory())
    url = reverse("competitions:quiz_start", args=[quiz_round.pk])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("route", ["quiz_start", "quiz_leaderboard"])
def test_a_draft_or_a_scored_contest_has_no_quiz_pages(client, in_review, wang_fang, route):
    client.force_login(wang_fang.user)
    assert client.get(reverse(f"competitions:{route}", args=[in_review.pk])).status_code == 404


def test_someone_outside_the_eligible_regions_is_told_why(client, quiz_round, tree):
    outsider = factories.PersonFactory(
        name="赵六", region=tree.county_b, user=factories.UserFactory()
    )
    factories.PositionFactory(person=outsider, service_point=tree.station_b)
    client.force_login(outsider.user)
    response = client.post(reverse("competitions:quiz_start", args=[quiz_round.pk]), follow=True)
    assert "不在本次竞赛的参赛范围内" in response.content.decode()
    assert not Attempt.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, quiz_round):
    response = client.get(reverse("competitions:quiz_start", args=[quiz_round.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_leaderboard_keeps_its_queries_flat(
    client, quiz_round, wang_fang, tree, django_assert_max_num_queries
):
    for n in range(15):
        person = factories.PersonFactory(name=f"答题人{n}", region=tree.county_a)
        factories.PositionFactory(person=person, service_point=tree.station_a)
        attempt = quiz_services.attempt_start(competition=quiz_round, person=person, by=None)
        quiz_services.attempt_finish(attempt=attempt, by=None)
    quiz_round.submissions_close_at = quiz_round.review_closes_at = timezone.now()
    quiz_round.save(update_fields=["submissions_close_at", "review_closes_at"])
    client.force_login(wang_fang.user)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("competitions:quiz_leaderboard", args=[quiz_round.pk]))
    assert page.content.decode().count("<tr>") == 16  # the header and 15 rows
