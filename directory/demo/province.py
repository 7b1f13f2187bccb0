"""`seed_demo --scale province`: Hunan with its real cities and counties, about 2,000 township
stations and five staff at each (DOMAIN.md, "Scale to design for").

Township names are generated from syllables; codes follow GB/T 10114 numbering. The sizes are
parameters so that tests can build a small province.
"""

import datetime as dt
import math

from directory.demo import codes, hunan
from directory.demo.people import PeopleMaker
from directory.demo.plan import (
    AgencyRow,
    Plan,
    RegionRow,
    StarRatingRow,
    StationRow,
    station_code,
)
from directory.demo.regions import station_name
from directory.demo.staffing import add_moves, add_staff

SEED = 20231231
MOBILE_PREFIXES = ("130", "131", "135", "136", "137", "151", "152", "157", "159", "182", "187")
AGENCY_WORDS = ("仁爱", "同心", "阳光", "博爱", "明德", "善行", "启航", "众和", "乐群", "睦邻")
SPECIALTY_BRANDS = {
    "elderly": "银龄",
    "children": "护苗",
    "assistance": "暖心",
    "disability": "助残",
    "community": "邻里",
    "school": "成长",
    "medical": "医路",
    "enterprise": "工友",
}
STARS = {1: 5, 2: 15, 3: 40, 4: 30, 5: 10}
ROADS = ("人民路", "建设路", "解放路", "新华路", "朝阳路", "迎宾路", "芙蓉路", "湘江路")


def province_plan(
    *, stations: int = 2000, staff_per_station: int = 5, skip_counties: frozenset[str] = frozenset()
) -> Plan:
    """Hunan with `stations` township stations spread over its counties (minus `skip_counties`,
    which the default demo already fills), each with `staff_per_station` people."""
    plan = Plan()
    people = PeopleMaker(seed=SEED, mobile_prefixes=MOBILE_PREFIXES)
    province, province_code = hunan.PROVINCE
    plan.regions.append(RegionRow(province_code, province, "province", None))
    counties = [row for row in hunan.counties() if row[3] not in skip_counties]
    base, extra = divmod(stations, len(counties))
    cities = set()
    for index, (city, city_code, county, county_code) in enumerate(counties):
        size = base + (index < extra)
        if not size:
            continue
        if city_code not in cities:
            cities.add(city_code)
            plan.regions.append(RegionRow(city_code, city, "city", province_code))
            _add_station(plan, kind="city_centre", place=city, code=city_code)
        plan.regions.append(RegionRow(county_code, county, "county", city_code))
        agency = codes.credit_code(area=county_code, serial=index + 1)
        words = AGENCY_WORDS[index % len(AGENCY_WORDS)]
        plan.agencies.append(
            AgencyRow(agency, f"{county}{words}社会工作服务中心", _rating(people), county_code)
        )
        _add_station(plan, kind="county_station", place=county, code=county_code, agency=agency)
        for number, (name, code) in enumerate(_townships(people, county, county_code, size)):
            plan.regions.append(RegionRow(code, name, "township", county_code))
            _add_township_station(plan, people, name, code, agency, first=number == 0)
            add_staff(
                plan,
                people,
                station=station_code(kind="township_station", region_code=code),
                kind="township_station",
                size=staff_per_station,
                area=county_code,
                floor="college",
            )
    add_moves(plan, people, share=0.1)
    return plan


def _rating(people: PeopleMaker) -> str:
    return people.rng.choices(("2A", "3A", "4A", "5A"), weights=(10, 45, 35, 10))[0]


def _add_station(plan: Plan, *, kind: str, place: str, code: str, agency: str | None = None):
    plan.stations.append(
        StationRow(
            code=station_code(kind=kind, region_code=code),
            name=station_name(kind=kind, place=place, code=code),
            kind=kind,
            region_code=code,
            agency_code=agency,
        )
    )


def _add_township_station(plan, people: PeopleMaker, name, code, agency, *, first: bool):
    """A township station; each county's first is five-star (R25: at least one per county),
    from the review at the end of 2022."""
    rng = people.rng
    star = 5 if first else rng.choices(list(STARS), weights=list(STARS.values()))[0]
    plan.star_ratings.append(
        StarRatingRow(
            station_code(kind="township_station", region_code=code),
            star,
            hunan.REVIEWED_ON[1],
            hunan.STAR_GUIDES["township_station"],
        )
    )
    specialty = rng.choice(list(SPECIALTY_BRANDS)) if rng.random() < 0.6 else ""
    starts_on = people.day(first=dt.date(2023, 7, 1), last=dt.date(2025, 7, 1))
    plan.stations.append(
        StationRow(
            code=station_code(kind="township_station", region_code=code),
            name=station_name(kind="township_station", place=name, code=code),
            kind="township_station",
            region_code=code,
            star_rating=star,
            is_demonstration=star == 5 and rng.random() < 0.5,
            specialty=specialty,
            brand_name=name[:2] + SPECIALTY_BRANDS[specialty] if specialty else "",
            agency_code=agency,
            area_m2=rng.randrange(150, 650, 10),
            contract_starts_on=starts_on,
            contract_ends_on=starts_on.replace(year=starts_on.year + 3) - dt.timedelta(days=1),
            address=f"{name}{rng.choice(ROADS)}{rng.randrange(1, 300)}号",
        )
    )


def _townships(people: PeopleMaker, county: str, county_code: str, size: int):
    """`size` (name, code) pairs: streets first, then towns, then townships (乡)."""
    if county.endswith("区"):
        streets, rural = math.ceil(size * 0.6), 0
    elif county.endswith("市"):
        streets, rural = min(4, size // 3), size // 6
    else:
        streets, rural = min(2, size // 5), size // 4
    kinds = (
        [("街道", 1)] * streets + [("镇", 101)] * (size - streets - rural) + [("乡", 201)] * rural
    )
    names: set[str] = set()
    rows, counters = [], {}
    for suffix, first in kinds:
        while True:
            stem = people.rng.choice(hunan.FIRST) + people.rng.choice(hunan.SECOND)
            if stem not in names:
                names.add(stem)
                break
        serial = first + counters.get(suffix, 0)
        counters[suffix] = counters.get(suffix, 0) + 1
        rows.append((stem + suffix, f"{county_code}{serial:03d}"))
    return rows
