"""The default demo: the places of the five seed documents, their staff and demo accounts.

Hangzhou (a few stations and a community room), Jiaxing (Pinghu "1+1", Jiashan's chief
supervisor, Haining "6430" with its volunteers counted), Changsha with two counties, their star
reviews, covered villages and well-performing counties, a Beijing street service centre and
Yunlong county (DOMAIN.md; R2, R5, R25).
"""

import datetime as dt

from accounts.roles import Role
from directory import rules
from directory.demo import codes, hunan
from directory.demo.people import PeopleMaker
from directory.demo.plan import (
    AccountRow,
    AgencyRow,
    CoverageRow,
    GrantRow,
    Plan,
    RecognitionRow,
    RegionRow,
    StarRatingRow,
    StationRow,
    UniversityRow,
    VolunteerCountRow,
    station_code,
)
from directory.demo.regions import AGENCIES, CATALOGUE, UNIVERSITIES, Place, station_name
from directory.demo.staffing import add_moves, add_staff

SEED = 20210818  # the date of the Hunan action plan
MOBILE_PREFIXES = ("133", "138", "139", "150", "158", "177", "186", "189")
DOMAIN = "example.cn"
PASSWORD = "demo12345"  # noqa: S105 (the documented demo password)

KIND_AT_LEVEL = {level: kind for kind, level in rules.SERVICE_POINT_LEVEL.items()}
# Education floor for new staff: Beijing asks for a degree (R3), Hunan for 大专 (R4), rural
# Yunlong relaxes it (R3).
EDUCATION_FLOOR = {"11": "bachelor", "53": "secondary"}
FEATURED_STATIONS = {"beishan", "zhongdai", "maqiao", "xingsha", "jianwai", "nuodeng"}

# Supervision per county (R5): "per_station" is Pinghu's 1+1, "chief" Jiashan's 总督导 over the
# county, "circuit" one supervisor visiting every station of the county, "city" an expert of the
# city's committee visiting the county general stations and every other township station (R8).
SUPERVISED_KINDS = {"township_station", "county_station"}
SUPERVISION = (
    ("330106", "circuit", "supervisor.xihu"),
    ("330482", "per_station", "supervisor"),
    ("330421", "chief", "chief.jiashan"),
    ("330481", "circuit", "supervisor.haining"),
    ("430121", "circuit", "supervisor.changshaxian"),
    ("430181", "circuit", "supervisor.liuyang"),
    ("110105", "circuit", "supervisor.chaoyang"),
    ("532929", "circuit", "supervisor.yunlong"),
    ("430100", "city", "supervisor.changsha"),
)
FEATURED_SUPERVISORS = {
    "supervisor.xihu",
    "supervisor.danghu",
    "chief.jiashan",
    "supervisor.changsha",
}

# R25 in Hunan: its stations and rooms reviewed at the end of 2021 and 星沙 again a year later,
# when it reached five stars (stars at the first review, where the second differs); two
# villages of 长沙县 covered by professional social work; two well-performing counties.
FIRST_STARS = {"xingsha": 4}
COVERED = (
    ("430121108201", "huinong", dt.date(2021, 9, 1)),
    ("430121001001", "xingsha", dt.date(2022, 3, 1)),
)
RECOGNISED = (("430121", 2021), ("430181", 2023))
# R2 in Haining: volunteers counted at the end of 2024 and of 2025.
VOLUNTEERS = {"haizhou": (30, 34), "maqiao": (41, 45), "xucun": (31, 33)}
VOLUNTEERS_COUNTED_ON = (dt.date(2024, 12, 31), dt.date(2025, 12, 31))

