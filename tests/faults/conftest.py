import datetime as dt
import socket

import pytest

from lms.models import HourEntry
from tests import factories


@pytest.fixture
def closed_port() -> int:
    """A local TCP port nothing listens on: connections are refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def staffed(tree, wang_fang, media):
    """Station A with 王芳 and three colleagues, all with training hours in 2025."""
    people = [wang_fang]
    for n in range(3):
        person = factories.PersonFactory(region=tree.county_a, name=f"同事{n}")
        factories.PositionFactory(person=person, service_point=tree.station_a)
        people.append(person)
    for person in people:
        HourEntry.objects.create(
            person=person,
            on=dt.date(2025, 5, 1),
            minutes=150,
            kind="continuing",
            providing_level="county",
            source="adjustment",
            reason="测试",
        )
    return people


def files_under(root) -> list[str]:
    """Every file below `root`, hidden temporary ones included."""
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())
