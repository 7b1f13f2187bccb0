"""Who may answer a worker's part of a session, and when (R7: sessions are confirmed by both
sides; a dispute goes to the county administrator).

The pages call these to show a part's buttons and the confirm, dispute and resolve views call
them to refuse, so a page never offers what its form would refuse. (The services check the state
again under a row lock, against two answers racing.)
"""

from collections.abc import Iterable
from dataclasses import dataclass

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from supervision import selectors
from supervision.models import Supervisee, SupervisionSession

DISPUTABLE = {Supervisee.State.PENDING, Supervisee.State.CONFIRMED}


@dataclass(frozen=True)
class PartActions:
    """What the user may do with one part, for a page row."""

    confirm: bool
    dispute: bool
    resolve: bool


def _answers_for(*, user: User, part: Supervisee) -> bool:
    """The worker themselves, or someone who confirms for the station's staff (station head)."""
    return part.person.user_id == user.pk or scope.role_allows(
        user=user, action=Action.CONFIRM_FOR_OTHERS, obj=part.session.service_point
    )


def _open(*, part: Supervisee, locked: bool) -> bool:
    """A held session in a supervision year not locked by the annual evaluation."""
    return not locked and part.session.status == SupervisionSession.Status.HELD


def may_confirm(*, user: User, part: Supervisee, locked: bool) -> bool:
    """R7: a pending part of a held session, in an open year, confirmed by its worker or for
    them by their station head."""
    return (
        _open(part=part, locked=locked)
        and part.state == Supervisee.State.PENDING
        and _answers_for(user=user, part=part)
    )


def may_dispute(*, user: User, part: Supervisee, locked: bool) -> bool:
    """R7: a pending or confirmed part of a held session, in an open year, disputed by its
    worker or for them by their station head."""
    return (
        _open(part=part, locked=locked)
        and part.state in DISPUTABLE
        and _answers_for(user=user, part=part)
    )


def may_resolve(*, user: User, part: Supervisee, locked: bool) -> bool:
    """R7: a disputed part, in an open year, resolved by an administrator of the station."""
    return (
        not locked
        and part.state == Supervisee.State.DISPUTED
        and scope.role_allows(
            user=user, action=Action.MANAGE_SUPERVISION, obj=part.session.service_point
        )
    )


def part_actions(*, user: User, part: Supervisee, locked: bool) -> PartActions:
    return PartActions(
        confirm=may_confirm(user=user, part=part, locked=locked),
        dispute=may_dispute(user=user, part=part, locked=locked),
        resolve=may_resolve(user=user, part=part, locked=locked),
    )


def with_actions(*, user: User, parts: Iterable[Supervisee]) -> list[Supervisee]:
    """The parts, each with `actions` (a `PartActions`) for the page; one query for the locks.

    The parts come with their session, its station and the station's region, and their person.
    """
    parts = list(parts)
    locked = selectors.locked_station_years(
        service_point_ids={part.session.service_point_id for part in parts},
        years={part.held_on.year for part in parts},
    )
    for part in parts:
        where = (part.session.service_point_id, part.held_on.year)
        part.actions = part_actions(user=user, part=part, locked=where in locked)
    return parts


def part_locked(*, part: Supervisee) -> bool:
    """Whether the part's station has locked its supervision year."""
    return bool(
        selectors.locked_station_years(
            service_point_ids={part.session.service_point_id}, years={part.held_on.year}
        )
    )
