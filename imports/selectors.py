"""Reads for the import pages: a batch's rows ready to show, and the user's recent batches."""

from dataclasses import dataclass

from django.db.models import QuerySet

from accounts.models import User
from imports.kinds import ImportKind
from imports.models import ImportBatch


@dataclass(frozen=True)
class PreviewCell:
    text: str
    has_error: bool


@dataclass(frozen=True)
class PreviewRow:
    line: int
    cells: list[PreviewCell]
    errors: list[tuple[str, str]]  # (column header or "", message)


def preview_rows(
    *, batch: ImportBatch, kind: ImportKind, only_errors: bool = False
) -> list[PreviewRow]:
    """The stored rows in file order, cells masked as their column says (ID and mobile
    numbers), error cells flagged."""
    preview = []
    for entry in batch.entries:
        errors = [(column, message) for column, message in entry["errors"]]
        if only_errors and not errors:
            continue
        flagged = {column for column, _message in errors}
        cells = [
            PreviewCell(
                text=(column.mask or str)(entry["values"].get(column.header, "")),
                has_error=column.header in flagged,
            )
            for column in kind.columns
        ]
        preview.append(PreviewRow(line=entry["line"], cells=cells, errors=errors))
    return preview


def recent_batches_for_user(*, user: User, limit: int = 10) -> QuerySet[ImportBatch]:
    """The user's own latest batches, without their (large, encrypted) rows."""
    return (
        ImportBatch.objects.filter(created_by=user)
        .defer("rows")
        .order_by("-created_at", "-pk")[:limit]
    )
