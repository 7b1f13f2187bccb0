"""Reads for the import pages: a batch's rows ready to show, and the user's recent batches."""

from dataclasses import dataclass

from django.db.models import QuerySet

from accounts.models import User
from directory import identity
from imports import columns
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


def _mask_id(text: str) -> str:
    number = identity.normalise_id_number(text)
    return identity.mask_id_number(number) if len(number) >= 8 else "*" * len(number)


def _mask_mobile(text: str) -> str:
    return identity.mask_mobile(text) if len(text) >= 7 else "*" * len(text)


MASKS = {"身份证号": _mask_id, "手机号": _mask_mobile}


def preview_rows(*, batch: ImportBatch, only_errors: bool = False) -> list[PreviewRow]:
    """The stored rows in file order, ID and mobile numbers masked, error cells flagged."""
    headers = columns.headers(batch.kind)
    preview = []
    for entry in batch.entries:
        errors = [(column, message) for column, message in entry["errors"]]
        if only_errors and not errors:
            continue
        flagged = {column for column, _message in errors}
        cells = [
            PreviewCell(
                text=MASKS.get(header, str)(entry["values"].get(header, "")),
                has_error=header in flagged,
            )
            for header in headers
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
