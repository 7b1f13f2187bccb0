import datetime as dt
from types import SimpleNamespace

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
    "cases_opened": 2,
    "cases_closed": 1,
    "cases_served": 4,
    "work_hours": 160,
    "service_hours": 64,
    "admin_hours": 0,
    "key_clients": 0,
    "key_clients_visited": 0,
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


@pytest.fixture
def county_reports(tree):
    """County A's own choice, as pack data: a report on the previous month by the 26th (R17).
    No seed document gives Changsha a monthly report; without such a pack none is owed."""
    return factories.PolicyPackFactory(
        region=tree.county_a,
        title="芙蓉区社工站月报制度",
        report_covers_current_month=False,
        report_due_day=26,
        report_source="本地选择：芙蓉区社工站月报制度",
    )


@pytest.fixture
def jiaxing(zhejiang):
    """Jiaxing's city pack on top of Pinghu's and Haining's: 月报季例会, 每周动态掌握 (R17) and
    the key clients' monthly visits (R20)."""
    policy_packs.policy_pack_load(name="jiaxing")
    return zhejiang


@pytest.fixture
def yunlong(db):
    """Yunlong county with one township station and its 2021 work plan loaded (R17)."""
    province = factories.region("云南省", "530000", "province")
    dali = factories.region("大理白族自治州", "532900", "city", province)
    county = factories.region("云龙县", "532929", "county", dali)
    town = factories.region("诺邓镇", "532929101", "township", county)
    pack, _, _ = policy_packs.policy_pack_load(name="yunlong")
    station = factories.ServicePointFactory(region=town, name="诺邓镇社会工作服务站")
    head = factories.UserFactory(email="head.nuodeng@example.cn")
    factories.RoleGrantFactory(user=head, role=Role.STATION_HEAD, service_point=station)
    return SimpleNamespace(county=county, station=station, head=head, pack=pack)


def station_head(service_point):
    """A station head for `service_point`."""
    user = factories.UserFactory()
    factories.RoleGrantFactory(user=user, role=Role.STATION_HEAD, service_point=service_point)
    return user


def region_admin(region):
    """A civil-affairs administrator of `region`."""
    user = factories.UserFactory()
    factories.RoleGrantFactory(user=user, role=Role.REGION_ADMIN, region=region)
    return user
