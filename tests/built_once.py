"""Data built once for a module's tests, as Django's setUpTestData builds it for a class: in a
transaction rolled back after the module's last test, each test running in a savepoint inside it
(its `db` fixture). Files go to a temporary folder."""

from collections.abc import Callable
from contextlib import contextmanager

from django.db import transaction
from django.test import TestCase, override_settings


@contextmanager
def built_once(django_db_blocker, tmp_path_factory, build: Callable, *, run_on_commit: bool):
    """Yield what `build()` returns; `run_on_commit` runs the callbacks it leaves for the commit
    (tasks, search index) as a real commit would."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=run_on_commit):
            built = build()
        yield built
        transaction.set_rollback(True)
