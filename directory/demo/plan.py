"""Plain rows describing demo data, keyed by natural keys; `build.py` writes them.

Rows refer to each other by natural key (region code, service point code, credit code, ID
number, e-mail), never by database id, so a plan is pure data and can be built twice.
"""

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str
    level: str
    parent_code: str | None


@dataclass(frozen=True)
class AgencyRow:
    credit_code: str
    name: str
    rating: str
    region_code: str


@dataclass(frozen=True)
class UniversityRow:
    name: str
    region_code: str


@dataclass(frozen=True)
class StationRow:
    code: str
    name: str
    kind: str
    region_code: str
    star_rating: int | None = None
    is_demonstration: bool = False
    specialty: str = ""
    brand_name: str = ""
    agency_code: str | None = None
    area_m2: int | None = None
    contract_starts_on: dt.date | None = None
    contract_ends_on: dt.date | None = None
    address: str = ""


@dataclass(frozen=True)
class PersonRow:
    id_number: str
    name: str
    gender: str
    born_on: dt.date
    mobile: str
    education: str
    social_work_major: bool
    region_code: str
    email: str = ""


@dataclass(frozen=True)
class PositionRow:
    id_number: str
    station_code: str
    role: str
    full_time: bool
    starts_on: dt.date
    ends_on: dt.date | None = None


@dataclass(frozen=True)
class AccountRow:
    email: str
    name: str
    superuser: bool = False
    featured: bool = False  # listed in the table printed at the end


@dataclass(frozen=True)
class GrantRow:
    email: str
    role: str
    region_code: str | None = None
    station_code: str | None = None
    university: str | None = None


@dataclass(frozen=True)
class StarRatingRow:
    station_code: str
    stars: int
    rated_on: dt.date
    guide: str


@dataclass(frozen=True)
class CoverageRow:
    region_code: str
    station_code: str
    covered_from: dt.date


@dataclass(frozen=True)
class RecognitionRow:
    region_code: str
    year: int


@dataclass(frozen=True)
class VolunteerCountRow:
    station_code: str
    count: int
    counted_on: dt.date


@dataclass
class Plan:
    regions: list[RegionRow] = field(default_factory=list)
    agencies: list[AgencyRow] = field(default_factory=list)
    universities: list[UniversityRow] = field(default_factory=list)
    stations: list[StationRow] = field(default_factory=list)
    accounts: list[AccountRow] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)
    positions: list[PositionRow] = field(default_factory=list)
    grants: list[GrantRow] = field(default_factory=list)
    # Dated records behind the region and station targets (R2, R25); a station's star rating
    # is its newest review's.
    star_ratings: list[StarRatingRow] = field(default_factory=list)
    coverage: list[CoverageRow] = field(default_factory=list)
    recognitions: list[RecognitionRow] = field(default_factory=list)
    volunteer_counts: list[VolunteerCountRow] = field(default_factory=list)


STATION_PREFIX = {
    "city_centre": "CC",
    "county_station": "CS",
    "township_station": "TS",
    "community_room": "CR",
}


def station_code(*, kind: str, region_code: str) -> str:
    """`TS-330106001`: one service point of each kind per region, so the code derives from it."""
    return f"{STATION_PREFIX[kind]}-{region_code}"
