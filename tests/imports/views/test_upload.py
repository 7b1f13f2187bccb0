import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from imports.models import ImportBatch
from tests.imports.files import person_row, point_row, upload, xlsx_file

pytestmark = pytest.mark.django_db
URL = "/admin/imports/"


def test_url():
    assert reverse("imports:upload") == URL


def test_upload_page_links_both_templates(client, zhang_min):
    client.force_login(zhang_min.user)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("imports:template", args=["service_points"]) in html
    assert reverse("imports:template", args=["people"]) in html
    assert 'type="file"' in html


def test_upload_redirects_to_preview(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    response = client.post(
        URL, {"kind": "service_points", "file": upload("service_points", [point_row(tree)])}
    )
    batch = ImportBatch.objects.get(created_by=zhang_min.user)
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:preview", args=[batch.pk])


@pytest.mark.parametrize(
    ("uploaded", "message"),
    [
        (SimpleUploadedFile("台账.xls", b"\xd0\xcf\x11\xe0"), "只能导入 .xlsx 或 .csv 文件"),
        (SimpleUploadedFile("台账.xlsx", b"garbage"), "无法读取该 Excel 文件"),
        (lambda: xlsx_file([["姓名"], ["赵一"]]), "缺少必填列"),
    ],
    ids=["wrong-type", "corrupt", "missing-columns"],
)
def test_unreadable_files_are_refused_with_a_message(client, zhang_min, uploaded, message):
    client.force_login(zhang_min.user)
    uploaded = uploaded() if callable(uploaded) else uploaded
    response = client.post(URL, {"kind": "people", "file": uploaded})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_oversized_file_is_refused_with_a_message(client, settings, tree, zhang_min):
    settings.IMPORT_MAX_BYTES = 1024
    client.force_login(zhang_min.user)
    rows = [person_row(tree) for _ in range(40)]
    response = client.post(URL, {"kind": "people", "file": upload("people", rows)})
    assert response.status_code == 200
    assert "文件过大" in response.content.decode()
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize(("who", "shown"), [("zhang_min", True), ("editor", False)])
def test_menu_item_only_for_directory_managers(rf, request, who, shown):
    user = request.getfixturevalue(who)
    http_request = rf.get("/admin/")
    http_request.user = getattr(user, "user", user)
    names = [item.name for item in admin_menu.menu_items_for_request(http_request)]
    assert ("imports" in names) is shown


def test_editor_gets_403(client, editor):
    client.force_login(editor)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"kind": "people"}).status_code == 403


def test_worker_is_turned_away_by_the_admin_gate(client, wang_fang):
    """Workers cannot enter the Wagtail admin at all; Wagtail sends them to its login page."""
    client.force_login(wang_fang.user)
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_anonymous_is_sent_to_login(client, tree):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={URL}"
