"""The blind copy of an entry's file that judges download (R14): the same document, photo or
video without the metadata that names its author, made once on the first judge's download and
kept privately next to the original, so that a video is not stripped again for every judge and
leaves as a stream (or through the proxy) like any stored file.

The copy is written to a temporary file in the same folder and renamed into place, so a judge
never receives half a copy, and two judges downloading at once just write the same copy twice.
Files are never changed once stored (a new upload gets a new name), so a copy never goes stale.
"""

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from django.db.models.fields.files import FieldFile

from competitions import file_metadata, privacy
from competitions.models import EntryFile
from core.files import file_suffix

# Kinds stripped in memory: documents and photos, at most COMPETITION_DOCUMENT_MAX_BYTES.
STRIPPED_IN_MEMORY: dict[str, Callable[[bytes], bytes]] = {
    ".docx": privacy.docx_without_authors,
    ".pdf": file_metadata.pdf_without_metadata,
    ".jpg": file_metadata.image_without_metadata,
    ".jpeg": file_metadata.image_without_metadata,
    ".png": file_metadata.image_without_metadata,
}
# Videos are copied in chunks and their metadata boxes blanked in place: never read whole.
STRIPPED_IN_PLACE: dict[str, Callable] = {".mp4": file_metadata.mp4_blank_metadata}
# Plain text carries no metadata: judges get the stored file itself.
SENT_AS_STORED = frozenset({".txt"})
COPY_CHUNK_BYTES = 1024 * 1024


def blind_copy_name(stored_name: str) -> str:
    """Where the blind copy of a stored file lives: beside it, `<name>.blind<.ext>`."""
    path = PurePosixPath(stored_name)
    return str(path.with_name(f"{path.stem}.blind{path.suffix}"))


def blind_copy_ensure(*, attachment: EntryFile) -> FieldFile:
    """The file a judge downloads for `attachment`: its blind copy, made now if this is the
    first download; the stored file itself for plain text. A kind this module cannot strip,
    or a file whose metadata cannot be removed, raises MetadataNotRemovable: nothing is kept,
    and the caller refuses the download."""
    suffix = file_suffix(attachment.file.name)
    if suffix in SENT_AS_STORED:
        return attachment.file
    if suffix not in STRIPPED_IN_MEMORY and suffix not in STRIPPED_IN_PLACE:
        raise file_metadata.MetadataNotRemovable(f"no way to strip {suffix or 'this'} files")
    name = blind_copy_name(attachment.file.name)
    storage = attachment.file.storage
    if not storage.exists(name):
        _write_blind_copy(attachment, suffix, Path(storage.path(name)), storage)
    return FieldFile(attachment, attachment.file.field, name)


def blind_copy_delete(*, attachment: EntryFile) -> None:
    """Remove the blind copy of `attachment`, if one was made (with the original file)."""
    attachment.file.storage.delete(blind_copy_name(attachment.file.name))


def _write_blind_copy(attachment: EntryFile, suffix: str, target: Path, storage) -> None:
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".part")
    try:
        with os.fdopen(descriptor, "w+b") as copy, attachment.file.open("rb") as original:
            if suffix in STRIPPED_IN_PLACE:
                shutil.copyfileobj(original, copy, COPY_CHUNK_BYTES)
                STRIPPED_IN_PLACE[suffix](copy)
            else:
                copy.write(STRIPPED_IN_MEMORY[suffix](original.read()))
            copy.flush()
            os.fsync(copy.fileno())
        os.chmod(temporary, storage.file_permissions_mode or 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
