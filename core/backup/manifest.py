"""What a backup contains, measured on the live database, and how two measurements differ."""

import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.module_loading import import_string

MANIFEST_NAME = "manifest.json"
FORMAT_VERSION = 1


def model_counts() -> dict[str, int]:
    """Rows per concrete model (many-to-many tables included), keyed by "app_label.model"."""
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        counts[model._meta.label_lower] = model._base_manager.count()
    return dict(sorted(counts.items()))


def contributed_sections() -> dict[str, list]:
    """Each section of `BACKUP_MANIFEST_SECTIONS`: its function's JSON-ready list."""
    return {name: import_string(path)() for name, path in settings.BACKUP_MANIFEST_SECTIONS.items()}


def manifest_measure() -> dict:
    """The parts of a manifest that a restore must reproduce exactly."""
    return {"counts": model_counts(), **contributed_sections()}


def manifest_build(*, database_file: str, media_file: str, media_files: int) -> dict:
    return {
        "format": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "engine": connection.vendor,
        "database_file": database_file,
        "media_file": media_file,
        "media_files": media_files,
        **manifest_measure(),
    }


def manifest_write(directory: Path, manifest: dict) -> None:
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True)
    (directory / MANIFEST_NAME).write_text(text + "\n", encoding="utf-8")


def manifest_read(directory: Path) -> dict:
    return json.loads((directory / MANIFEST_NAME).read_text(encoding="utf-8"))


def manifest_differences(*, expected: dict, actual: dict) -> list[str]:
    """One line per model whose count differs and per section entry missing or changed."""
    lines = []
    expected_counts, actual_counts = expected["counts"], actual["counts"]
    for label in sorted(expected_counts.keys() | actual_counts.keys()):
        before, after = expected_counts.get(label), actual_counts.get(label)
        if before != after:
            lines.append(f"{label}: {before} rows in the backup, {after} restored")
    for name in settings.BACKUP_MANIFEST_SECTIONS:
        before = {json.dumps(item, sort_keys=True) for item in expected.get(name, [])}
        after = {json.dumps(item, sort_keys=True) for item in actual.get(name, [])}
        lines += [f"{name}: missing after restore {item}" for item in sorted(before - after)]
        lines += [f"{name}: not in the backup {item}" for item in sorted(after - before)]
    return lines
