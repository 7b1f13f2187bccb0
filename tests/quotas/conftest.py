import datetime as dt

import pytest

from lms.services import ledger
from quotas import services
from supervision import services as supervision_services
from supervision.models import Assignment, CommitteeLevel, SupervisorGrade
from tests import factories


@pytest.fixture
def hunan(tree):
    pack, _, _ = services.policy_pack_load(name="hunan")
    return pack


@pytest.fixture
def national(db):
    pack, _, _ = services.policy_pack_load(name="national")
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
    grade = SupervisorGrade.objects.create(name="中级督导", rank=4)
    profile = supervision_services.supervisor_profile_create(
        person=li_qiang,
        committee_level=CommitteeLevel.COUNTY,
        grade=grade,
        starts_on=dt.date(2020, 1, 1),
        created_by=None,
    )
    supervision_services.assignment_create(
        supervisor=profile,
        target=tree.station_a,
        mode=Assignment.Mode.LINKED_EXPERT,
        starts_on=dt.date(2024, 1, 1),
        planned_end_on=dt.date(2026, 12, 31),
        created_by=None,
    )
    return profile
