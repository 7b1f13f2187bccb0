import datetime as dt

from quotas.services import policy_packs
from supervision import selectors, services
from supervision.models import SupervisionSession
from tests import factories
from tests.supervision.conftest import at, log

D = dt.date


def test_r9_station_counts_once_per_session(session, tree):
    totals = selectors.station_minutes(service_point=tree.station_a, year=2025)
    assert totals == {"sessions": 1, "minutes": 120}  # not 120 + 90


def test_station_minutes_between_counts_only_the_span(session, tree, li_qiang_profile, wang_fang):
    log(tree, li_qiang_profile, [(wang_fang, 60)], duration=60, when=at(2025, 6, 1))
    may = {"starts_on": D(2025, 5, 1), "ends_on": D(2025, 5, 31)}
    totals = selectors.station_minutes_between(service_point=tree.station_a, **may)
    assert totals == {"sessions": 1, "minutes": 120}
    assert selectors.station_minutes_between(service_point=tree.station_b, **may) == {
        "sessions": 0,
        "minutes": 0,
    }


def test_r8_each_supervisee_counts_own_minutes_by_level(
    session, tree, li_qiang_profile, wang_fang, liu_yang
):
    log(
        tree,
        li_qiang_profile,
        [(wang_fang, 60)],
        duration=60,
        when=at(2025, 6, 1),
        providing_level="county",
    )
    part = session.supervisees.get(person=wang_fang)
    services.supervisee_confirm(supervisee=part, confirmed_by=wang_fang.user)
    got = selectors.minutes_received(
        person=wang_fang, starts_on=D(2025, 1, 1), ends_on=D(2025, 12, 31)
    )
    assert got == {
        "city": {"confirmed": 120, "pending": 0},
        "county": {"confirmed": 0, "pending": 60},
    }
    assert selectors.minutes_received(
        person=liu_yang, starts_on=D(2025, 1, 1), ends_on=D(2025, 12, 31)
    ) == {"city": {"confirmed": 0, "pending": 90}}
    many = selectors.received_by_people_year(people=[wang_fang.pk, liu_yang.pk], year=2025)
    assert many[liu_yang.pk] == {"city": {"confirmed": 0, "pending": 90}}
    assert many[wang_fang.pk] == got


def test_cancelled_and_planned_sessions_count_nothing(tree, li_qiang_profile, wang_fang):
    log(
        tree,
        li_qiang_profile,
        [(wang_fang, 60)],
        duration=60,
        status=SupervisionSession.Status.PLANNED,
    )
    cancelled = log(
        tree,
        li_qiang_profile,
        [(wang_fang, 60)],
        duration=60,
        when=at(2025, 7, 1),
        status=SupervisionSession.Status.PLANNED,
    )
    services.session_cancel(session=cancelled, cancelled_by=li_qiang_profile.person.user)
    assert selectors.station_minutes(service_point=tree.station_a, year=2025)["minutes"] == 0
    assert (
        selectors.minutes_received(
            person=wang_fang, starts_on=D(2025, 1, 1), ends_on=D(2025, 12, 31)
        )
        == {}
    )


def test_minutes_given_by_station_and_form(session, li_qiang_profile, wang_fang, liu_yang):
    for part in session.supervisees.all():
        services.supervisee_confirm(supervisee=part, confirmed_by=part.person.user)
    rows = selectors.minutes_given(supervisor=li_qiang_profile, year=2025)
    assert [(r["form"], r["sessions"], r["minutes"], r["confirmed_minutes"]) for r in rows] == [
        ("circuit", 1, 120, 120)
    ]


def test_counts_are_one_query(
    session, tree, wang_fang, li_qiang_profile, django_assert_num_queries
):
    with django_assert_num_queries(1):
        selectors.minutes_received(
            person=wang_fang, starts_on=D(2025, 1, 1), ends_on=D(2025, 12, 31)
        )
    with django_assert_num_queries(1):
        selectors.station_minutes(service_point=tree.station_a, year=2025)
    with django_assert_num_queries(1):
        selectors.minutes_given(supervisor=li_qiang_profile, year=2025)


def test_grid_by_month(session, tree):
    from directory.models import ServicePoint

    grid = selectors.station_month_grid(service_points=ServicePoint.objects.all(), year=2025)
    assert grid == {tree.station_a.pk: {5: 120}}


def test_r24_supervisor_load_without_a_pack_flags_nobody(session, zhang_min, li_qiang_profile):
    policy_packs.policy_pack_load(name="hunan")
    policy_packs.policy_pack_load(name="national")
    rows = selectors.supervisor_load(user=zhang_min.user, today=D(2025, 6, 1))
    assert [
        (r["supervisor_id"], r["name"], r["workers"], r["ratio"], r["overloaded"]) for r in rows
    ] == [(li_qiang_profile.pk, "李强", 2, None, False)]


def test_r24_load_flag_where_a_pack_sets_a_ratio(session, tree, zhang_min, li_qiang_profile):
    factories.PolicyPackFactory(
        region=tree.county_a, workers_per_supervisor=1, workers_per_supervisor_source="本地选择"
    )
    [row] = selectors.supervisor_load(user=zhang_min.user, today=D(2025, 6, 1))
    assert (row["workers"], row["overloaded"]) == (2, True)
    assert (row["ratio"].workers_per_supervisor, row["ratio"].set_by) == (1, "芙蓉区")


def test_r24_a_ratio_set_elsewhere_does_not_flag(session, tree, zhang_min, li_qiang_profile):
    factories.PolicyPackFactory(
        region=tree.county_b, workers_per_supervisor=1, workers_per_supervisor_source="本地选择"
    )
    [row] = selectors.supervisor_load(user=zhang_min.user, today=D(2025, 6, 1))
    assert (row["ratio"], row["overloaded"]) == (None, False)


def test_profile_of_user_is_their_own_person_s(li_qiang_profile, li_qiang, wang_fang):
    assert selectors.profile_of_user(user=li_qiang.user) == li_qiang_profile
    assert selectors.profile_of_user(user=wang_fang.user) is None
