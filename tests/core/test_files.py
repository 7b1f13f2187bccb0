"""Stored files: random names, one content check, one way out, and no public MEDIA_URL."""

import importlib
import io
import re
import zipfile

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.http import Http404
from django.test import override_settings
from django.urls import Resolver404, clear_url_caches, resolve
from django.views.static import serve

import config.urls
from core.files import RandomName, check_upload, file_suffix, original_name, private_file_response
from credentials.models import Qualification
from tests.downloads import body, download_name
from tests.project import project_apps

PROJECT_APPS = project_apps()


def _project_file_fields():
    return [
        field
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]


def test_every_file_field_of_the_project_uses_random_names():
    fields = _project_file_fields()
    names = {f"{f.model._meta.label}.{f.name}" for f in fields}
    assert {
        "credentials.Qualification.scan",
        "credentials.CertificateBatch.archive",
        "credentials.Certificate.pdf",
        "supervision.Attachment.file",
        "lms.CourseMaterial.file",
        "lms.ExternalTraining.evidence",
    } <= names
    for field in fields:
        assert isinstance(field.upload_to, RandomName), field


@pytest.mark.parametrize("field", _project_file_fields(), ids=str)
def test_stored_name_is_random_and_keeps_nothing_of_the_upload(field):
    instance = field.model()
    first = field.generate_filename(instance, "王芳 资格证书 scan-2023.PDF")
    second = field.generate_filename(instance, "王芳 资格证书 scan-2023.PDF")
    prefix = re.escape(field.upload_to.prefix)
    assert re.fullmatch(rf"{prefix}/\d{{4}}/[0-9a-f]{{32}}\.pdf", first), first
    assert first != second
    assert "王芳" not in first and "scan" not in first and "2023.pdf" not in first


@pytest.mark.parametrize(
    ("name", "suffix"),
    [("a.PDF", ".pdf"), ("a.tar.GZ", ".gz"), ("noext", ""), ("a.p h p", ""), ("a.中文", "")],
)
def test_file_suffix_is_plain_and_lowercased(name, suffix):
    assert file_suffix(name) == suffix


def test_original_name_is_the_basename_and_fits_the_column():
    assert original_name(SimpleUploadedFile("签到表.pdf", b"%PDF-")) == "签到表.pdf"
    assert original_name(None) == ""
    long = original_name(SimpleUploadedFile("长" * 300 + ".pdf", b"%PDF-"))
    assert len(long) == 255 and long.endswith(".pdf")


PDF_RULE = {"extensions": (".pdf", ".jpg", ".mp4", ".docx"), "max_bytes": 16, "type_message": "t"}


@pytest.mark.parametrize(
    ("name", "body"),
    [("a.pdf", b"%PDF-1.4"), ("a.JPG", b"\xff\xd8\xff\xe0"),
     ("a.mp4", b"\x00\x00\x00\x18ftypmp42")],
)  # fmt: skip
def test_check_upload_accepts_matching_content(name, body):
    upload = SimpleUploadedFile(name, body)
    assert check_upload(upload, **PDF_RULE) is upload
    assert upload.read() == body  # rewound for saving


@pytest.mark.parametrize(
    ("name", "body", "code"),
    [("a.exe", b"MZ", "file_type"), ("a.png", b"\x89PNG\r\n\x1a\n", "file_type"),
     ("a.pdf", b"%PDF-" + b"x" * 20, "file_size"), ("a.pdf", b"<html>", "file_content"),
     ("a.jpg", b"%PDF-1.4", "file_content"), ("a.docx", b"%PDF-1.4", "file_content"),
     ("a.docx", b"PK\x03\x04 truncated", "file_archive")],
)  # fmt: skip
def test_check_upload_refuses(name, body, code):
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile(name, body), **PDF_RULE)
    assert refused.value.code == code


def _zipped(**parts: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_an_office_document_is_a_sound_zip_that_does_not_inflate_absurdly():
    rule = {**PDF_RULE, "max_bytes": 1024 * 1024}
    document = SimpleUploadedFile("a.docx", _zipped(document=b"<w:document/>"))
    assert check_upload(document, **rule) is document
    assert document.read(4) == b"PK\x03\x04"  # rewound for saving
    bomb = SimpleUploadedFile("a.docx", _zipped(document=b"\x00" * (5 * 1024 * 1024)))
    with pytest.raises(ValidationError) as refused:
        check_upload(bomb, **rule)
    assert refused.value.code == "file_archive"


@pytest.fixture
def stored(settings, tmp_path, db):
    """A qualification whose scan is really on disk (in a temporary MEDIA_ROOT)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    qualification = Qualification(original_name="")
    qualification.scan.save("资格证书.pdf", ContentFile(b"%PDF-1.4 scan"), save=False)
    return qualification.scan


def test_private_file_response_sends_the_file_under_the_given_name(stored):
    response = private_file_response(stored, filename="资格证书.pdf")
    assert body(response) == b"%PDF-1.4 scan"
    assert response["Content-Type"] == "application/pdf"
    assert download_name(response) == "资格证书.pdf"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_private_file_response_falls_back_to_the_stored_name(stored):
    """Rows from before original names were kept still download."""
    response = private_file_response(stored, filename="")
    basename = stored.name.rsplit("/", 1)[-1]
    assert download_name(response) == basename


def test_private_file_response_hands_over_to_the_proxy_when_configured(stored, settings):
    settings.PRIVATE_FILES_ACCEL_PREFIX = "/protected-media/"
    response = private_file_response(stored, filename="scan.pdf")
    assert response["X-Accel-Redirect"] == f"/protected-media/{stored.name}"
    assert response["Content-Disposition"] == 'attachment; filename="scan.pdf"'
    assert response["Content-Type"] == "application/pdf" and response.content == b""


def test_private_file_response_without_a_file_is_404(db):
    with pytest.raises(Http404):
        private_file_response(Qualification().scan, filename="x.pdf")


# MEDIA_URL is never served, whatever DEBUG says (the demo runs with DEBUG on).


@pytest.fixture
def media_path(stored, settings):
    assert default_storage.exists(stored.name)
    return f"{settings.MEDIA_URL}{stored.name}"


def _no_static_serve(path: str) -> bool:
    try:
        return resolve(path).func is not serve
    except Resolver404:
        return True


def test_media_url_is_not_served(client, media_path, wang_fang):
    assert _no_static_serve(media_path)
    assert client.get(media_path).status_code == 404
    client.force_login(wang_fang.user)
    assert client.get(media_path).status_code == 404


def test_media_url_is_not_served_with_debug_on(client, media_path, wang_fang):
    try:
        with override_settings(DEBUG=True):
            importlib.reload(config.urls)
            clear_url_caches()
            assert _no_static_serve(media_path)
            client.force_login(wang_fang.user)
            assert client.get(media_path).status_code == 404
    finally:
        importlib.reload(config.urls)
        clear_url_caches()


def test_wagtail_documents_go_through_its_view(client, settings, tmp_path, db):
    from wagtail.documents.models import Document

    settings.MEDIA_ROOT = tmp_path / "media"
    document = Document(title="工作指引")
    document.file.save("guide.pdf", ContentFile(b"%PDF-1.4 guide"), save=False)
    document.save()
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert document.url.startswith("/documents/") and not document.url.startswith("/media/")
    response = client.get(document.url)
    assert response.status_code == 200
    assert body(response) == b"%PDF-1.4 guide"
