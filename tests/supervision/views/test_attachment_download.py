"""Session attachments: stored under a random name, checked by content, sent under the uploaded
name to those who may see the session; 陈静 404, a colleague outside the session 403, anonymous
visitors the login page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from supervision.models import SupervisionSession
from tests.downloads import body, download_name
from tests.supervision.conftest import log


@pytest.fixture
def attachment(tree, li_qiang_profile, wang_fang, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    upload = SimpleUploadedFile("王芳签到表.pdf", b"%PDF-1.4 sheet")
    session = log(tree, li_qiang_profile, [(wang_fang, 120)], attachment=upload)
    return session.attachments.get()


@pytest.mark.parametrize(
    ("who", "status"),
    [("wang_fang", 200), ("li_qiang", 200), ("zhang_min", 200), ("chen_jing", 404),
     ("sun_li", 403), (None, 302)],
)  # fmt: skip
def test_attachment_access(client, request, attachment, who, status):
    if who:
        client.force_login(request.getfixturevalue(who).user)
    response = client.get(reverse("supervision:attachment_download", args=[attachment.pk]))
    assert response.status_code == status
    if status == 302:
        assert "/accounts/login/" in response["Location"]


def test_attachment_keeps_its_name_as_data_not_in_the_path(client, attachment, wang_fang):
    assert attachment.name == "王芳签到表.pdf"
    assert "签到表" not in attachment.file.name and attachment.file.name.endswith(".pdf")
    client.force_login(wang_fang.user)
    response = client.get(reverse("supervision:attachment_download", args=[attachment.pk]))
    assert body(response) == b"%PDF-1.4 sheet"
    assert download_name(response) == "王芳签到表.pdf"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [("记录.pdf", b"<html><script>", "不符"), ("记录.docx", b"%PDF-1.4", "不符"),
     ("记录.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "不能超过")],
)  # fmt: skip
def test_log_refuses_an_attachment_whose_content_does_not_match(
    client, tree, li_qiang_profile, wang_fang, name, content, message
):
    client.force_login(li_qiang_profile.person.user)
    data = {
        "key": "k-1",
        "started_at": "2026-11-20T09:30",
        "duration_minutes": "90",
        "form": "group",
        "providing_level": "city",
        "status": "held",
        "topic": "小组督导",
        f"minutes_{wang_fang.pk}": "90",
        "attachment": SimpleUploadedFile(name, content),
    }
    response = client.post(reverse("supervision:session_log", args=[tree.station_a.pk]), data)
    assert message in response.content.decode()
    assert not SupervisionSession.objects.exists()
