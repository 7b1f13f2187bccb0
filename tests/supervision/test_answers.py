"""Who may confirm, dispute or resolve a worker's part, and when (R7), without HTTP."""

import pytest

from accounts.models import User
from supervision import answers, services
from supervision.models import Supervisee, SupervisionSession
from tests.supervision.conftest import at, log


def _user(person) -> User:
    return User.objects.get(pk=person.user_id)


def _part(part: Supervisee) -> Supervisee:
    """The part as the loaders and pages load it."""
    return Supervisee.objects.select_related("person", "session__service_point__region").get(
        pk=part.pk
    )


def _actions(person, part, *, locked=False) -> tuple[bool, bool, bool]:
    found = answers.part_actions(user=_user(person), part=_part(part), locked=locked)
    return found.confirm, found.dispute, found.resolve


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("wang_fang", (True, True, False)),  # her own part
        ("zhao_lei", (True, True, False)),  # her station head, for her
        ("sun_li", (False, False, False)),  # a colleague
        ("li_qiang", (False, False, False)),  # the supervisor
        ("zhang_min", (False, False, False)),  # the county administrator: resolves only
    ],
)
def test_r7_a_pending_part_is_answered_by_the_worker_or_for_them(
    request, wang_fang_part, who, expected
):
    assert _actions(request.getfixturevalue(who), wang_fang_part) == expected


def test_r7_a_confirmed_part_can_still_be_disputed(wang_fang, wang_fang_part):
    services.supervisee_confirm(supervisee=wang_fang_part, confirmed_by=wang_fang.user)
    assert _actions(wang_fang, wang_fang_part) == (False, True, False)


def test_r7_a_disputed_part_is_resolved_by_the_administrator(
    wang_fang, zhang_min, zhao_lei, wang_fang_part
):
    services.supervisee_dispute(
        supervisee=wang_fang_part, reason="时长不符", disputed_by=wang_fang.user
    )
    assert _actions(wang_fang, wang_fang_part) == (False, False, False)
    assert _actions(zhao_lei, wang_fang_part) == (False, False, False)
    assert _actions(zhang_min, wang_fang_part) == (False, False, True)


def test_r7_a_locked_year_takes_no_answers(wang_fang, zhang_min, wang_fang_part):
    assert _actions(wang_fang, wang_fang_part, locked=True) == (False, False, False)
    services.supervisee_dispute(
        supervisee=wang_fang_part, reason="时长不符", disputed_by=wang_fang.user
    )
    assert _actions(zhang_min, wang_fang_part, locked=True) == (False, False, False)


@pytest.mark.parametrize(
    "status", [SupervisionSession.Status.PLANNED, SupervisionSession.Status.CANCELLED]
)
def test_r7_only_a_held_session_is_answered(tree, li_qiang_profile, wang_fang, status):
    session = log(tree, li_qiang_profile, [(wang_fang, 60)], when=at(2025, 6, 2), status=status)
    part = session.supervisees.get()
    assert _actions(wang_fang, part) == (False, False, False)


def test_with_actions_reads_the_locks_once(
    tree, li_qiang_profile, wang_fang, wang_fang_part, django_assert_num_queries
):
    other = log(tree, li_qiang_profile, [(wang_fang, 60)], when=at(2024, 6, 2))
    services.year_close(service_point=tree.station_a, year=2024, closed_by=None)
    parts = [_part(wang_fang_part), _part(other.supervisees.get())]
    user = _user(wang_fang)
    with django_assert_num_queries(1):
        found = answers.with_actions(user=user, parts=parts)
    assert [p.actions.confirm for p in found] == [True, False]


def test_part_locked_follows_the_year_lock(tree, wang_fang_part, zhang_min):
    assert not answers.part_locked(part=_part(wang_fang_part))
    lock = services.year_close(service_point=tree.station_a, year=2025, closed_by=None)
    assert answers.part_locked(part=_part(wang_fang_part))
    services.year_reopen(lock=lock, reason="考核复核", reopened_by=zhang_min.user)
    assert not answers.part_locked(part=_part(wang_fang_part))
