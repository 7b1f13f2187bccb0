"""The read model behind the dashboards (quotas/selectors/facts.py, from each app's selectors)
gives the numbers the services recorded, and a dashboard agrees with every person's own page
(one evaluation)."""

import datetime as dt
from collections import Counter

from django.utils import timezone

from credentials.models import Qualification
from quotas.models import MonthlyReport
from quotas.selectors import dashboards, rule_results, rulebook
from quotas.selectors.facts import Scope, staff_rows, station_facts, station_rows
from supervision import services as supervision_services
from supervision.models import CommitteeLevel, SessionForm
from tests import factories
from tests.supervision.conftest import at

D = dt.date
MID_2025 = D(2025, 7, 2)
KEYS = {
    ("training", "", "county"),
    ("training", "continuing", "city"),
    ("supervision", "", "county"),
}


def _session(tree, profile, supervisees, *, month, minutes=120):
    return supervision_services.session_log(
        service_point=tree.station_a,
        supervisors=[profile],
        providing_level=CommitteeLevel.COUNTY,
        form=SessionForm.CIRCUIT,
        started_at=at(2025, month, 3),
        duration_minutes=minutes,
        status="held",
        topic="个案督导",
        supervisees=supervisees,
        logged_by=profile.person.user,
    )


def test_staff_rows_carry_levels_and_yearly_totals_by_key(
    hunan, tree, wang_fang, li_qiang, county_supervisor, credit
):
    credit(wang_fang, 600, level="county", kind="practice")
    credit(wang_fang, 300, level="city", kind="continuing")
    credit(wang_fang, 240, level="city", kind="policy")  # no key asks for it
    credit(wang_fang, 999, level="county", on=D(2024, 5, 1))  # another year
    first = _session(tree, county_supervisor, [(wang_fang, 90)], month=3)
    _session(tree, county_supervisor, [(wang_fang, 60)], month=4)
    supervision_services.supervisee_confirm(
        supervisee=first.supervisees.get(), confirmed_by=wang_fang.user
    )
    Qualification.objects.create(
        person=wang_fang,
        level="intermediate",
        certificate_number="B1",
        passed_on=D(2021, 6, 1),
        verified_at=timezone.now(),
    )
    Qualification.objects.create(
        person=wang_fang, level="senior", certificate_number="C1", passed_on=D(2024, 6, 1)
    )
    (row,) = staff_rows(
        scope=Scope(region_path=tree.county_a.path), on=MID_2025, year=2025, keys=KEYS
    )
    assert (row.person_id, row.point_id, row.path) == (
        wang_fang.pk,
        tree.station_a.pk,
        tree.town_a.path,
    )
    assert row.levels == {"intermediate", "senior"}
    assert row.verified == {"intermediate"}
    assert row.amounts == {
        ("training", "", "county"): (600, 0),
        ("training", "continuing", "city"): (300, 0),
        ("supervision", "", "county"): (90, 60),
    }


def test_scope_and_current_positions(hunan, tree, wang_fang):
    gone = factories.PersonFactory(region=tree.county_a, name="已离职")
    factories.PositionFactory(
        person=gone, service_point=tree.station_a, starts_on=D(2020, 1, 1), ends_on=D(2025, 3, 1)
    )
    other = factories.PersonFactory(region=tree.county_b, name="外县社工")
    factories.PositionFactory(person=other, service_point=tree.station_b)
    station_a = staff_rows(
        scope=Scope(service_point_id=tree.station_a.pk), on=MID_2025, year=2025, keys=set()
    )
    assert [row.person_id for row in station_a] == [wang_fang.pk]
    city = staff_rows(scope=Scope(region_path=tree.city.path), on=MID_2025, year=2025, keys=set())
    assert {row.person_id for row in city} == {wang_fang.pk, other.pk}
    assert {row.person_id for row in city if row.amounts == {}} == {wang_fang.pk, other.pk}


def test_station_rows_and_facts(hunan, tree, wang_fang, county_supervisor, zhang_min):
    _session(tree, county_supervisor, [(wang_fang, 90)], month=3, minutes=90)
    _session(tree, county_supervisor, [(wang_fang, 60)], month=5, minutes=60)
    for month, status in ((1, MonthlyReport.Status.ACCEPTED), (2, MonthlyReport.Status.DRAFT)):
        MonthlyReport.objects.create(
            service_point=tree.station_a,
            month=D(2025, month, 1),
            due_on=D(2025, month + 1, 26),
            status=status,
            cases_served=4,
            cases_closed=2,
            work_hours=160,
            service_hours=100,
        )
    scope = Scope(region_path=tree.city.path)
    stations = {row.pk: row for row in station_rows(scope=scope, on=MID_2025, year=2025)}
    a, b = stations[tree.station_a.pk], stations[tree.station_b.pk]
    # R9: the cases closed in the filed report, not the cases served
    assert (a.supervision_minutes, a.linked_experts, a.cases, a.work_hours) == (150, 1, 2, 160)
    assert (b.supervision_minutes, b.linked_experts, b.cases) == (0, 0, None)
    facts = station_facts(
        staff_rows(scope=scope, on=MID_2025, year=2025, keys=set()), list(stations.values())
    )
    assert facts[tree.station_a.pk].staff == {wang_fang.pk}
    assert facts[tree.station_b.pk].staff == set()


def test_dashboard_agrees_with_each_persons_own_evaluation(
    hunan, tree, wang_fang, county_supervisor, credit
):
    """The dashboard reads the read model, a person's page the selectors: same statuses."""
    people = [wang_fang]
    for n, hours in enumerate((0, 5, 14, 30)):
        person = factories.PersonFactory(region=tree.county_a, name=f"社工{n}")
        factories.PositionFactory(person=person, service_point=tree.station_a)
        if hours:
            credit(person, hours * 60, level="county")
            credit(person, hours * 30, level="city")
        people.append(person)
    _session(tree, county_supervisor, [(people[1], 120), (people[3], 60)], month=3)
    board = dashboards.region_dashboard(region=tree.county_a, year=2025, today=MID_2025)
    expected: Counter = Counter()
    for person in people:
        for result in rule_results.evaluate_person(person=person, year=2025, today=MID_2025):
            if result.rule.period == "calendar_year":
                expected[result.rule.pk, result.status] += 1
    got = Counter(
        {
            (rule_pk, status): count
            for rule_pk, tally in board.totals.items()
            if rule_pk not in board.station_rules
            for status, count in tally.counts.items()
            if count
        }
    )
    assert got == expected
    assert len({status for _rule, status in expected}) >= 2  # not one status for everyone


def test_station_board_reads_the_staff_once_and_agrees_with_evaluate_station(
    hunan, tree, wang_fang, django_assert_max_num_queries
):
    rulebook.all_rules()  # loaded once per process, not per page
    # Staff, qualifications, training, supervision received, the station, its supervision
    # minutes, linked experts, volunteer count and reports, the rule book's version.
    with django_assert_max_num_queries(10):
        results, people = dashboards.station_board(
            service_point=tree.station_a, year=2025, today=MID_2025
        )
    alone = rule_results.evaluate_station(service_point=tree.station_a, year=2025, today=MID_2025)
    assert [(r.rule.pk, r.status, r.achieved) for r in results] == [
        (r.rule.pk, r.status, r.achieved) for r in alone
    ]
    assert [placed.person_id for placed in people] == [wang_fang.pk]
