"""Files people upload and files the portal generates (STYLE.md §4).

They are stored under random names (`RandomName`), checked by content when uploaded
(`check_upload`), and leave only through a view that has run the app's loader
(`private_file_response`). `MEDIA_URL` is never served.
"""

import mimetypes
import re
import uuid
import zlib
from collections.abc import Collection
from pathlib import PurePath
from urllib.parse import quote
from zipfile import BadZipFile, ZipFile, ZipInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

ORIGINAL_NAME_MAX_LENGTH = 255
_SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")

# What each accepted extension starts with: (offset, bytes) pairs, any of which may match.
_ZIP = ((0, b"PK\x03\x04"),)
SIGNATURES: dict[str, tuple[tuple[int, bytes], ...]] = {
    ".pdf": ((0, b"%PDF-"),),
    ".jpg": ((0, b"\xff\xd8\xff"),),
    ".jpeg": ((0, b"\xff\xd8\xff"),),
    ".png": ((0, b"\x89PNG\r\n\x1a\n"),),
    ".docx": _ZIP,
    ".xlsx": _ZIP,
    ".pptx": _ZIP,
    ".mp4": ((4, b"ftyp"),),
}
ZIPPED = frozenset({".docx", ".xlsx", ".pptx"})
# Real Office files deflate 3–20 times; a part that claims far more is a zip bomb. Small parts
# are left alone: they cannot expand to much whatever their ratio.
MAX_COMPRESSION_RATIO = 100
RATIO_CHECKED_FROM_BYTES = 1024 * 1024
_HEAD_BYTES = max(offset + len(magic) for kinds in SIGNATURES.values() for offset, magic in kinds)


def file_suffix(name: str) -> str:
    """The extension of `name`, lowercased, with its dot; "" when it is not plain letters and
    digits (so nothing odd reaches a storage path)."""
    suffix = PurePath(name or "").suffix.lower()
    return suffix if _SUFFIX.fullmatch(suffix) else ""


@deconstructible
class RandomName:
    """`upload_to` for every FileField: `<prefix>/<yyyy>/<uuid4 hex><.ext>`.

    Nothing of the uploaded file's own name reaches the path; models keep it as data
    (`original_name`) for the download.
    """

    def __init__(self, prefix: str):
        self.prefix = prefix.strip("/")

    def __call__(self, instance, filename: str) -> str:
        year = timezone.localdate().year
        return f"{self.prefix}/{year}/{uuid.uuid4().hex}{file_suffix(filename)}"

    def __eq__(self, other) -> bool:
        return isinstance(other, RandomName) and other.prefix == self.prefix

    def __hash__(self) -> int:
        return hash(self.prefix)


def original_name(upload: UploadedFile | None) -> str:
    """The name the file had on the uploader's machine, for the download; "" without a file."""
    if not upload:
        return ""
    return PurePath(upload.name or "").name[-ORIGINAL_NAME_MAX_LENGTH:]


def check_upload(
    upload: UploadedFile, *, extensions: Collection[str], max_bytes: int, type_message: str
) -> UploadedFile:
    """Accept `upload` only with one of `extensions`, at most `max_bytes`, and content that
    starts as that type of file does; else a ValidationError (`type_message` for a refused type).
    """
    suffix = file_suffix(upload.name)
    if suffix not in extensions or suffix not in SIGNATURES:
        raise ValidationError(type_message, code="file_type")
    if upload.size > max_bytes:
        raise ValidationError(
            _("文件不能超过 %(limit)s。"),
            code="file_size",
            params={"limit": filesizeformat(max_bytes)},
        )
    upload.seek(0)
    head = upload.read(_HEAD_BYTES)
    upload.seek(0)
    if not any(head[offset:].startswith(magic) for offset, magic in SIGNATURES[suffix]):
        raise ValidationError(_("文件内容与文件类型不符。"), code="file_content")
    if suffix in ZIPPED and not _sound_zip(upload):
        raise ValidationError(_("文件已损坏或解压后过大。"), code="file_archive")
    return upload


def inflates_absurdly(part: ZipInfo) -> bool:
    """Whether one part of a zip claims to expand far beyond what real documents do (a bomb)."""
    return (
        part.file_size > RATIO_CHECKED_FROM_BYTES
        and part.file_size > MAX_COMPRESSION_RATIO * part.compress_size
    )


def _sound_zip(upload: UploadedFile) -> bool:
    """An Office file is a zip whose directory reads and no part of which inflates absurdly;
    judged from the directory alone (nothing is inflated), the upload rewound after."""
    try:
        with ZipFile(upload) as archive:
            parts = archive.infolist()
    except (BadZipFile, OSError, EOFError, ValueError, zlib.error):
        return False
    finally:
        upload.seek(0)
    return not any(map(inflates_absurdly, parts))


def private_file_response(fieldfile: FieldFile, *, filename: str) -> HttpResponse:
    """Send a stored file as a download named `filename`; the caller has run its loader.

    A blank `filename` (rows stored before original names were kept) falls back to the stored
    file's own name. With media on S3-compatible storage (`MEDIA_STORAGE=s3`), the browser is
    redirected to a presigned URL valid for `PRIVATE_FILES_URL_SECONDS`; with
    `PRIVATE_FILES_ACCEL_PREFIX` set, the proxy sends the bytes from that internal location
    (X-Accel-Redirect); otherwise Django streams them.
    """
    if not fieldfile:
        raise Http404
    name = filename or PurePath(fieldfile.name).name
    prefix = settings.PRIVATE_FILES_ACCEL_PREFIX
    if settings.MEDIA_STORAGE == "s3":
        response = HttpResponseRedirect(_presigned_url(fieldfile, filename=name))
    elif prefix:
        content_type = mimetypes.guess_type(fieldfile.name)[0] or "application/octet-stream"
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = f"{prefix.rstrip('/')}/{quote(fieldfile.name)}"
        response["Content-Disposition"] = content_disposition_header(True, name)
    else:
        response = FileResponse(fieldfile.open("rb"), as_attachment=True, filename=name)
    patch_cache_control(response, private=True, no_store=True)
    return response


def _presigned_url(fieldfile: FieldFile, *, filename: str) -> str:
    """A short-lived signed link to the object that downloads under `filename`."""
    content_type = mimetypes.guess_type(fieldfile.name)[0] or "application/octet-stream"
    return fieldfile.storage.url(
        fieldfile.name,
        parameters={
            "ResponseContentDisposition": content_disposition_header(True, filename),
            "ResponseContentType": content_type,
        },
        expire=settings.PRIVATE_FILES_URL_SECONDS,
    )
