"""Who supervised whom, for other apps' conflict-of-interest checks (R14)."""

from collections.abc import Iterable

from supervision.models import Supervisee, SupervisionSession, SupervisorProfile


def supervision_pairs_among(*, people: Iterable[int]) -> frozenset[frozenset[int]]:
    """{supervisor, supervisee} person ids of every recorded pair among `people`: a session
    (not cancelled) one of them supervised and the other received, or a mentor and mentee."""
    people = list(people)
    sessions = (
        Supervisee.objects.filter(person__in=people, session__supervisors__person__in=people)
        .exclude(session__status=SupervisionSession.Status.CANCELLED)
        .values_list("person_id", "session__supervisors__person_id")
    )
    mentors = SupervisorProfile.objects.filter(
        person__in=people, mentor__person__in=people
    ).values_list("person_id", "mentor__person_id")
    return frozenset(
        frozenset(pair) for pair in (*sessions.distinct(), *mentors) if pair[0] != pair[1]
    )
