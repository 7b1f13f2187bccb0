"""Every upload field of the main forms refuses an oversized file, a disguised one (a program, a
web page or a zip bomb under a document's name, a PDF named .docx) and an empty one: a Chinese
message, nothing saved, no file left in storage. A request body over the limit is a 400."""

import functools
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from competitions.models import EntryFile
from credentials.models import Qualification
from imports.models import ImportBatch
from lms.models import Attendance, CourseMaterial, ExternalTraining
from practicum.models import PracticeBase
from supervision.models import Attachment
from tests.bad_input.forms import fill, main_form

MB = 1024 * 1024
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><script>alert(1)</script></html>"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"
REFUSALS = (
    "文件不能超过",
    "文件内容与文件类型不符",
    "文件已损坏或解压后过大",
    "只能是",
    "只接受",
    "只能导入",
    "文件过大",
    "所提交的是空文件",
    "这不是 PDF",
    "无法读取",
    "已损坏",
)


@functools.cache
def _zip_bomb() -> bytes:
    """A zip with one part of 30 MB of zeros: a few dozen kilobytes on the wire."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\x00" * (30 * MB))
    return buffer.getvalue()


@dataclass
class Upload:
    id: str
    role: str
    page: Any  # world -> path of the page with the form
    field: str
    suffix: str  # the document type the field takes
    max_bytes: int
    model: Any
    overrides: Any = field(default=lambda world: {})


def _training_session(world):
    return world.home.run.sessions.first()


UPLOADS = [
    Upload(
        "supervision_attachment",
        "supervisor",
        lambda w: reverse("supervision:session_log", args=[w.home.station.pk]),
        "attachment",
        ".docx",
        10 * MB,
        Attachment,
        lambda w: {f"minutes_{w.home.worker.pk}": "60", "duration_minutes": "60"},
    ),
    Upload(
        "external_training_evidence",
        "worker",
        lambda w: reverse("lms:external_new"),
        "evidence",
        ".pdf",
        5 * MB,
        ExternalTraining,
        lambda w: {"hours": "2"},
    ),
    Upload(
        "course_material",
        "region_admin",
        lambda w: reverse("lms:course_materials", args=[w.home.course.pk]),
        "file",
        ".xlsx",
        50 * MB,
        CourseMaterial,
        lambda w: {"url": ""},
    ),
    Upload(
        "attendance_sheet",
        "region_admin",
        lambda w: reverse("lms:session_import", args=[_training_session(w).pk]),
        "file",
        ".xlsx",
        2 * MB,
        Attendance,
    ),
    Upload(
        "qualification_scan",
        "worker",
        lambda w: reverse("credentials:qualification_new"),
        "scan",
        ".pdf",
        5 * MB,
        Qualification,
    ),
    Upload(
        "certificate_check",
        "worker",
        lambda w: reverse("credentials:verify_pdf"),
        "file",
        ".pdf",
        10 * MB,
        Qualification,
    ),
    Upload(
        "competition_entry_file",
        "worker",
        lambda w: reverse("competitions:entry", args=[w.home.entry.pk]),
        "upload",
        ".docx",
        20 * MB,
        EntryFile,
    ),
    Upload(
        "practice_base_agreement",
        "university_coordinator",
        lambda w: reverse("practicum:coord_base_new", args=[w.home.university.pk]),
        "document",
        ".pdf",
        10 * MB,
        PracticeBase,
        lambda w: {"host_code": w.home.station.code},
    ),
    Upload(
        "bulk_import",
        "region_admin",
        lambda w: reverse("imports_site:upload"),
        "file",
        ".xlsx",
        2 * MB,
        ImportBatch,
    ),
]


def _bad_files(upload: Upload) -> list[tuple[str, bytes]]:
    suffix = upload.suffix
    genuine_head = PDF if suffix == ".pdf" else _zip_bomb()[:4]
    other = (".docx", PDF) if suffix != ".pdf" else (".pdf", b"PK\x03\x04" + b"\x00" * 100)
    return [
        (f"过大{suffix}", genuine_head + b"\x00" * (upload.max_bytes + 1)),
        (f"程序{suffix}", EXE),
        (f"网页{suffix}", HTML),
        (f"压缩炸弹{suffix}", _zip_bomb()),
        (f"另一种文件{other[0]}", other[1]),
        (f"空文件{suffix}", b""),
    ]


def _stored_files(media) -> list:
    return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


@pytest.mark.parametrize("upload", UPLOADS, ids=[upload.id for upload in UPLOADS])
def test_bad_files_are_refused_with_a_message_and_leave_nothing(world, settings, upload):
    client = Client()
    client.force_login(world.walkers[upload.role])
    page = upload.page(world)
    stored = _stored_files(settings.MEDIA_ROOT)
    before = upload.model.objects.count()
    for name, content in _bad_files(upload):
        blank = client.get(page).content.decode()
        form = main_form(blank, containing=upload.field)
        data = fill(form, "测试", overrides=upload.overrides(world))
        data[upload.field] = SimpleUploadedFile(name, content)
        response = client.post(form["attrs"].get("action") or page, data, follow=True)
        body = response.content.decode()
        assert response.status_code == 200, name
        assert any(refusal in body and refusal not in blank for refusal in REFUSALS), name
        assert upload.model.objects.count() == before, name
        assert _stored_files(settings.MEDIA_ROOT) == stored, name


def test_a_request_body_over_the_limit_is_a_400(world, settings):
    client = Client()
    client.force_login(world.walkers["worker"])
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = client.post(reverse("lms:external_new"), {"title": "长" * 2000})
    assert response.status_code == 400
    before = ExternalTraining.objects.count()
    too_many = {f"f{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    assert client.post(reverse("lms:external_new"), too_many).status_code == 400
    assert ExternalTraining.objects.count() == before
