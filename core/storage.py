"""Media storage that never leaves a half-written file behind (disk full, worker killed)."""

import os
import tempfile

from django.core.files.storage import FileSystemStorage


def _new_file_mode() -> int:
    """The mode a plain open() gives a new file under this process's umask (mkstemp uses 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_NEW_FILE_MODE = _new_file_mode()  # read once at import, before any threads start


class _WrittenFile:
    """A file already on disk, which FileSystemStorage moves into place instead of streaming."""

    def __init__(self, path: str):
        self._path = path

    def temporary_file_path(self) -> str:
        return self._path


class AtomicFileSystemStorage(FileSystemStorage):
    """Write to a temporary file beside the target, then rename it into place.

    A rename within one directory is atomic: readers see the whole file or none. When writing
    fails (ENOSPC, a killed process), only the temporary file is left and it is removed on error.
    """

    def _save(self, name, content):
        if hasattr(content, "temporary_file_path"):
            return super()._save(name, content)
        directory = os.path.dirname(self.path(name))
        os.makedirs(directory, exist_ok=True)
        descriptor, temporary_path = tempfile.mkstemp(dir=directory, prefix=".partial-")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                for chunk in content.chunks():
                    handle.write(chunk.encode() if isinstance(chunk, str) else chunk)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary_path, self.file_permissions_mode or _NEW_FILE_MODE)
            return super()._save(name, _WrittenFile(temporary_path))
        finally:
            if os.path.exists(temporary_path):
                os.remove(temporary_path)
