"""Media on S3-compatible storage (MEDIA_STORAGE=s3): settings wiring and presigned downloads.

No network: presigning is computed locally from the keys.
"""

import importlib.util
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.http import Http404
from storages.backends.s3 import S3Storage

from core.files import private_file_response
from credentials.models import Qualification

BASE_SETTINGS = Path(__file__).resolve().parents[2] / "config" / "settings" / "base.py"


def _base_settings(monkeypatch, **environment):
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    spec = importlib.util.spec_from_file_location("base_settings_probe", BASE_SETTINGS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_media_stays_on_disk_by_default(monkeypatch):
    monkeypatch.delenv("MEDIA_STORAGE", raising=False)
    base = _base_settings(monkeypatch)
    assert base.STORAGES["default"]["BACKEND"] == "core.storage.AtomicFileSystemStorage"


def test_s3_storage_is_configured_from_the_environment(monkeypatch):
    base = _base_settings(
        monkeypatch,
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="portal-media",
        AWS_S3_ENDPOINT_URL="https://oss.example.cn",
        PRIVATE_FILES_URL_SECONDS="30",
    )
    storage = base.STORAGES["default"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "portal-media"
    assert storage["OPTIONS"]["endpoint_url"] == "https://oss.example.cn"
    assert storage["OPTIONS"]["default_acl"] == "private"
    assert storage["OPTIONS"]["querystring_expire"] == 30
    assert base.STORAGES["staticfiles"]["BACKEND"].startswith("whitenoise")


@pytest.fixture
def s3_scan(settings):
    settings.MEDIA_STORAGE = "s3"
    settings.PRIVATE_FILES_URL_SECONDS = 45
    scan = Qualification(original_name="").scan
    scan.name = "qualifications/9f2c1b.pdf"
    scan.storage = S3Storage(
        bucket_name="portal-media",
        endpoint_url="https://oss.example.cn",
        region_name="cn-north-1",
        access_key="test-key",
        secret_key="test-secret",
        signature_version="s3v4",
        addressing_style="path",
    )
    return scan


def test_download_redirects_to_a_short_lived_presigned_url(s3_scan):
    response = private_file_response(s3_scan, filename="资格证书.pdf")
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    query = parse_qs(url.query)
    assert (url.netloc, url.path) == ("oss.example.cn", "/portal-media/qualifications/9f2c1b.pdf")
    assert query["X-Amz-Expires"] == ["45"] and query["X-Amz-Signature"]
    assert query["response-content-type"] == ["application/pdf"]
    assert "资格证书.pdf" in unquote(query["response-content-disposition"][0])
    assert "no-store" in response["Cache-Control"]


def test_download_without_a_file_is_still_404(settings):
    settings.MEDIA_STORAGE = "s3"
    with pytest.raises(Http404):
        private_file_response(Qualification().scan, filename="x.pdf")
