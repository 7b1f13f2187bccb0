"""R5: Pinghu's "1+1" links one expert of the supervision committee to one station. In that
mode two experts linked to one station at the same time, or one expert linked to two stations,
is flagged (never refused: a handover may overlap by a few days, and the flag says so)."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from supervision.models import Assignment

LINKED = Assignment.Mode.LINKED_EXPERT


@dataclass(frozen=True)
class OneToOneFlag:
    """Counts only: the other station or expert may lie outside the reader's scope."""

    other_experts: int  # other experts linked to the same station during this term
    other_stations: int  # other stations this expert is linked to during this term


def one_to_one_flags(*, assignments: Iterable[Assignment]) -> dict[int, OneToOneFlag]:
    """Assignment id → its R5 flag, for the "1+1" assignments among `assignments` that overlap
    another "1+1" assignment of the same station or the same expert. One query."""
    linked = [a for a in assignments if a.mode == LINKED and a.service_point_id]
    if not linked:
        return {}
    others = list(
        Assignment.objects.filter(
            Q(service_point_id__in={a.service_point_id for a in linked})
            | Q(supervisor_id__in={a.supervisor_id for a in linked}),
            mode=LINKED,
        ).only("pk", "supervisor_id", "service_point_id", "starts_on", "planned_end_on", "ended_on")
    )
    flags = {}
    for a in linked:
        overlapping = [
            o
            for o in others
            if o.pk != a.pk and o.starts_on <= a.end_on and a.starts_on <= o.end_on
        ]
        experts = {
            o.supervisor_id
            for o in overlapping
            if o.service_point_id == a.service_point_id and o.supervisor_id != a.supervisor_id
        }
        stations = {
            o.service_point_id
            for o in overlapping
            if o.supervisor_id == a.supervisor_id and o.service_point_id != a.service_point_id
        }
        if experts or stations:
            flags[a.pk] = OneToOneFlag(other_experts=len(experts), other_stations=len(stations))
    return flags