# Accounts without a person record: (e-mail name, role, scope kind, scope key).
OFFICE_ACCOUNTS = (
    ("hunan.admin", Role.REGION_ADMIN, "region", "430000"),
    ("changsha.admin", Role.REGION_ADMIN, "region", "430100"),
    ("changshaxian.admin", Role.REGION_ADMIN, "region", "430121"),
    ("liuyang.admin", Role.REGION_ADMIN, "region", "430181"),
    ("xihu.admin", Role.REGION_ADMIN, "region", "330106"),
    ("jiaxing.admin", Role.REGION_ADMIN, "region", "330400"),
    ("chaoyang.admin", Role.REGION_ADMIN, "region", "110105"),
    ("yunlong.admin", Role.REGION_ADMIN, "region", "532929"),
    ("training.changsha", Role.TRAINING_PROVIDER, "region", "430100"),
    ("training.hangzhou", Role.TRAINING_PROVIDER, "region", "330100"),
    ("coordinator.zju", Role.UNIVERSITY_COORDINATOR, "university", "浙江大学"),
    ("coordinator.hunnu", Role.UNIVERSITY_COORDINATOR, "university", "湖南师范大学"),
    ("coordinator.ruc", Role.UNIVERSITY_COORDINATOR, "university", "中国人民大学"),
    ("judge", Role.JUDGE, "region", "430000"),
    ("editor", Role.EDITOR, "region", "430000"),
    ("editor.changsha", Role.EDITOR, "region", "430100"),  # moderates Changsha's counties
    ("editor.changshaxian", Role.EDITOR, "region", "430121"),
)


def email(name: str) -> str:
    return f"{name}@{DOMAIN}"


def base_plan() -> Plan:
    """The default demo, the same on every call."""
    plan = Plan()
    people = PeopleMaker(seed=SEED, mobile_prefixes=MOBILE_PREFIXES)
    plan.agencies = [
        AgencyRow(
            credit_code=codes.credit_code(area=area, serial=serial, org_type=org_type),
            name=name,
            rating=rating,
            region_code=area,
        )
        for serial, (name, rating, area, org_type) in enumerate(AGENCIES.values(), start=1)
    ]
    agency_codes = dict(zip(AGENCIES, (a.credit_code for a in plan.agencies), strict=True))
    plan.universities = [UniversityRow(name=n, region_code=c) for n, c in UNIVERSITIES]
    slugs: dict[str, str] = {}
    for place in CATALOGUE:
        _add_place(plan, people, place, None, 0, agency_codes, slugs)
    add_moves(plan, people)
    _add_target_records(plan, slugs)
    plan.accounts.insert(0, AccountRow(email("admin"), "系统管理员", superuser=True, featured=True))
    _add_supervisors(plan, people, slugs)
    for name, role, kind, key in OFFICE_ACCOUNTS:
        plan.accounts.append(
            AccountRow(email(name), people.name(male=people.rng.random() < 0.4), featured=True)
        )
        plan.grants.append(GrantRow(email(name), role, **{_SCOPE_FIELD[kind]: key}))
    return plan


_SCOPE_FIELD = {"region": "region_code", "station": "station_code", "university": "university"}


def _add_place(plan, people, place: Place, parent: Place | None, depth, agency_codes, slugs):
    level = rules.LEVELS[depth]
    plan.regions.append(RegionRow(place.code, place.name, level, parent.code if parent else None))
    if place.station:
        spec = place.station
        kind = KIND_AT_LEVEL[level]
        code = station_code(kind=kind, region_code=place.code)
        starts_on = people.day(first=dt.date(2023, 7, 1), last=dt.date(2025, 7, 1))
        contracted = bool(spec.agency)
        plan.stations.append(
            StationRow(
                code=code,
                name=station_name(kind=kind, place=place.name, code=place.code),
                kind=kind,
                region_code=place.code,
                star_rating=spec.star,
                is_demonstration=spec.demo,
                specialty=spec.specialty,
                brand_name=spec.brand,
                agency_code=agency_codes[spec.agency] if contracted else None,
                area_m2=spec.area,
                contract_starts_on=starts_on if contracted else None,
                contract_ends_on=starts_on.replace(year=starts_on.year + 3) - dt.timedelta(days=1)
                if contracted
                else None,
                address=f"{place.name}{people.rng.choice(ROADS)}{people.rng.randrange(1, 300)}号",
            )
        )
        slugs[code] = spec.slug
        add_staff(
            plan,
            people,
            station=code,
            kind=kind,
            size=spec.staff,
            area=_county_code(place),
            floor=EDUCATION_FLOOR.get(place.code[:2], "college"),
            email_of=lambda role, n, slug=spec.slug: email(f"{role}{n or ''}.{slug}"),
            featured=spec.slug in FEATURED_STATIONS,
        )
    for child in place.children:
        _add_place(plan, people, child, place, depth + 1, agency_codes, slugs)


