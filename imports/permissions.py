"""Object loaders for imports: 403 without a directory-managing role, 404 for others' batches."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from imports.models import ImportBatch


def require_importer(*, user: User) -> None:
    """403 unless some grant of the user permits managing the directory."""
    if not scope.may_anywhere(user, Action.MANAGE_DIRECTORY):
        raise PermissionDenied


def batch_for_user(*, user: User, batch_id: int) -> ImportBatch:
    """A batch is seen only by the person who uploaded it; anyone else gets a 404."""
    require_importer(user=user)
    return get_object_or_404(ImportBatch.objects.filter(created_by=user), pk=batch_id)
