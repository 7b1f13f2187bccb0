import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from credentials import services, signing
from credentials.models import VerificationEvent


def test_valid_certificate_page_is_public_and_masks_id(client, certificate, wang_fang):
    response = client.get(reverse("credentials:verify", args=[certificate.code]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "有效" in page and "王芳" in page and "20.5" in page
    assert wang_fang.id_number not in page and wang_fang.id_number_masked in page


def test_short_code_typed_from_paper_redirects_to_the_page(client, certificate):
    typed = certificate.short_code.lower()
    response = client.get(reverse("credentials:verify_start"), {"code": typed}, follow=True)
    assert response.status_code == 200 and "王芳" in response.content.decode()


@pytest.mark.parametrize("code", ["nonsense", "0000000000", "x" * 32])
def test_unknown_or_malformed_codes_get_the_same_404(client, db, code):
    response = client.get(reverse("credentials:verify", args=[code]))
    assert response.status_code == 404
    assert "未找到证明" in response.content.decode()
    assert client.get(reverse("credentials:verify_json", args=[code])).json() == {
        "error": "not_found"
    }


def test_json_is_signed_and_verifies(client, certificate):
    response = client.get(reverse("credentials:verify_json", args=[certificate.code]))
    document = response.json()
    assert response.status_code == 200
    assert document["certificate"]["holder"]["name"] == "王芳"
    assert signing.verify(document)


def test_revoked_certificate_is_410_with_reason(client, certificate, zhang_min):
    services.certificate_revoke(
        certificate=certificate, revoked_by=zhang_min.user, reason="重复签发"
    )
    response = client.get(reverse("credentials:verify", args=[certificate.code]))
    assert response.status_code == 410 and "重复签发" in response.content.decode()
    document = client.get(reverse("credentials:verify_json", args=[certificate.code]))
    assert document.status_code == 410 and document.json()["certificate"]["status"] == "revoked"


def test_superseded_certificate_links_to_the_newer(client, certificate, wang_fang, issue):
    newer = issue(wang_fang, supersede=certificate)
    response = client.get(reverse("credentials:verify", args=[certificate.code]))
    assert response.status_code == 410
    assert newer.code in response.content.decode()


def test_lookups_are_rate_limited_per_ip(client, certificate, settings):
    settings.VERIFY_RATE_LIMIT = 3
    url = reverse("credentials:verify", args=[certificate.code])
    statuses = [client.get(url).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    other = client.get(url, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 200


def test_verifications_are_logged_with_masked_ip(client, certificate):
    client.get(reverse("credentials:verify", args=[certificate.code]), REMOTE_ADDR="203.0.113.45")
    event = VerificationEvent.objects.get()
    assert event.ip_masked == "203.0.113.*" and event.channel == "page"


def test_pdf_upload_identical_and_altered(client, certificate):
    body = certificate.pdf.read()
    url = reverse("credentials:verify_pdf")
    same = client.post(url, {"file": SimpleUploadedFile("c.pdf", body, "application/pdf")})
    assert "一致：这是本平台签发的证明" in same.content.decode()
    assert certificate.short_code in same.content.decode()
    altered = body[:-40] + b"%% appended by someone\n" + body[-40:]
    other = client.post(url, {"file": SimpleUploadedFile("c.pdf", altered, "application/pdf")})
    assert "不一致" in other.content.decode()


def test_pdf_upload_refuses_other_files(client, db):
    response = client.post(
        reverse("credentials:verify_pdf"),
        {"file": SimpleUploadedFile("x.pdf", b"hello", "text/plain")},
    )
    assert response.status_code == 200 and "这不是 PDF 文件" in response.content.decode()


def test_public_key_is_published(client, db):
    response = client.get(reverse("credentials:public_key"))
    assert response.content == signing.public_key_pem()
