"""A station organises a local contest (R14): a station head runs competitions for their own
station only, open to that station's part of the region tree; nothing else opens to them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.roles import Action, Role, roles_allowing
from competitions import selectors
from competitions.models import Competition
from directory.models import Region
from tests import factories
from tests.competitions.conftest import DURING, make_competition, station_head


def test_station_heads_and_region_admins_run_competitions():
    assert roles_allowing(Action.MANAGE_COMPETITIONS) == {Role.REGION_ADMIN, Role.STATION_HEAD}


def test_a_station_head_organises_for_their_station(tree, heads):
    competition = make_competition(heads.a.user, tree.station_a, title="定王台站案例分享")
    assert competition.organiser_service_point == tree.station_a
    assert list(selectors.competitions_for_organiser(user=heads.a.user)) == [competition]
    assert not selectors.competitions_for_organiser(user=heads.b.user).exists()


@pytest.mark.parametrize("organiser", ["station_b", "town_a", "county_a"])
def test_a_station_head_may_not_organise_for_another_station_or_an_office(tree, heads, organiser):
    with pytest.raises(PermissionDenied):
        make_competition(heads.a.user, getattr(tree, organiser))
    assert not Competition.objects.exists()


def test_the_form_offers_a_station_head_their_station_and_an_admin_their_offices(
    tree, heads, zhang_min
):
    offices = (Region.Level.CITY, Region.Level.COUNTY)
    assert list(selectors.stations_run_by(user=heads.a.user)) == [tree.station_a]
    assert not selectors.regions_managed_by(user=heads.a.user, levels=offices).exists()
    assert list(selectors.regions_managed_by(user=zhang_min.user, levels=offices)) == [
        tree.county_a
    ]
    assert not selectors.stations_run_by(user=zhang_min.user).exists()


def test_a_county_general_station_head_does_not_act_for_the_county_office(tree, zhang_min):
    """The county station lies in the county's region: its head sees that region, but may not
    organise as, nor list the competitions of, the county's civil-affairs office."""
    county_station = factories.ServicePointFactory(
        region=tree.county_a, name="芙蓉区社工总站", kind="county_station"
    )
    head = station_head("总站长", county_station)
    office = make_competition(zhang_min.user, tree.county_a)
    assert not selectors.competitions_for_organiser(user=head.user).filter(pk=office.pk).exists()
    assert not selectors.regions_managed_by(user=head.user, levels=(Region.Level.COUNTY,)).exists()
    with pytest.raises(PermissionDenied):
        make_competition(head.user, tree.county_a)


def test_the_region_admin_above_oversees_the_station_contest(tree, heads, zhang_min, chen_jing):
    competition = make_competition(heads.a.user, tree.station_a)
    assert competition in selectors.competitions_for_organiser(user=zhang_min.user)
    assert competition not in selectors.competitions_for_organiser(user=chen_jing.user)


def test_r14_a_station_contest_is_open_to_that_stations_subtree_only(tree, heads, wang_fang):
    village = factories.region("某社区", "430102001001", "village", tree.town_a)
    room = factories.ServicePointFactory(region=village, kind="community_room")
    in_room = factories.PersonFactory(name="社区社工", region=tree.county_a)
    factories.PositionFactory(person=in_room, service_point=room)
    elsewhere = factories.PersonFactory(name="外站社工", region=tree.county_b)
    factories.PositionFactory(person=elsewhere, service_point=tree.station_b)
    competition = make_competition(heads.a.user, tree.station_a)
    assert selectors.eligible_paths(competition=competition) == [tree.town_a.path]
    station = selectors.eligible_station
    assert station(competition=competition, person=wang_fang, now=DURING) == tree.station_a.pk
    assert station(competition=competition, person=in_room, now=DURING) == room.pk
    assert station(competition=competition, person=elsewhere, now=DURING) is None


def test_a_station_contest_cannot_be_opened_beyond_the_station(tree, heads):
    with pytest.raises(ValidationError, match="参赛区域须在主办方辖区内"):
        make_competition(heads.a.user, tree.station_a, eligible_regions=[tree.county_a])
    assert not Competition.objects.exists()


def test_a_station_head_keeps_no_question_bank(tree, heads, zhang_min):
    """Question banks are a region's (R14): a station head is offered no bank and no import;
    the county administrator who runs county contests is."""
    from competitions import question_import

    assert not selectors.bank_regions_for_user(user=heads.a.user).exists()
    assert not question_import.may_import(user=heads.a.user)
    assert question_import.may_import(user=zhang_min.user)
