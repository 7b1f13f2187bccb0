"""The two-county world of the URL walk (tests/walk/world.py), files in a temporary folder."""

import pytest

from tests.walk import world as walk_world


@pytest.fixture
def world(db, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path / "media"
    with django_capture_on_commit_callbacks(execute=True):
        return walk_world.build()
