"""Files people upload and files the portal generates (STYLE.md §4).

They are stored under random names (`RandomName`); the name a file had on the uploader's machine
is kept as data (`original_name`).
"""

import re
import uuid
from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.deconstruct import deconstructible

ORIGINAL_NAME_MAX_LENGTH = 255
_SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")


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
