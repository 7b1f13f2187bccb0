"""The two-county world of the URL walk (tests/walk/world.py), built once per module in a
transaction rolled back after its last test; each test runs in a savepoint inside it, as with
Django's setUpTestData. Files go to a temporary folder."""

import pytest
from django.db import transaction
from django.test import TestCase, override_settings

from tests.walk import world as walk_world


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("bad-input-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            built = walk_world.build()
        yield built
        transaction.set_rollback(True)


@pytest.fixture
def world(built_world, db):
    return built_world