ROADS = ("人民路", "建设路", "解放路", "文化路", "中山路", "新华路", "和平路", "胜利路", "光明路")


def _county_code(place: Place) -> str:
    """The county whose civil-affairs office keeps the files of the place's staff."""
    if len(place.code) > 6:
        return place.code[:6]
    if place.code.endswith("00"):  # a city: its first county
        return place.children[0].code
    return place.code


def _add_target_records(plan: Plan, slugs: dict[str, str]) -> None:
    """Star reviews, covered villages and recognitions in Hunan (R25), volunteer counts in
    Haining (R2); each station's star rating is its newest review's."""
    hunan_prefix = hunan.PROVINCE[1][:2]
    for station in plan.stations:
        guide = hunan.STAR_GUIDES.get(station.kind)
        if not (guide and station.star_rating and station.region_code.startswith(hunan_prefix)):
            continue
        first = FIRST_STARS.get(slugs[station.code])
        reviews = (
            zip((first, station.star_rating), hunan.REVIEWED_ON, strict=True)
            if first
            else [(station.star_rating, hunan.REVIEWED_ON[0])]
        )
        plan.star_ratings.extend(
            StarRatingRow(station.code, stars, rated_on, guide) for stars, rated_on in reviews
        )
    station_of = {slug: code for code, slug in slugs.items()}
    plan.coverage = [CoverageRow(region, station_of[slug], on) for region, slug, on in COVERED]
    plan.recognitions = [RecognitionRow(code, year) for code, year in RECOGNISED]
    plan.volunteer_counts = [
        VolunteerCountRow(station_of[slug], count, counted_on)
        for slug, counts in VOLUNTEERS.items()
        for count, counted_on in zip(counts, VOLUNTEERS_COUNTED_ON, strict=True)
    ]


def _add_supervisors(plan: Plan, people: PeopleMaker, slugs: dict[str, str]) -> None:
    for region_code, mode, name in SUPERVISION:
        within = region_code[:4] if mode == "city" else region_code
        rows = [
            s
            for s in plan.stations
            if s.region_code.startswith(within) and s.kind in SUPERVISED_KINDS
        ]
        stations = [s.code for s in rows]
        townships = [s.code for s in rows if s.kind == "township_station"]
        area = region_code
        if mode == "per_station":
            teams = [(f"{name}.{slugs[code]}", [code]) for code in townships]
        elif mode == "city":
            hubs = [s for s in rows if s.kind == "county_station"]
            teams = [(name, [s.code for s in hubs] + townships[::2])]
            area = hubs[0].region_code  # the files are kept by the city's first county
        else:
            teams = [(name, stations)]
        for who, scope in teams:
            person = people.person(
                area=area,
                born_from=1965,
                born_to=1986,
                floor="master",
                female_share=0.5,
                email=email(who),
            )
            plan.people.append(person)
            plan.accounts.append(
                AccountRow(person.email, person.name, featured=who in FEATURED_SUPERVISORS)
            )
            if mode == "chief":
                plan.grants.append(GrantRow(person.email, Role.SUPERVISOR, region_code=region_code))
            else:
                plan.grants.extend(
                    GrantRow(person.email, Role.SUPERVISOR, station_code=code) for code in scope
                )
