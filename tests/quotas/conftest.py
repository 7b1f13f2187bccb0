import datetime as dt

import pytest

from lms.models import HourEntry
from quotas import services


@pytest.fixture
def hunan(tree):
    pack, _, _ = services.policy_pack_load(name="hunan")
    return pack


@pytest.fixture
def national(db):
    pack, _, _ = services.policy_pack_load(name="national")
    return pack


@pytest.fixture
def credit():
    def credit(person, minutes, *, level="county", kind="continuing", on=dt.date(2025, 3, 1)):
        return HourEntry.objects.create(
            person=person,
            on=on,
            minutes=minutes,
            kind=kind,
            providing_level=level,
            source="adjustment",
            reason="测试",
        )

    return credit
