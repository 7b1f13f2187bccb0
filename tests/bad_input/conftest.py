"""The two-county world of the URL walk (tests/walk/world.py), built once per module
(`tests.built_once`)."""

import pytest

from tests.built_once import built_once
from tests.walk import world as walk_world


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker, tmp_path_factory):
    with built_once(
        django_db_blocker, tmp_path_factory, walk_world.build, run_on_commit=True
    ) as built:
        yield built


@pytest.fixture
def world(built_world, db):
    return built_world
