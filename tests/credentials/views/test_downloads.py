"""Certificate PDFs, batch ZIPs and qualification scans leave only through their views: the right
person gets the file under a readable name, 陈静 (county B) 404, a wrong role 403, anonymous
visitors the login page."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from credentials import qualifications
from credentials.models import CertificateBatch
from tests.downloads import body, download_name


def _get(client, request, who, url):
    if who:
        client.force_login(request.getfixturevalue(who).user)
    return client.get(url)


# Certificates: the name comes from the certificate's data.


def test_certificate_downloads_under_its_kind_and_code(client, certificate, wang_fang):
    client.force_login(wang_fang.user)
    response = client.get(reverse("credentials:download", args=[certificate.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert download_name(response) == f"学时证明-{certificate.short_code}.pdf"
    assert certificate.short_code not in certificate.pdf.name
    assert certificate.code not in certificate.pdf.name


# Batch archives: for administrators over the batch's region.


@pytest.fixture
def batch(tree, zhang_min, settings, tmp_path):
    """A finished batch over 王芳's township, with its ZIP stored."""
    settings.MEDIA_ROOT = tmp_path / "media"
    batch = CertificateBatch.objects.create(
        region=tree.town_a, year=2025, created_by=zhang_min.user, status="done"
    )
    batch.archive.save("ignored.zip", ContentFile(b"PK\x03\x04zip"))
    return batch


@pytest.mark.parametrize(
    ("who", "status"), [("zhang_min", 200), ("chen_jing", 404), ("li_qiang", 403), (None, 302)]
)
def test_batch_archive_access(client, request, batch, who, status):
    response = _get(client, request, who, reverse("credentials:batch_archive", args=[batch.pk]))
    assert response.status_code == status
    if status == 302:
        assert "/accounts/login/" in response["Location"]


def test_batch_archive_is_named_after_region_and_year(client, batch, zhang_min):
    client.force_login(zhang_min.user)
    response = client.get(reverse("credentials:batch_archive", args=[batch.pk]))
    assert body(response) == b"PK\x03\x04zip"
    assert download_name(response) == "定王台街道 2025.zip"
    assert "ignored" not in batch.archive.name


def test_batch_page_refuses_a_wrong_role(client, batch, li_qiang):
    client.force_login(li_qiang.user)
    assert client.get(reverse("credentials:batch", args=[batch.pk])).status_code == 403


# Qualification scans: the holder or an administrator over them, under the uploaded name.


@pytest.fixture
def qualification(wang_fang, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return qualifications.qualification_submit(
        person=wang_fang,
        level="assistant",
        certificate_number="ZL2023001",
        passed_on=dt.date(2023, 6, 18),
        scan=SimpleUploadedFile("王芳资格证书.pdf", b"%PDF-1.4 scan"),
        registered_on=None,
        by=wang_fang.user,
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [("wang_fang", 200), ("zhang_min", 200), ("chen_jing", 404), ("li_qiang", 403), (None, 302)],
)
def test_scan_access(client, request, qualification, who, status):
    response = _get(client, request, who, reverse("credentials:scan", args=[qualification.pk]))
    assert response.status_code == status
    if status == 302:
        assert "/accounts/login/" in response["Location"]


def test_scan_keeps_its_name_as_data_not_in_the_path(client, qualification, wang_fang):
    assert qualification.original_name == "王芳资格证书.pdf"
    assert "王芳" not in qualification.scan.name
    client.force_login(wang_fang.user)
    response = client.get(reverse("credentials:scan", args=[qualification.pk]))
    assert body(response) == b"%PDF-1.4 scan"
    assert download_name(response) == "王芳资格证书.pdf"


def test_scan_stored_before_names_were_kept_still_downloads(client, qualification, wang_fang):
    qualification.original_name = ""
    qualification.save(update_fields=["original_name"])
    client.force_login(wang_fang.user)
    response = client.get(reverse("credentials:scan", args=[qualification.pk]))
    assert response.status_code == 200
    assert download_name(response) == qualification.scan.name.rsplit("/", 1)[-1]
