"""accounts.scope: who sees which regions, stations and people."""

import datetime as dt

import pytest

from accounts import scope
from accounts.roles import Action, Role
from tests import factories


def test_region_admin_sees_own_county_subtree_only(tree, zhang_min):
    visible = set(scope.regions_visible_to(zhang_min.user))
    assert visible == {tree.county_a, tree.town_a}


def test_region_subtree_of_city_includes_both_counties(tree):
    subtree = set(tree.city.get_descendants())
    assert {tree.county_a, tree.county_b, tree.town_a, tree.town_b} == subtree


def test_subtree_query_uses_path_prefix(tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        names = list(
            type(tree.city)
            .objects.filter(path__startswith=tree.county_a.path)
            .values_list("name", flat=True)
        )
    assert sorted(names) == ["定王台街道", "芙蓉区"]


def test_county_admin_sees_only_county_stations(tree, zhang_min):
    assert list(scope.service_points_visible_to(zhang_min.user)) == [tree.station_a]


def test_county_admin_sees_people_placed_or_registered_in_county(
    tree, zhang_min, wang_fang, chen_jing
):
    visible = set(scope.people_visible_to(zhang_min.user))
    assert wang_fang in visible and zhang_min in visible
    assert chen_jing not in visible


def test_person_moved_away_stays_visible_through_past_position(tree, zhang_min, chen_jing):
    mover = factories.PersonFactory(region=tree.county_b)
    factories.PositionFactory(
        person=mover,
        service_point=tree.station_a,
        starts_on=dt.date(2020, 1, 1),
        ends_on=dt.date(2022, 1, 1),
    )
    factories.PositionFactory(
        person=mover, service_point=tree.station_b, starts_on=dt.date(2022, 1, 2)
    )
    assert mover in scope.people_visible_to(zhang_min.user)
    assert mover in scope.people_visible_to(chen_jing.user)


def test_worker_sees_only_themselves(tree, wang_fang):
    colleague = factories.PersonFactory(region=tree.county_a)
    factories.PositionFactory(person=colleague, service_point=tree.station_a)
    assert list(scope.people_visible_to(wang_fang.user)) == [wang_fang]


def test_station_head_sees_station_staff_not_other_stations(tree, wang_fang):
    head = factories.PersonFactory(region=tree.county_a, user=factories.UserFactory())
    factories.RoleGrantFactory(user=head.user, role=Role.STATION_HEAD, service_point=tree.station_a)
    other = factories.PersonFactory(region=tree.county_b)
    factories.PositionFactory(person=other, service_point=tree.station_b)
    visible = set(scope.people_visible_to(head.user))
    assert wang_fang in visible and other not in visible


@pytest.mark.parametrize(
    ("action", "expected"),
    [(Action.VIEW_DIRECTORY, True), (Action.MANAGE_DIRECTORY, True), (Action.MANAGE_GRANTS, True)],
)
def test_region_admin_may_act_inside_county(tree, zhang_min, action, expected):
    assert scope.role_allows(user=zhang_min.user, action=action, obj=tree.station_a) is expected


def test_region_admin_may_not_act_in_other_county(tree, zhang_min):
    assert not scope.role_allows(
        user=zhang_min.user, action=Action.VIEW_DIRECTORY, obj=tree.station_b
    )


def test_supervisor_may_view_but_not_manage(tree, li_qiang):
    assert scope.role_allows(user=li_qiang.user, action=Action.VIEW_DIRECTORY, obj=tree.station_a)
    assert not scope.role_allows(
        user=li_qiang.user, action=Action.MANAGE_DIRECTORY, obj=tree.station_a
    )


def test_sensitive_numbers_for_admin_and_self_only(tree, zhang_min, li_qiang, wang_fang):
    assert scope.role_allows(user=zhang_min.user, action=Action.VIEW_SENSITIVE, obj=wang_fang)
    assert scope.role_allows(user=wang_fang.user, action=Action.VIEW_SENSITIVE, obj=wang_fang)
    assert not scope.role_allows(user=li_qiang.user, action=Action.VIEW_SENSITIVE, obj=wang_fang)


def test_revoked_grant_gives_nothing(tree, zhang_min):
    from accounts import services

    grant = zhang_min.user.role_grants.get()
    services.role_grant_revoke(grant=grant, revoked_by=zhang_min.user)
    assert not scope.service_points_visible_to(zhang_min.user).exists()


def test_grants_are_loaded_once_per_user_object(tree, zhang_min, django_assert_num_queries):
    user = type(zhang_min.user).objects.get(pk=zhang_min.user.pk)
    with django_assert_num_queries(1):
        scope.may_anywhere(user, Action.VIEW_DIRECTORY)
        scope.may_use_back_office(user)
        scope.grants_of(user)
