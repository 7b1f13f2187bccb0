import hashlib
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from credentials import services
from credentials.models import Certificate
from tests.pdf_tools import pdf_fonts, pdf_text


def test_pdf_is_stored_once_with_its_hash(certificate):
    body = certificate.pdf.read()
    assert body.startswith(b"%PDF")
    assert hashlib.sha256(body).hexdigest() == certificate.pdf_sha256
    services.certificate_render(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    assert hashlib.sha256(certificate.pdf.read()).hexdigest() == certificate.pdf_sha256


def test_pdf_has_chinese_holder_name_and_embedded_cjk_font(certificate):
    body = certificate.pdf.read()
    text = pdf_text(body)
    assert "王芳" in text and "2025 年度学时证明" in text and certificate.short_code in text
    assert "WenQuanYi" in pdf_fonts(body)


def test_qr_code_decodes_to_the_verification_url(certificate, tmp_path):
    pdf_path = tmp_path / "c.pdf"
    pdf_path.write_bytes(certificate.pdf.read())
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", pdf_path, tmp_path / "page"],
        check=True,
    )
    png = next(tmp_path.glob("page*.png"))
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", png], capture_output=True, check=True)
    assert decoded.stdout.decode().strip().endswith(f"/verify/{certificate.code}/")


def test_snapshot_is_frozen_at_issue(certificate, wang_fang):
    wang_fang.name = "王芳芳"
    wang_fang.save()
    certificate.refresh_from_db()
    assert certificate.snapshot["holder"]["name"] == "王芳"


def test_second_current_certificate_for_same_period_is_refused(certificate, wang_fang, issue):
    with pytest.raises(ValidationError, match="已有有效的同类证明") as refused:
        issue(wang_fang)
    assert refused.value.code == services.ISSUED_MEANWHILE
    assert "certificate_one_current_per_subject" not in str(refused.value)
    assert Certificate.objects.filter(holder=wang_fang).count() == 1


def test_reissue_supersedes(certificate, wang_fang, issue):
    newer = issue(wang_fang, supersede=certificate)
    certificate.refresh_from_db()
    assert certificate.status == "superseded" and newer.status == "valid"
    assert newer.supersedes == certificate


def test_status_has_one_label_each(certificate, wang_fang, zhang_min, issue):
    assert (certificate.is_valid, certificate.get_status_display()) == (True, "有效")
    newer = issue(wang_fang, supersede=certificate)
    certificate.refresh_from_db()
    assert (certificate.is_valid, certificate.get_status_display()) == (False, "已被替换")
    services.certificate_revoke(certificate=newer, revoked_by=zhang_min.user, reason="重复")
    newer.refresh_from_db()
    assert (newer.is_valid, newer.get_status_display()) == (False, "已撤销")


def test_revoke_needs_a_reason(certificate, zhang_min):
    with pytest.raises(ValidationError):
        services.certificate_revoke(certificate=certificate, revoked_by=zhang_min.user, reason="  ")
    certificate.refresh_from_db()
    assert certificate.status == "valid"


def test_database_refuses_revocation_without_reason(certificate):
    from django.utils import timezone

    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.filter(pk=certificate.pk).update(revoked_at=timezone.now())


def test_revoke_records_reason(certificate, zhang_min):
    services.certificate_revoke(
        certificate=certificate, revoked_by=zhang_min.user, reason="学时录入有误"
    )
    certificate.refresh_from_db()
    assert certificate.status == "revoked" and certificate.revoke_reason == "学时录入有误"
