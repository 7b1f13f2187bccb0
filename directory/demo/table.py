"""The demo accounts as an aligned text table (Chinese characters take two columns)."""

import unicodedata

from directory.demo.plan import Plan


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def aligned(rows: list[tuple[str, ...]]) -> list[str]:
    """Rows of cells padded to their column's display width; the first row is the header."""
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell + " " * (width - display_width(cell))
            for cell, width in zip(row, widths, strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * width for width in widths))
    return lines


def account_rows(plan: Plan, *, password: str) -> list[tuple[str, ...]]:
    """(e-mail, phone, role, scope, name, password) for the plan's featured accounts."""
    regions = {r.code: r.name for r in plan.regions}
    stations = {s.code: s.name for s in plan.stations}
    mobiles = {p.email: p.mobile for p in plan.people if p.email}
    grants: dict[str, list] = {}
    for grant in plan.grants:
        grants.setdefault(grant.email, []).append(grant)
    rows = []
    for account in plan.accounts:
        if not account.featured:
            continue
        mine = grants.get(account.email, [])
        if account.superuser:
            role, scope = "superuser", "*"
        else:
            first = mine[0]
            role = first.role
            scope = (
                regions.get(first.region_code)
                or stations.get(first.station_code)
                or first.university
                or ""
            )
            if len(mine) > 1:
                scope += f" +{len(mine) - 1}"
        rows.append(
            (
                account.email,
                mobiles.get(account.email, ""),
                str(role),
                scope,
                account.name,
                password,
            )
        )
    rows.sort(key=lambda row: ROLE_ORDER.index(row[2]))
    return [("email", "phone", "role", "scope", "name", "password"), *rows]


ROLE_ORDER = (
    "superuser",
    "region_admin",
    "supervisor",
    "station_head",
    "worker",
    "training_provider",
    "university_coordinator",
    "judge",
    "editor",
)
