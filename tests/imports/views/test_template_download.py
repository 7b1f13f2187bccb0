import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imports import kinds
from imports.models import ImportBatch
from tests.imports.files import XLSX

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["service_points", "people"])
def test_template_reads_and_previews_without_errors(client, tree, zhang_min, kind):
    client.force_login(zhang_min.user)
    response = client.get(reverse("imports:template", args=[kind]))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]

    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    data, notes = workbook.worksheets
    assert notes.title == "说明"
    headers = kinds.kind_of(kind).headers
    assert [cell.value for cell in data[1]] == headers
    assert [cell.value for cell in notes["A"]][1 : len(headers) + 1] == headers

    uploaded = SimpleUploadedFile("模板.xlsx", response.content, content_type=XLSX)
    response = client.post(reverse("imports:upload"), {"kind": kind, "file": uploaded}, follow=True)
    batch = ImportBatch.objects.get(created_by=zhang_min.user)
    assert (batch.row_count, batch.error_count) == (1, 0), batch.entries
    assert "确认导入" in response.content.decode()


def test_unknown_kind_is_404(client, zhang_min):
    client.force_login(zhang_min.user)
    assert client.get("/admin/imports/templates/regions.xlsx").status_code == 404


def test_editor_gets_403(client, editor):
    client.force_login(editor)
    assert client.get(reverse("imports:template", args=["people"])).status_code == 403


def test_anonymous_is_sent_to_login(client, tree):
    response = client.get(reverse("imports:template", args=["people"]))
    assert response.status_code == 302
