"""The policy rules page and carrying an ended rule forward: only by a region administrator
of the rule's region, recorded with who decided and when (R4, R8, R12, R18)."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEvent
from quotas.models import PolicyRule
from quotas.services import policy_packs
from tests import factories


@pytest.fixture
def province_admin(tree, hunan_plan):
    user = factories.UserFactory(email="province@example.cn")
    factories.RoleGrantFactory(user=user, role=Role.REGION_ADMIN, region=tree.province)
    return user


def _share(pack) -> PolicyRule:
    return pack.rules.get(code="station-certified-share", carried_forward_from=None)


def test_province_admin_sees_the_plans_period_and_may_carry_an_ended_rule(
    client, province_admin, hunan_plan
):
    client.force_login(province_admin)
    page = client.get(reverse("quotas:policies")).content.decode()
    assert "湖南省基层社会工作服务站项目三年行动方案（2021-2023年）" in page
    assert "施行期 2021-01-01 至 2023-12-31" in page and "已期满，不再适用" in page
    url = reverse("quotas:rule_carry_forward", args=[_share(hunan_plan).pk])
    assert url in page


def test_carry_forward_records_the_decision_and_the_pages_say_so(
    client, province_admin, hunan_plan
):
    client.force_login(province_admin)
    url = reverse("quotas:rule_carry_forward", args=[_share(hunan_plan).pk])
    form = client.get(url).content.decode()
    assert 'value="2024-01-01"' in form and 'value="50"' in form  # the day after, its last number
    response = client.post(
        url,
        {
            "starts_on": "2024-01-01",
            "threshold": "50",
            "decided_by": "湖南省民政厅",
            "decided_on": "2023-12-20",
        },
    )
    assert response.status_code == 302
    carried = PolicyRule.objects.get(carried_forward_from=_share(hunan_plan))
    assert (carried.threshold, carried.growth_per_year, carried.decided_by) == (
        50,
        0,
        "湖南省民政厅",
    )
    assert AuditEvent.objects.filter(verb="policy_rule.carry_forward").exists()
    page = client.get(reverse("quotas:policies")).content.decode()
    assert "已期满，已决定延续执行" in page and "由湖南省民政厅于 2023-12-20 决定延续执行" in page


def test_carry_forward_refuses_a_start_inside_the_plan(client, province_admin, hunan_plan):
    client.force_login(province_admin)
    url = reverse("quotas:rule_carry_forward", args=[_share(hunan_plan).pk])
    response = client.post(
        url,
        {
            "starts_on": "2023-06-01",
            "threshold": "50",
            "decided_by": "湖南省民政厅",
            "decided_on": "2023-12-20",
        },
    )
    assert "延续执行须从原规则失效（2023-12-31）之后开始" in response.content.decode()
    assert not PolicyRule.objects.filter(carried_forward_from__isnull=False).exists()


def test_county_admin_sees_rules_but_may_not_decide_for_the_province(client, zhang_min, hunan_plan):
    client.force_login(zhang_min.user)
    url = reverse("quotas:rule_carry_forward", args=[_share(hunan_plan).pk])
    page = client.get(reverse("quotas:policies")).content.decode()
    assert "社工教育背景或持证人员占比" in page and url not in page
    assert client.get(url).status_code == 403
    assert client.post(url, {"starts_on": "2024-01-01"}).status_code == 403


def test_a_rule_outside_ones_regions_is_404(client, province_admin, hunan_plan):
    factories.region("北京市", "110000", "province")
    beijing, _, _ = policy_packs.policy_pack_load(name="beijing")
    client.force_login(province_admin)
    url = reverse("quotas:rule_carry_forward", args=[beijing.rules.first().pk])
    assert client.get(url).status_code == 404
    assert "北京市街道" not in client.get(reverse("quotas:policies")).content.decode()


def test_workers_may_not_see_the_policy_pages(client, wang_fang, hunan_plan):
    client.force_login(wang_fang.user)
    assert client.get(reverse("quotas:policies")).status_code == 403
    url = reverse("quotas:rule_carry_forward", args=[_share(hunan_plan).pk])
    assert client.get(url).status_code == 403


def test_the_policy_page_dates_are_the_plans(hunan_plan):
    assert _share(hunan_plan).in_force_until == dt.date(2023, 12, 31)


def test_carry_forward_refuses_implausible_dates(client, province_admin, hunan_plan):
    client.force_login(province_admin)
    url = reverse("quotas:rule_carry_forward", args=[_share(hunan_plan).pk])
    response = client.post(
        url,
        {
            "starts_on": "2024-01-01",
            "threshold": "50",
            "decided_by": "湖南省民政厅",
            "decided_on": "1900-01-01",
        },
    )
    assert response.status_code == 200 and "日期应在" in response.content.decode()
    assert not PolicyRule.objects.filter(carried_forward_from__isnull=False).exists()
