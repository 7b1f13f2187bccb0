"""The judge's pages (R14): the queue, an entry with the scoring form, a declared conflict and
the files; blind mode checked by searching every response's bytes for the author's identity."""

import io
import zipfile

import pytest
from django.urls import reverse

from competitions.models import Assignment, ConflictDeclaration, Score
from tests import factories
from tests.competitions.views.conftest import HOUR, IDENTITY, submitted_entry
from tests.downloads import body, download_name


def _blind(response) -> None:
    content = response.content if not response.streaming else b"".join(response.streaming_content)
    for word in IDENTITY:
        assert word.encode() not in content, word


def _criteria(assignment):
    return list(assignment.entry.competition.criteria.order_by("position"))


def test_the_queue_lists_entries_by_code_and_nothing_of_the_author(client, assignment, judges):
    client.force_login(judges.expert.user)
    response = client.get(reverse("competitions:judge_queue"))
    assert response.status_code == 200
    assert assignment.entry.code in response.content.decode()
    assert "已评 0/2 项" in response.content.decode()
    _blind(response)


def test_the_entry_page_is_blind(client, assignment, judges):
    client.force_login(judges.expert.user)
    response = client.get(reverse("competitions:judge_entry", args=[assignment.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert assignment.entry.code in page and "社区独居老人服务背景" in page
    assert f"{assignment.entry.code}-1.docx" in page
    _blind(response)


def test_without_blind_mode_the_judge_sees_the_authors(client, assignment, judges):
    competition = assignment.entry.competition
    competition.blind = False
    competition.save(update_fields=["blind"])
    client.force_login(judges.expert.user)
    response = client.get(reverse("competitions:judge_entry", args=[assignment.pk]))
    assert "王芳" in response.content.decode()


def test_the_docx_is_named_by_code_and_its_author_metadata_blanked(client, assignment, judges):
    client.force_login(judges.expert.user)
    attachment = assignment.entry.files.get()
    response = client.get(reverse("competitions:judge_file", args=[attachment.pk]))
    assert response.status_code == 200
    assert download_name(response) == f"{assignment.entry.code}-1.docx"
    assert response["Cache-Control"].count("no-store") == 1
    content = body(response)
    assert not [word for word in IDENTITY if word.encode() in content]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        core = archive.read("docProps/core.xml").decode()
        app = archive.read("docProps/app.xml").decode()
        document = archive.read("word/document.xml").decode()
    assert "<dc:creator></dc:creator>" in core and "<cp:lastModifiedBy></cp:lastModifiedBy>" in core
    assert "<Company></Company>" in app and "<Manager></Manager>" in app
    assert "案例正文" in document and 'w:author=""' in document
    assert "<dc:title>个案</dc:title>" in core


def test_the_author_and_organiser_are_not_served_as_judges(
    client, assignment, wang_fang, zhang_min
):
    attachment = assignment.entry.files.get()
    url = reverse("competitions:judge_file", args=[attachment.pk])
    for user in (wang_fang.user, zhang_min.user):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_scores_are_saved_as_the_judge_goes_and_then_submitted(client, assignment, judges):
    first, second = _criteria(assignment)
    client.force_login(judges.expert.user)
    url = reverse("competitions:judge_entry", args=[assignment.pk])
    response = client.post(url, {f"score_{first.pk}": "7.5", "save": ""})
    assert response.status_code == 302
    assert Score.objects.get(criterion=first).value == 7.5
    response = client.post(url, {f"score_{first.pk}": "7.5", "submit": ""})
    assert "以下评分项尚未评分：创新性" in response.content.decode()
    response = client.post(url, {f"score_{first.pk}": "8", f"score_{second.pk}": "6", "submit": ""})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.submitted_at is not None
    assert Score.objects.get(criterion=first).value == 8
    response = client.get(url)
    assert (
        "您已于" in response.content.decode() and 'name="submit"' not in response.content.decode()
    )


@pytest.mark.parametrize(
    ("value", "comment", "message"),
    [
        ("11", "", "“专业性”的分数须在 0.0 至 10.0 之间。"),
        ("2", "", "“专业性”打出 2.0 分，须填写评语。"),
        ("abc", "", "输入一个数字"),
    ],
)
def test_a_bad_score_is_refused_with_its_message(
    client, assignment, judges, value, comment, message
):
    first = _criteria(assignment)[0]
    client.force_login(judges.expert.user)
    url = reverse("competitions:judge_entry", args=[assignment.pk])
    response = client.post(url, {f"score_{first.pk}": value, f"comment_{first.pk}": comment})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Score.objects.exists()


def test_an_extreme_score_with_a_comment_is_saved(client, assignment, judges):
    first = _criteria(assignment)[0]
    client.force_login(judges.expert.user)
    url = reverse("competitions:judge_entry", args=[assignment.pk])
    client.post(url, {f"score_{first.pk}": "10", f"comment_{first.pk}": "结构完整，成效突出。"})
    assert Score.objects.get().comment == "结构完整，成效突出。"


def test_a_declared_conflict_takes_the_entry_away(client, assignment, judges):
    client.force_login(judges.expert.user)
    url = reverse("competitions:judge_conflict", args=[assignment.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 302 and Assignment.objects.exists()
    response = client.post(url, {"reason": "曾在同一机构共事"})
    assert response.status_code == 302
    assert not Assignment.objects.exists()
    assert ConflictDeclaration.objects.get().reason == "曾在同一机构共事"
    entry_url = reverse("competitions:judge_entry", args=[assignment.pk])
    assert client.get(entry_url).status_code == 404


@pytest.mark.parametrize("route", ["judge_entry", "judge_conflict"])
def test_other_people_cannot_open_an_assignment(
    client, assignment, judges, chen_jing, wang_fang, zhang_min, route
):
    url = reverse(f"competitions:{route}", args=[assignment.pk])
    for user in (judges.county_b.user, chen_jing.user, wang_fang.user, zhang_min.user):
        client.force_login(user)
        assert client.post(url, {"reason": "x"}).status_code == 404
        assert client.get(url).status_code in (404, 405)


def test_a_judge_who_is_now_in_conflict_is_refused(client, assignment, judges, tree):
    factories.PositionFactory(person=judges.expert, service_point=tree.station_a)
    client.force_login(judges.expert.user)
    assert client.get(reverse("competitions:judge_entry", args=[assignment.pk])).status_code == 403
    attachment = assignment.entry.files.get()
    assert client.get(reverse("competitions:judge_file", args=[attachment.pk])).status_code == 403


def test_the_queue_needs_the_judge_role(client, wang_fang, zhang_min):
    for user in (wang_fang.user, zhang_min.user):
        client.force_login(user)
        assert client.get(reverse("competitions:judge_queue")).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, assignment):
    for url in (
        reverse("competitions:judge_queue"),
        reverse("competitions:judge_entry", args=[assignment.pk]),
        reverse("competitions:judge_file", args=[assignment.entry.files.get().pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_queue_keeps_its_queries_flat(
    client, in_review, judges, zhang_min, tree, times, django_assert_max_num_queries
):
    for n in range(12):
        author = factories.PersonFactory(name=f"作者{n}", region=tree.county_a)
        factories.PositionFactory(person=author, service_point=tree.station_a)
        entry = submitted_entry(in_review, author, times=times, title=f"个案{n}")
        assignment = Assignment.objects.create(entry=entry, judge=judges.expert)
        Score.objects.create(assignment=assignment, criterion=in_review.criteria.first(), value=5)
    client.force_login(judges.expert.user)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("competitions:judge_queue"))
    assert response.content.decode().count("已评 1/2 项") == 12


def test_after_the_review_closes_the_form_is_gone(client, assignment, judges, times):
    competition = assignment.entry.competition
    competition.review_closes_at = times.close + HOUR * 2
    competition.save(update_fields=["review_closes_at"])
    client.force_login(judges.expert.user)
    url = reverse("competitions:judge_entry", args=[assignment.pk])
    response = client.get(url)
    assert "当前不在评审期" in response.content.decode()
    first = _criteria(assignment)[0]
    response = client.post(url, {f"score_{first.pk}": "5"})
    assert "评审已截止。" in response.content.decode()
    assert not Score.objects.exists()


def test_the_author_and_organiser_download_under_the_original_name_a_judge_is_sent_blind(
    client, assignment, judges, wang_fang, zhang_min, chen_jing
):
    attachment = assignment.entry.files.get()
    url = reverse("competitions:file_download", args=[attachment.pk])
    for user in (wang_fang.user, zhang_min.user):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert download_name(response) == attachment.original_name
    client.force_login(judges.expert.user)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == reverse("competitions:judge_file", args=[attachment.pk])
    client.force_login(chen_jing.user)
    assert client.get(url).status_code == 404
