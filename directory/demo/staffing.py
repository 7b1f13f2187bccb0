"""Station staff for the demo: a head, resident workers, some part-time, some who moved.

Each station gets 3–6 people (R1: a township station has ≥ 3 full-time workers; Haining's
"6430" has 6, R2). A move is a closed position at one station and a current one at the next.
"""

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Callable

from accounts.roles import Role
from directory.demo.people import EDUCATION, PeopleMaker
from directory.demo.plan import AccountRow, GrantRow, Plan, PositionRow

HEAD_ROLES = {"station_head", "deputy_head"}
FIRST_START = dt.date(2019, 3, 1)
LAST_START = dt.date(2025, 9, 1)


def staff_roles(*, kind: str, size: int, rng: random.Random) -> list[tuple[str, bool]]:
    """(position role, full time) for each member of a service point's staff, head first."""
    if kind == "community_room":
        return [("community_worker", index == 0) for index in range(size)]
    if kind != "township_station":
        return (
            [("station_head", True)]
            + [("resident_worker", True)] * (size - 2)
            + [("administrative", True)]
        )
    roles = (
        ["station_head"] + ["deputy_head"] * (size >= 5) + ["volunteer_coordinator"] * (size >= 6)
    )
    roles += ["resident_worker"] * (size - len(roles))
    part_time_last = size >= 4 and rng.random() < 0.4
    return [(role, not (part_time_last and i == size - 1)) for i, role in enumerate(roles)]


def _at_least(level: str, floor: str) -> str:
    order = [name for name, _ in EDUCATION]
    return order[max(order.index(level), order.index(floor))]


def add_staff(
    plan: Plan,
    people: PeopleMaker,
    *,
    station: str,
    kind: str,
    size: int,
    area: str,
    floor: str,
    email_of: Callable[[str, int], str] | None = None,
    featured: bool = False,
) -> None:
    """Add the staff of `station` to the plan; with `email_of`, each gets an account and a grant.

    `email_of(role, n)` names the account: ("head", 0), ("deputy", 0), ("worker", 1), …
    """
    workers = 0
    for role, full_time in staff_roles(kind=kind, size=size, rng=people.rng):
        head = role in HEAD_ROLES
        if head:
            local = "head" if role == "station_head" else "deputy"
            number = 0
        else:
            workers += 1
            local, number = "worker", workers
        account = email_of(local, number) if email_of else ""
        person = people.person(
            area=area,
            born_from=1970 if head else 1978,
            born_to=1990 if head else 2001,
            floor=_at_least("college", floor) if head else floor,
            female_share=0.55 if head else 0.72,
            email=account,
        )
        plan.people.append(person)
        starts_on = people.day(first=FIRST_START, last=LAST_START)
        plan.positions.append(PositionRow(person.id_number, station, role, full_time, starts_on))
        if account:
            shown = featured and (local, number) in {("head", 0), ("worker", 1)}
            plan.accounts.append(AccountRow(account, person.name, featured=shown))
            grant_role = Role.STATION_HEAD if head else Role.WORKER
            plan.grants.append(GrantRow(account, grant_role, station_code=station))


def add_moves(plan: Plan, people: PeopleMaker, *, share: float = 1.0) -> int:
    """Give one resident worker of each township station (with probability `share`) a past
    position at the previous station of the same county; returns how many moved."""
    residents: dict[str, list[PositionRow]] = defaultdict(list)
    for position in plan.positions:
        if position.role == "resident_worker" and position.ends_on is None:
            residents[position.station_code].append(position)
    by_county: dict[str, list[str]] = defaultdict(list)
    for station in plan.stations:
        if station.kind == "township_station":
            by_county[station.region_code[:6]].append(station.code)
    moves = []
    for stations in by_county.values():
        for previous, current in zip(stations, stations[1:], strict=False):
            if not residents[current] or people.rng.random() >= share:
                continue
            now = residents[current][-1]
            left_on = now.starts_on - dt.timedelta(days=1)
            started_on = people.day(
                first=now.starts_on.replace(year=now.starts_on.year - 4),
                last=now.starts_on.replace(year=now.starts_on.year - 1),
            )
            moves.append(
                PositionRow(now.id_number, previous, "resident_worker", True, started_on, left_on)
            )
    plan.positions.extend(moves)
    return len(moves)
