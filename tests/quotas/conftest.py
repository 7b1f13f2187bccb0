import datetime as dt

import pytest

from accounts.roles import Role
from lms.services import ledger
from quotas.services import carry_forward, policy_packs, reports
from tests import factories

HUNAN_HOURS = (
    "worker-city-supervision",
    "worker-county-supervision",
    "worker-city-training",
    "worker-county-training",
)


@pytest.fixture
def hunan_plan(tree):
    """Hunan's 2021–2023 plan as its document gives it: nothing in force after 2023."""
    pack, _, _ = policy_packs.policy_pack_load(name="hunan")
    return pack


@pytest.fixture
def hunan(hunan_plan):
    """Hunan's plan with its yearly hours (R8, R12) carried forward from 2024 by a recorded
    decision, as the demo does; its growing shares (R4, R18) are not carried."""
    for rule in hunan_plan.rules.filter(code__in=HUNAN_HOURS):
        carry_forward.rule_carry_forward(
            rule=rule,
            starts_on=dt.date(2024, 1, 1),
            decided_by="湖南省民政厅",
            decided_on=dt.date(2023, 12, 20),
            by=None,
        )
    return hunan_plan


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


REPORT_DATA = {
    "cases_served": 4,
    "work_hours": 160,
    "service_hours": 64,
    "highlights": "开展长者探访",
    "problems": "",
    "next_plan": "继续跟进个案",
}


@pytest.fixture
def head(tree):
    """The head of station A, who files its monthly reports (R17)."""
    user = factories.UserFactory(email="head@example.cn")
    factories.RoleGrantFactory(user=user, role=Role.STATION_HEAD, service_point=tree.station_a)
    return user


@pytest.fixture
def may_report(tree, head):
    """Station A's draft report on May 2025, opened by its head on 3 June."""
    return reports.report_open(
        service_point=tree.station_a, month=dt.date(2025, 5, 1), by=head, today=dt.date(2025, 6, 3)
    )
