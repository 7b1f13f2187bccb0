"""The media directory (uploads and generated PDFs) as one tar file."""

import tarfile
from pathlib import Path


def media_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def media_archive(*, root: Path, target: Path) -> int:
    """Write every file under `root` into the tar `target`; the number of files archived."""
    files = media_files(root)
    with tarfile.open(target, "w") as archive:
        for path in files:
            archive.add(path, arcname=path.relative_to(root).as_posix(), recursive=False)
    return len(files)


def media_extract(*, source: Path, root: Path) -> int:
    """Unpack the tar `source` under `root` (regular files and folders only); files unpacked."""
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source) as archive:
        members = archive.getmembers()
        archive.extractall(root, filter="data")
    return sum(1 for member in members if member.isfile())


def media_is_empty(root: Path) -> bool:
    return not media_files(root)
