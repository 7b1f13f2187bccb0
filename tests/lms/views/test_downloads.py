"""Evidence of external training and course materials leave only through their views, under the
uploaded name. Evidence: its owner or an approver over them (陈静 404, a supervisor 403).
Materials: whoever may open the course page (the catalogue is open to every signed-in user)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lms.services import courses, external
from tests.downloads import body, download_name


@pytest.fixture
def claim(wang_fang):
    return external.external_training_submit(
        person=wang_fang,
        user=wang_fang.user,
        title="外训",
        organiser="协会",
        kind="policy",
        providing_level="city",
        starts_on=dt.date(2026, 1, 5),
        ends_on=dt.date(2026, 1, 5),
        minutes=120,
        evidence=SimpleUploadedFile("结业证书.pdf", b"%PDF-1.4 evidence"),
    )


def _get(client, request, who, url):
    if who:
        user = request.getfixturevalue(who)
        client.force_login(getattr(user, "user", user))
    return client.get(url)


@pytest.mark.parametrize(
    ("who", "status"),
    [("wang_fang", 200), ("station_head", 200), ("zhang_min", 200), ("chen_jing", 404),
     ("li_qiang", 403), (None, 302)],
)  # fmt: skip
def test_evidence_access(client, request, claim, who, status):
    response = _get(client, request, who, reverse("lms:external_evidence", args=[claim.pk]))
    assert response.status_code == status
    if status == 302:
        assert "/accounts/login/" in response["Location"]


def test_evidence_keeps_its_name_as_data_not_in_the_path(client, claim, wang_fang):
    assert claim.original_name == "结业证书.pdf" and "结业" not in claim.evidence.name
    client.force_login(wang_fang.user)
    response = client.get(reverse("lms:external_evidence", args=[claim.pk]))
    assert body(response) == b"%PDF-1.4 evidence"
    assert download_name(response) == "结业证书.pdf"


@pytest.fixture
def handout(course, zhang_min):
    upload = SimpleUploadedFile("第一讲讲义.pdf", b"%PDF-1.4 handout")
    return courses.material_add(course=course, added_by=zhang_min.user, title="讲义", file=upload)


@pytest.mark.parametrize(
    ("who", "status"),
    [("wang_fang", 200), ("zhang_min", 200), ("chen_jing", 200), ("trainer", 200), (None, 302)],
)
def test_material_access_follows_the_course_page(client, request, handout, who, status):
    response = _get(client, request, who, reverse("lms:material_download", args=[handout.pk]))
    assert response.status_code == status
    if status == 302:
        assert "/accounts/login/" in response["Location"]


def test_material_keeps_its_name_as_data_not_in_the_path(client, handout, wang_fang):
    assert handout.original_name == "第一讲讲义.pdf" and "讲义" not in handout.file.name
    client.force_login(wang_fang.user)
    response = client.get(reverse("lms:material_download", args=[handout.pk]))
    assert body(response) == b"%PDF-1.4 handout"
    assert download_name(response) == "第一讲讲义.pdf"


def test_link_material_or_unknown_material_is_404(client, course, handout, zhang_min):
    link = courses.material_add(
        course=course, added_by=zhang_min.user, title="回放", url="https://example.cn/v/1"
    )
    client.force_login(zhang_min.user)
    assert client.get(reverse("lms:material_download", args=[link.pk])).status_code == 404
    assert client.get(reverse("lms:material_download", args=[handout.pk + 99])).status_code == 404


@pytest.mark.parametrize("page", ["lms:course_detail", "lms:course_materials"])
def test_course_pages_link_the_view_not_the_media_url(client, course, handout, zhang_min, page):
    client.force_login(zhang_min.user)
    html = client.get(reverse(page, args=[course.pk])).content.decode()
    assert reverse("lms:material_download", args=[handout.pk]) in html
    assert "/media/" not in html and handout.file.name not in html


def test_material_whose_content_does_not_match_is_refused(client, course, zhang_min):
    client.force_login(zhang_min.user)
    url = reverse("lms:course_materials", args=[course.pk])
    fake = SimpleUploadedFile("讲义.pptx", b"<html><script>")
    response = client.post(url, {"title": "讲义", "file": fake})
    assert "不符" in response.content.decode()
    assert not course.materials.exists()
