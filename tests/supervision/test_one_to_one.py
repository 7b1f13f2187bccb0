"""R5: Pinghu's "1+1" — one expert linked to one station. Overlaps are flagged, never refused,
and the flag gives counts only, never the other station's or expert's name."""

import datetime as dt

import pytest
from django.urls import reverse

from supervision import selectors, services
from supervision.models import Assignment
from tests import factories

LINKED = Assignment.Mode.LINKED_EXPERT


@pytest.fixture
def second_expert(tree, grades):
    person = factories.PersonFactory(name="赵敏", region=tree.county_a)
    return services.supervisor_profile_create(
        person=person,
        committee_level="city",
        grade=grades[3],
        starts_on=dt.date(2020, 1, 1),
        created_by=None,
    )


def _assign(profile, station, *, mode=LINKED, starts_on=dt.date(2025, 1, 1), ends=None):
    return services.assignment_create(
        supervisor=profile,
        target=station,
        mode=mode,
        starts_on=starts_on,
        planned_end_on=ends or dt.date(2027, 12, 31),
        created_by=None,
    )


def test_r5_one_expert_on_one_station_is_not_flagged(li_qiang_profile):
    assignments = list(li_qiang_profile.assignments.all())
    assert selectors.one_to_one_flags(assignments=assignments) == {}


def test_r5_two_experts_linked_to_one_station_at_once_are_both_flagged(
    tree, li_qiang_profile, second_expert
):
    second = _assign(second_expert, tree.station_a)
    first = li_qiang_profile.assignments.get()
    flags = selectors.one_to_one_flags(assignments=[first, second])
    assert (flags[first.pk].other_experts, flags[first.pk].other_stations) == (1, 0)
    assert (flags[second.pk].other_experts, flags[second.pk].other_stations) == (1, 0)


def test_r5_one_expert_linked_to_two_stations_is_flagged(tree, li_qiang_profile):
    other = _assign(li_qiang_profile, tree.station_b)
    flags = selectors.one_to_one_flags(assignments=[other])
    assert (flags[other.pk].other_experts, flags[other.pk].other_stations) == (0, 1)


def test_r5_a_term_that_follows_another_is_not_flagged(tree, li_qiang_profile, second_expert):
    later = _assign(second_expert, tree.station_a, starts_on=dt.date(2027, 1, 1))
    assert selectors.one_to_one_flags(assignments=[later]) == {}


def test_r5_other_modes_are_not_bound_by_one_to_one(tree, li_qiang_profile, second_expert):
    """Jiashan's chief supervisors and resident supervisors may serve several stations."""
    resident = _assign(second_expert, tree.station_a, mode=Assignment.Mode.RESIDENT)
    circuit = _assign(li_qiang_profile, tree.station_b, mode=Assignment.Mode.CIRCUIT)
    assert selectors.one_to_one_flags(assignments=[resident, circuit]) == {}


def test_r5_flag_in_one_query(tree, li_qiang_profile, second_expert, django_assert_num_queries):
    assignments = [_assign(second_expert, tree.station_a), _assign(second_expert, tree.station_b)]
    with django_assert_num_queries(1):
        flags = selectors.one_to_one_flags(assignments=assignments)
    assert len(flags) == 2


def test_r5_saving_a_second_expert_warns_and_the_pages_flag_it(
    client, tree, zhang_min, li_qiang_profile, second_expert
):
    client.force_login(zhang_min.user)
    response = client.post(
        reverse("supervision:assignment_new", args=[tree.station_a.pk]),
        {
            "supervisor": second_expert.pk,
            "mode": LINKED,
            "starts_on": "2025-01-01",
            "planned_end_on": "2027-12-31",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "督导聘任已保存。" in page
    assert "不符合“1+1”一名专家联系一个站点的做法：同期本站另有 1 名“1+1”联系专家" in page
    assert page.count("同期本站另有 1 名“1+1”联系专家") == 3  # the message and both rows
    listing = client.get(reverse("supervision:supervisors")).content.decode()
    assert "同期本站另有 1 名“1+1”联系专家" in listing


def test_r5_flag_names_no_station_outside_the_readers_scope(
    client, tree, chen_jing, li_qiang_profile
):
    _assign(li_qiang_profile, tree.station_b)
    client.force_login(chen_jing.user)
    page = client.get(reverse("supervision:station_sessions", args=[tree.station_b.pk]))
    text = page.content.decode()
    assert "该专家同期还联系另外 1 个站点" in text
    assert tree.station_a.name not in text
