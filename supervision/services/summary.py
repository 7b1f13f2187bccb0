"""The yearly supervision summaries, kept by the services that change what sessions count.

A write takes what its sessions counted before (`counted`), changes them, and hands both tallies
to `apply`, which adds the difference to `ReceivedSummary` and `StationSummary` in the same
transaction: one UPDATE … SET x = x + d per changed key, so concurrent writes add up. What
counts (R7, R8, R9): held sessions only; for a worker, the minutes of their part, confirmed apart
from pending or disputed, nothing once a dispute is upheld; for a station, each session once.
`rebuild` recomputes both tables from the raw rows (after bulk loads) and `differences` lists
the keys where the tables and the raw rows disagree.
"""

from collections import Counter
from collections.abc import Iterable

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce, ExtractYear

from core.signals import facts_changed
from supervision.models import ReceivedSummary, StationSummary, Supervisee, SupervisionSession

HELD = SupervisionSession.Status.HELD
OPEN_STATES = (Supervisee.State.PENDING, Supervisee.State.DISPUTED)
BATCH = 5000

# Keys of a tally: ("person", person_id, year, level, field) or ("station", point_id, year, field).
PERSON_FIELDS = {
    Supervisee.State.CONFIRMED: "confirmed_minutes",
    Supervisee.State.PENDING: "pending_minutes",
    Supervisee.State.DISPUTED: "pending_minutes",
}


def counted(session_ids: Iterable[int]) -> Counter:
    """What the sessions contribute to the summaries as they stand now (two queries)."""
    ids = list(session_ids)
    tally: Counter = Counter()
    if not ids:
        return tally
    parts = Supervisee.objects.filter(
        session_id__in=ids, session__status=HELD, state__in=list(PERSON_FIELDS)
    ).values_list("person_id", "held_on", "providing_level", "state", "minutes")
    for person_id, held_on, level, state, minutes in parts:
        tally["person", person_id, held_on.year, level, PERSON_FIELDS[state]] += minutes
    sessions = SupervisionSession.objects.filter(pk__in=ids, status=HELD).values_list(
        "service_point_id", "held_on", "duration_minutes"
    )
    for point_id, held_on, minutes in sessions:
        tally["station", point_id, held_on.year, "sessions"] += 1
        tally["station", point_id, held_on.year, "minutes"] += minutes
    return tally


def apply(before: Counter, after: Counter) -> None:
    """Add `after - before` to the summary rows (call inside the writing transaction)."""
    people: dict[tuple, dict[str, int]] = {}
    stations: dict[tuple, dict[str, int]] = {}
    for key in set(before) | set(after):
        change = after[key] - before[key]
        if not change:
            continue
        target = people if key[0] == "person" else stations
        target.setdefault(key[1:-1], {})[key[-1]] = change
    for (person_id, year, level), changes in people.items():
        key = {"person_id": person_id, "year": year, "providing_level": level}
        _add(ReceivedSummary, key, changes)
    for (point_id, year), changes in stations.items():
        _add(StationSummary, {"service_point_id": point_id, "year": year}, changes)
    for year in sorted({key[1] for key in people} | {key[1] for key in stations}):
        facts_changed.send(
            sender=ReceivedSummary,
            person_ids=[person_id for person_id, in_year, _level in people if in_year == year],
            service_point_ids=[point_id for point_id, in_year in stations if in_year == year],
            year=year,
        )


def _add(model, key: dict, changes: dict[str, int]) -> None:
    model.objects.bulk_create([model(**key)], ignore_conflicts=True)
    model.objects.filter(**key).update(
        **{name: F(name) + change for name, change in changes.items()}
    )


# Rebuilding and checking against the raw rows.


def _received_from_rows():
    return (
        Supervisee.objects.filter(session__status=HELD)
        .annotate(year=ExtractYear("held_on"))
        .values_list("person_id", "year", "providing_level")
        .annotate(
            confirmed=Coalesce(Sum("minutes", filter=Q(state=Supervisee.State.CONFIRMED)), 0),
            pending=Coalesce(Sum("minutes", filter=Q(state__in=OPEN_STATES)), 0),
        )
        .order_by()
    )


def _stations_from_rows():
    return (
        SupervisionSession.objects.filter(status=HELD)
        .annotate(year=ExtractYear("held_on"))
        .values_list("service_point_id", "year")
        .annotate(sessions=Count("pk"), minutes=Sum("duration_minutes"))
        .order_by()
    )


def rebuild() -> dict[str, int]:
    """Recompute both summaries from the raw rows; returns the rows written per table."""
    ReceivedSummary.objects.all().delete()
    StationSummary.objects.all().delete()
    facts_changed.send(sender=ReceivedSummary, region_path="")
    received = ReceivedSummary.objects.bulk_create(
        (
            ReceivedSummary(
                person_id=person_id,
                year=year,
                providing_level=level,
                confirmed_minutes=confirmed,
                pending_minutes=pending,
            )
            for person_id, year, level, confirmed, pending in _received_from_rows().iterator()
        ),
        batch_size=BATCH,
    )
    stations = StationSummary.objects.bulk_create(
        (
            StationSummary(service_point_id=point_id, year=year, sessions=count, minutes=minutes)
            for point_id, year, count, minutes in _stations_from_rows().iterator()
        ),
        batch_size=BATCH,
    )
    return {"supervision received": len(received), "supervision stations": len(stations)}


def differences() -> list[str]:
    """Keys where a summary disagrees with the raw rows, described in one line each."""
    received = ReceivedSummary.objects.values_list(
        "person_id", "year", "providing_level", "confirmed_minutes", "pending_minutes"
    )
    stations = StationSummary.objects.values_list("service_point_id", "year", "sessions", "minutes")
    return _compare(
        "supervision received (person, year, level)", _received_from_rows(), received, 3
    ) + (_compare("supervision station (station, year)", _stations_from_rows(), stations, 2))


def _compare(label: str, raw_rows, kept_rows, width: int) -> list[str]:
    raw = {row[:width]: row[width:] for row in raw_rows}
    kept = {row[:width]: row[width:] for row in kept_rows}
    zero = (0, 0)
    return [
        f"{label} {key}: rows {raw.get(key, zero)}, summary {kept.get(key, zero)}"
        for key in sorted(set(raw) | set(kept))
        if raw.get(key, zero) != kept.get(key, zero)
    ]
