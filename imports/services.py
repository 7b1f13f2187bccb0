"""Import use cases: preview a file (parse, check, store), then commit it all or nothing."""

import json

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from imports import kinds, parsing
from imports.models import ImportBatch


class ImportRefused(Exception):
    """A commit that cannot start (already committed, or errors); `message` is shown."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class _RowsInvalid(Exception):
    """Raised inside the commit transaction to roll back everything when a row fails."""

    def __init__(self, results: list[kinds.RowResult]):
        super().__init__("rows invalid")
        self.results = results


def import_preview(*, user: User, kind: str, uploaded_file: UploadedFile) -> ImportBatch:
    """Parse and check every row of an upload of a registered `kind` (the caller has checked
    the user may import it) and store the batch for review; nothing else is saved. Raises
    `ValidationError` (Chinese message) for a file that cannot be read at all."""
    import_kind = kinds.kind_of(kind)
    raw_rows = parsing.read_rows(
        uploaded_file=uploaded_file,
        columns=import_kind.headers,
        required=import_kind.required_headers,
    )
    results = import_kind.validate(rows=raw_rows, user=user)
    batch = ImportBatch(kind=kind, created_by=user, filename=(uploaded_file.name or "")[:255])
    _store(batch, results)
    batch.save()
    return batch


def import_commit(*, batch: ImportBatch, user: User) -> ImportBatch:
    """Save every row of a checked batch, or none of them.

    Rows are checked again against the database as it is now; if any fails, everything is
    rolled back and the batch is returned with status "failed" and the new errors. A batch is
    committed once only: the status is claimed first, inside the same transaction.
    """
    import_kind = kinds.kind_of(batch.kind)
    if batch.created_by_id != user.pk or not batch.is_committable or import_kind is None:
        raise ImportRefused(_("该批次已经导入过或存在错误，不能导入。"))
    try:
        with transaction.atomic():
            now = timezone.now()
            claimed = ImportBatch.objects.filter(
                pk=batch.pk, status=ImportBatch.Status.PREVIEW, error_count=0
            ).update(status=ImportBatch.Status.COMMITTED, committed_at=now)
            if not claimed:
                raise ImportRefused(_("该批次已经导入过，不能重复导入。"))
            raw_rows = [parsing.RawRow(entry["line"], entry["values"]) for entry in batch.entries]
            results = import_kind.validate(rows=raw_rows, user=user)
            if any(result.errors for result in results):
                raise _RowsInvalid(results)
            import_kind.save(results=results, user=user)
            batch.status, batch.committed_at = ImportBatch.Status.COMMITTED, now
            audit_record(
                actor=user, verb="import.commit", target=batch, after={"rows": len(results)}
            )
    except _RowsInvalid as invalid:
        _store(batch, invalid.results)
        batch.save(update_fields=["rows", "row_count", "error_count", "status"])
    except IntegrityError:  # a concurrent change slipped between the check and the insert
        batch.refresh_from_db()
        raise ImportRefused(
            _("导入时数据被他人同时修改，未保存任何数据。请重新确认导入。")
        ) from None
    except ValidationError as refused:  # the owning app's service refused a row
        batch.refresh_from_db()
        raise ImportRefused(
            _("导入被拒绝，未保存任何数据：%(reason)s") % {"reason": " ".join(refused.messages)}
        ) from None
    return batch


def _store(batch: ImportBatch, results: list[kinds.RowResult]) -> None:
    entries = [
        {"line": result.line, "values": result.values, "errors": result.errors}
        for result in results
    ]
    batch.rows = json.dumps(entries, ensure_ascii=False)
    batch.row_count = len(results)
    batch.error_count = sum(1 for result in results if result.errors)
    batch.status = ImportBatch.Status.FAILED if batch.error_count else ImportBatch.Status.PREVIEW
