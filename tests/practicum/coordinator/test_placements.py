"""Placement gating without HTTP (R15): refused with a Chinese message and nothing saved when
the period leaves the agreement, the agreement has expired, the supervisor is not named on the
base, the tutor is not the university's, or places fall below those accepted."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from practicum.models import Placement
from practicum.services import placements
from tests.practicum.coordinator.conftest import TODAY, accept


def _data(world, **overrides):
    data = {
        "title": "儿童服务实习",
        "field": Placement.Field.CHILDREN,
        "term": "2026 秋季学期",
        "places": 3,
        "starts_on": dt.date(2026, 9, 7),
        "ends_on": dt.date(2026, 12, 27),
        "weekly_schedule": "每周二、四全天",
        "requirements": "",
        "field_supervisor": world.field_supervisor,
        "tutor": world.tutor,
    }
    return data | overrides


def _create(world, today=TODAY, **overrides):
    return placements.placement_create(
        base=world.base, data=_data(world, **overrides), by=world.coordinator.user, today=today
    )


def test_a_draft_inside_the_agreement_is_saved(practicum):
    placement = _create(practicum)
    assert placement.status == Placement.Status.DRAFT


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_on": dt.date(2027, 1, 15)}, "协议期限"),
        ({"starts_on": dt.date(2025, 12, 1)}, "协议期限"),
    ],
)
def test_r15_a_period_outside_the_agreement_is_refused(practicum, overrides, message):
    before = Placement.objects.count()
    with pytest.raises(ValidationError, match=message):
        _create(practicum, **overrides)
    assert Placement.objects.count() == before


def test_r15_an_expired_agreement_takes_no_placement(practicum):
    with pytest.raises(ValidationError, match="已到期"):
        _create(practicum, today=dt.date(2027, 1, 2))


def test_a_supervisor_not_named_on_the_base_is_refused(practicum):
    with pytest.raises(ValidationError, match="站点实习督导"):
        _create(practicum, field_supervisor=practicum.worker)


def test_a_tutor_of_another_university_is_refused(practicum):
    with pytest.raises(ValidationError, match="校内导师"):
        _create(practicum, tutor=practicum.other_tutor)


def test_places_cannot_fall_below_those_accepted(practicum):
    w = practicum
    accept(w, w.student)
    accept(w, w.second_student)
    with pytest.raises(ValidationError, match="2"):
        placements.placement_update(
            placement=w.placement, data={"places": 1}, by=w.coordinator.user, today=TODAY
        )
    w.placement.refresh_from_db()
    assert w.placement.places == 2


def test_publish_then_close(practicum):
    placement = _create(practicum)
    placements.placement_publish(placement=placement, by=practicum.coordinator.user, today=TODAY)
    placement.refresh_from_db()
    assert placement.status == Placement.Status.PUBLISHED and placement.published_at
    with pytest.raises(ValidationError):
        placements.placement_publish(
            placement=placement, by=practicum.coordinator.user, today=TODAY
        )
    placements.placement_close(placement=placement, by=practicum.coordinator.user)
    placement.refresh_from_db()
    assert placement.status == Placement.Status.CLOSED
    with pytest.raises(ValidationError, match="已关闭"):
        placements.placement_update(
            placement=placement, data={"places": 5}, by=practicum.coordinator.user, today=TODAY
        )


def test_a_published_placement_keeps_its_period(practicum):
    w = practicum
    placements.placement_update(
        placement=w.placement,
        data={"places": 4, "starts_on": dt.date(2026, 4, 1), "title": "改名"},
        by=w.coordinator.user,
        today=TODAY,
    )
    w.placement.refresh_from_db()
    assert (w.placement.places, w.placement.starts_on) == (4, dt.date(2026, 3, 2))
    assert w.placement.title == "社区养老服务实习"
