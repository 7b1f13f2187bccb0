"""Object loaders for imports: 403 for a kind the user may not import, 404 for others' batches."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import User
from imports import kinds
from imports.models import ImportBatch


def require_importer(*, user: User) -> list[kinds.ImportKind]:
    """The kinds the user may import; 403 when there are none."""
    importable = kinds.importable_by(user)
    if not importable:
        raise PermissionDenied
    return importable


def kind_for_user(*, user: User, key: str) -> kinds.ImportKind:
    """A registered kind (else 404) that the user may import (else 403)."""
    kind = kinds.kind_of(key)
    if kind is None:
        raise Http404
    if not kind.may_import(user=user):
        raise PermissionDenied
    return kind


def batch_for_user(*, user: User, batch_id: int) -> tuple[ImportBatch, kinds.ImportKind]:
    """A batch is seen only by the person who uploaded it (anyone else gets a 404), and only
    while they may still import its kind (else 403)."""
    require_importer(user=user)
    batch = get_object_or_404(ImportBatch.objects.filter(created_by=user), pk=batch_id)
    return batch, kind_for_user(user=user, key=batch.kind)
