"""Named people of the test suite (STYLE.md §7) on a small organisation tree.

湖南省 → 长沙市 → 县A (芙蓉区) and 县B (天心区), each with a township and a station.
王芳 is a worker at station A, 李强 her supervisor, 张敏 county A's administrator, 陈静 county B's.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.cache import cache

from accounts.roles import Role
from quotas.services import policy_packs
from tests import factories


@pytest.fixture(autouse=True)
def empty_cache(settings):
    """Each test starts with an empty cache: rate-limit counters live there, and Redis would keep
    them between tests and runs. (The database cache is rolled back with each test already.)"""
    if not settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
        cache.clear()


@pytest.fixture
def tree(db):
    province = factories.region("湖南省", "430000", "province")
    city = factories.region("长沙市", "430100", "city", province)
    county_a = factories.region("芙蓉区", "430102", "county", city)
    county_b = factories.region("天心区", "430103", "county", city)
    town_a = factories.region("定王台街道", "430102001", "township", county_a)
    town_b = factories.region("坡子街街道", "430103001", "township", county_b)
    station_a = factories.ServicePointFactory(region=town_a, name="定王台街道社工站")
    station_b = factories.ServicePointFactory(region=town_b, name="坡子街街道社工站")
    return SimpleNamespace(
        province=province,
        city=city,
        county_a=county_a,
        county_b=county_b,
        town_a=town_a,
        town_b=town_b,
        station_a=station_a,
        station_b=station_b,
    )


@pytest.fixture
def zhejiang(db):
    """Hangzhou and Jiaxing's Pinghu and Haining with their packs loaded (R6: Hangzhou suggests
    a 3–5 year term, the Jiaxing packs adopt it); a station in Hangzhou and one in Pinghu."""
    province = factories.region("浙江省", "330000", "province")
    hangzhou = factories.region("杭州市", "330100", "city", province)
    xihu = factories.region("西湖区", "330106", "county", hangzhou)
    beishan = factories.region("北山街道", "330106001", "township", xihu)
    jiaxing = factories.region("嘉兴市", "330400", "city", province)
    factories.region("海宁市", "330481", "county", jiaxing)
    pinghu = factories.region("平湖市", "330482", "county", jiaxing)
    danghu = factories.region("当湖街道", "330482001", "township", pinghu)
    for name in ("hangzhou", "haining", "pinghu"):
        policy_packs.policy_pack_load(name=name)
    return SimpleNamespace(
        province=province,
        hangzhou=hangzhou,
        pinghu=pinghu,
        hangzhou_station=factories.ServicePointFactory(region=beishan, name="北山街道社工站"),
        pinghu_station=factories.ServicePointFactory(region=danghu, name="当湖街道社工站"),
    )


@pytest.fixture
def beijing(db):
    """Beijing with its pack loaded (R3: the professional-staff test, rural relaxation) and a
    station in 东城区."""
    city = factories.region("北京市", "110000", "province")
    dongcheng = factories.region("东城区", "110101", "county", city)
    town = factories.region("东华门街道", "110101001", "township", dongcheng)
    policy_packs.policy_pack_load(name="beijing")
    return SimpleNamespace(
        city=city, station=factories.ServicePointFactory(region=town, name="东华门街道社工站")
    )


def _person_with_user(name: str, region, email: str, gender="F"):
    user = factories.UserFactory(email=email, last_name=name)
    person = factories.PersonFactory(name=name, region=region, user=user, gender=gender)
    return person


@pytest.fixture
def wang_fang(tree):
    """王芳: resident worker at station A (county A)."""
    person = _person_with_user("王芳", tree.county_a, "wangfang@example.cn")
    factories.PositionFactory(
        person=person, service_point=tree.station_a, starts_on=dt.date(2021, 5, 1)
    )
    factories.RoleGrantFactory(user=person.user, role=Role.WORKER, service_point=tree.station_a)
    return person


@pytest.fixture
def li_qiang(tree):
    """李强: supervisor assigned to station A."""
    person = _person_with_user("李强", tree.city, "liqiang@example.cn", gender="M")
    factories.RoleGrantFactory(user=person.user, role=Role.SUPERVISOR, service_point=tree.station_a)
    return person


@pytest.fixture
def zhang_min(tree):
    """张敏: civil-affairs administrator of county A."""
    person = _person_with_user("张敏", tree.county_a, "zhangmin@example.cn")
    factories.RoleGrantFactory(user=person.user, role=Role.REGION_ADMIN, region=tree.county_a)
    return person


@pytest.fixture
def chen_jing(tree):
    """陈静: civil-affairs administrator of county B."""
    person = _person_with_user("陈静", tree.county_b, "chenjing@example.cn")
    factories.RoleGrantFactory(user=person.user, role=Role.REGION_ADMIN, region=tree.county_b)
    return person
