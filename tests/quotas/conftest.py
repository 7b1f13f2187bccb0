import datetime as dt

import pytest

from lms.services import ledger
from quotas.services import policy_packs
from tests import factories


@pytest.fixture
def hunan(tree):
    pack, _, _ = policy_packs.policy_pack_load(name="hunan")
    return pack


@pytest.fixture
def national(db):
    pack, _, _ = policy_packs.policy_pack_load(name="national")
    return pack


@pytest.fixture
def credit(db):
    """Credit minutes through the ledger service, which also keeps the yearly summary."""
    clerk = factories.UserFactory()

    def credit(person, minutes, *, level="county", kind="continuing", on=dt.date(2025, 3, 1)):
        return ledger.hour_entry_adjust(
            person=person,
            on=on,
            minutes=minutes,
            kind=kind,
            providing_level=level,
            reason="测试",
            entered_by=clerk,
        )

    return credit


@pytest.fixture
def county_supervisor(tree, li_qiang):
    """李强, a county-level supervisor linked to station A from 2024 (R5)."""
    return factories.linked_supervisor(li_qiang, tree.station_a, committee_level="county")
