"""The rollups behind the region dashboards: a read after any change equals counting every
station again, and each change that the rules read marks the stations concerned stale."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from credentials.models import Qualification
from credentials.qualifications import qualification_verify
from directory.models import ServicePoint
from quotas import tasks
from quotas.models import PolicyRule, RegionTally, StationTally
from quotas.selectors import dashboards
from quotas.services import reports, tallies
from supervision import services as supervision_services
from supervision.models import CommitteeLevel, SessionForm
from tests import factories
from tests.quotas.conftest import REPORT_DATA
from tests.supervision.conftest import at

MID_2025 = dt.date(2025, 7, 2)


@pytest.fixture
def world(hunan, tree, wang_fang, credit):
    """Station A: 王芳 (40 county hours) and three colleagues (5 hours); station B: one worker
    with 20; a station of county A with nobody; 王芳 also works part-time at station B."""
    credit(wang_fang, 40 * 60, level="county")
    for n in range(3):
        person = factories.PersonFactory(region=tree.county_a, name=f"同事{n}")
        factories.PositionFactory(person=person, service_point=tree.station_a)
        credit(person, 5 * 60, level="county")
    other = factories.PersonFactory(region=tree.county_b, name="外县社工")
    factories.PositionFactory(person=other, service_point=tree.station_b)
    credit(other, 20 * 60, level="city")
    factories.PositionFactory(
        person=wang_fang, service_point=tree.station_b, role="community_worker", full_time=False
    )
    factories.ServicePointFactory(region=tree.county_a, name="空站")
    return tree


def _read(region, today=MID_2025) -> tuple:
    """What a dashboard shows, as plain values."""
    board = dashboards.region_dashboard(region=region, year=2025, today=today)
    return (
        board.people,
        [rule.pk for rule in board.rules],
        {pk: tally.counts for pk, tally in board.totals.items()},
        [
            (row.name, row.people, {pk: t.counts for pk, t in row.tallies.items()})
            for row in board.rows
        ],
        [(s.pk, s.met, s.counted, s.behind, s.status) for s in board.worst_stations],
        board.station_rules,
    )


def _recounted(region, today=MID_2025) -> tuple:
    """The same read with every tally counted again from nothing."""
    StationTally.objects.all().delete()
    RegionTally.objects.all().delete()
    return _read(region, today)


def _stale() -> set[int]:
    return set(StationTally.objects.filter(stale=True).values_list("service_point_id", flat=True))


@pytest.mark.parametrize("level", ["province", "city", "county_a", "town_a"])
def test_rollup_equals_counting_every_station_again(world, credit, wang_fang, level):
    region = getattr(world, level)
    for name in ("province", "city", "county_a", "town_b"):
        _read(getattr(world, name))  # rollups made, then kept by differences
    credit(wang_fang, 30 * 60, level="city")
    newcomer = factories.PersonFactory(region=world.county_b)
    factories.PositionFactory(person=newcomer, service_point=world.station_b)
    kept = _read(region)
    assert kept == _recounted(region)


def test_province_counts_each_person_once_at_their_first_position(world):
    people, *_rest = _read(world.province)
    assert people == 5  # 王芳 at station A only, though she also works at station B


def test_a_credit_marks_her_stations_stale_and_the_next_read_is_exact(world, credit, wang_fang):
    _read(world.province)
    assert _stale() == set()
    credit(wang_fang, 60, level="city")
    assert _stale() == {world.station_a.pk, world.station_b.pk}
    kept = _read(world.province)
    assert _stale() == set()
    assert StationTally.objects.filter(stale=False).count() == 3  # A, B and the empty one
    assert kept == _recounted(world.province)


def test_one_credit_recounts_one_station(world, credit):
    _read(world.province)
    person = factories.PersonFactory(region=world.county_b)
    factories.PositionFactory(person=person, service_point=world.station_b)
    _read(world.province)
    before = dict(StationTally.objects.values_list("service_point_id", "computed_at"))
    credit(person, 60, level="city")
    _read(world.province)
    after = dict(StationTally.objects.values_list("service_point_id", "computed_at"))
    assert [pk for pk in after if after[pk] != before[pk]] == [world.station_b.pk]


def test_a_supervision_confirmation_marks_the_station_stale(world, wang_fang, li_qiang):
    profile = factories.linked_supervisor(li_qiang, world.station_a, committee_level="county")
    session = supervision_services.session_log(
        service_point=world.station_a,
        supervisors=[profile],
        providing_level=CommitteeLevel.COUNTY,
        form=SessionForm.CIRCUIT,
        started_at=at(2025, 3, 3),
        duration_minutes=24 * 60,
        status="held",
        topic="个案督导",
        supervisees=[(wang_fang, 24 * 60)],
        logged_by=li_qiang.user,
    )
    _read(world.province)
    supervision_services.supervisee_confirm(
        supervisee=session.supervisees.get(), confirmed_by=wang_fang.user
    )
    assert world.station_a.pk in _stale()
    kept = _read(world.province)
    assert kept == _recounted(world.province)


def test_an_ended_position_marks_the_station_stale(world, wang_fang):
    _read(world.county_a)
    position = wang_fang.positions.get(service_point=world.station_a)
    position.ends_on = dt.date(2025, 6, 30)
    position.save()
    assert world.station_a.pk in _stale()
    kept = _read(world.county_a)
    assert kept[0] == 3
    assert kept == _recounted(world.county_a)


def test_a_verified_qualification_marks_her_stations_stale(world, wang_fang, zhang_min):
    qualification = Qualification.objects.create(
        person=wang_fang, level="assistant", certificate_number="A1", passed_on=dt.date(2022, 6, 1)
    )
    _read(world.county_a)
    qualification_verify(qualification=qualification, by=zhang_min.user)
    assert world.station_a.pk in _stale()
    kept = _read(world.county_a)
    assert kept == _recounted(world.county_a)


def test_a_filed_report_marks_the_station_stale(world, county_reports):
    head = factories.UserFactory()
    factories.RoleGrantFactory(user=head, role="station_head", service_point=world.station_a)
    report = reports.report_open(
        service_point=world.station_a, month=dt.date(2025, 5, 1), by=head, today=dt.date(2025, 6, 3)
    )
    _read(world.county_a)
    reports.report_transition(report=report, action="submit", by=head, data=REPORT_DATA)
    assert _stale() == {world.station_a.pk}
    kept = _read(world.county_a)
    assert kept == _recounted(world.county_a)


def test_an_edited_rule_marks_every_station_below_its_region_stale(world):
    _read(world.province)
    rule = PolicyRule.objects.get(code="worker-county-training", in_force_from__year=2024)
    rule.threshold = 3 * 60
    rule.save()
    assert _stale() == set(StationTally.objects.values_list("service_point_id", flat=True))
    kept = _read(world.province)
    assert kept == _recounted(world.province)


def test_a_new_day_recounts_the_statuses(world):
    _read(world.province)
    later = _read(world.province, today=dt.date(2025, 11, 30))
    assert set(StationTally.objects.values_list("as_of", flat=True)) == {dt.date(2025, 11, 30)}
    assert later == _recounted(world.province, today=dt.date(2025, 11, 30))


def test_a_deleted_station_is_taken_out_of_the_regions(world):
    _read(world.province)
    empty = factories.ServicePointFactory(region=world.county_b, name="将撤销")
    people, *_rest = _read(world.province)
    empty.delete()
    assert _read(world.province) == _recounted(world.province)
    assert _read(world.province)[0] == people


def test_the_queued_refresh_leaves_nothing_stale(world, credit, wang_fang):
    _read(world.province)
    credit(wang_fang, 60, level="city")
    assert tallies.tallies_refresh_stale(today=MID_2025) == 2
    assert _stale() == set()


def test_region_page_shows_when_it_was_counted(client, world, zhang_min):
    client.force_login(zhang_min.user)
    page = client.get(reverse("quotas:region", args=[world.county_a.pk]), {"year": "2025"})
    assert "统计于" in page.content.decode()


@pytest.fixture
def queued(monkeypatch, settings):
    """Reads may count one station; the tasks they queue are kept here instead of run inline."""
    settings.TALLIES_COUNTED_IN_READ = 1
    monkeypatch.setattr("quotas.tasks.timezone.localdate", lambda: MID_2025)
    calls = []
    monkeypatch.setattr(tallies, "async_task", lambda func, *args, **kw: calls.append((func, args)))
    return calls


def _run(calls) -> None:
    """Run the queued tasks as a worker would."""
    for func, args in calls:
        assert func == "quotas.tasks.tallies_recount"
        tasks.tallies_recount(*args)
    calls.clear()


def _stations_below(region) -> list[int]:
    return sorted(
        ServicePoint.objects.filter(region__path__startswith=region.path).values_list(
            "pk", flat=True
        )
    )


def test_a_read_with_more_stations_due_than_it_may_count_queues_them(world, queued):
    board = dashboards.region_dashboard(region=world.province, year=2025, today=MID_2025)
    assert board.counting
    assert [args for _func, args in queued] == [(_stations_below(world.province), 2025)]
    assert not StationTally.objects.filter(stale=False, as_of__isnull=False).exists()


def test_queued_chunks_count_what_a_read_would(world, queued, monkeypatch, settings):
    monkeypatch.setattr(tallies, "CHUNK", 2)
    dashboards.region_dashboard(region=world.province, year=2025, today=MID_2025)
    assert [pk for _func, (chunk, _year) in queued for pk in chunk] == _stations_below(
        world.province
    )
    assert len(queued) > 1
    _run(queued)
    assert not dashboards.region_dashboard(
        region=world.province, year=2025, today=MID_2025
    ).counting
    assert queued == []
    kept = _read(world.province)
    settings.TALLIES_COUNTED_IN_READ = 100  # counted from nothing in the read, to compare
    assert kept == _recounted(world.province)


def test_the_same_region_is_queued_once_while_its_recount_runs(world, queued):
    dashboards.region_dashboard(region=world.province, year=2025, today=MID_2025)
    first = len(queued)
    assert dashboards.region_dashboard(region=world.province, year=2025, today=MID_2025).counting
    assert len(queued) == first == 1


def test_a_region_with_few_stations_due_is_counted_in_the_read(world, settings):
    settings.TALLIES_COUNTED_IN_READ = len(_stations_below(world.province))
    board = dashboards.region_dashboard(region=world.province, year=2025, today=MID_2025)
    assert not board.counting
    assert _stale() == set()
    assert StationTally.objects.filter(as_of=MID_2025).count() == len(
        _stations_below(world.province)
    )


def test_the_nightly_task_queues_every_station_in_chunks(world, queued, monkeypatch):
    monkeypatch.setattr(tallies, "CHUNK", 2)
    assert tasks.tallies_refresh_all() == len(queued) > 1
    _run(queued)
    assert tasks.tallies_refresh_all() == 0
    assert not dashboards.region_dashboard(
        region=world.province, year=2025, today=MID_2025
    ).counting


def test_region_page_says_when_the_background_is_counting(client, world, zhang_min, queued):
    client.force_login(zhang_min.user)
    url = reverse("quotas:region", args=[world.county_a.pk])
    page = client.get(url, {"year": "2025"})
    assert "正在后台重新统计" in page.content.decode()
    _run(queued)
    assert "正在后台重新统计" not in client.get(url, {"year": "2025"}).content.decode()


def _export_lines(client, region) -> list:
    response = client.get(reverse("quotas:region_export", args=[region.pk]), {"year": "2025"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [row[0] for row in sheet.iter_rows(values_only=True) if row and row[0]]


def test_the_export_says_when_it_was_counted_and_when_counting_is_under_way(
    client, world, zhang_min, queued
):
    client.force_login(zhang_min.user)
    lines = _export_lines(client, world.county_a)
    assert any(str(line).startswith("统计于 ") for line in lines)
    assert "导出时下级站点的数据正在后台重新统计，表中为上次统计的结果。" in lines
    _run(queued)
    assert "导出时下级站点的数据正在后台重新统计，表中为上次统计的结果。" not in _export_lines(
        client, world.county_a
    )


def test_the_stale_task_queues_chunks_when_a_rule_edit_marks_many_stations(
    world, queued, monkeypatch
):
    monkeypatch.setattr(tallies, "CHUNK", 2)
    tallies.tallies_refresh(region_path="", year=2025, today=MID_2025)
    rule = PolicyRule.objects.get(code="worker-county-training", in_force_from__year=2024)
    rule.threshold = 3 * 60
    rule.save()
    stale = _stale()
    assert len(stale) > 2
    assert tallies.tallies_refresh_stale(today=MID_2025) == len(stale)
    assert sorted(pk for _func, (chunk, _year) in queued for pk in chunk) == sorted(stale)
    _run(queued)
    assert _stale() == set()


def test_a_station_deleted_while_its_chunk_waits_is_skipped(world, queued):
    assert dashboards.region_dashboard(region=world.province, year=2025, today=MID_2025).counting
    ServicePoint.objects.get(name="空站").delete()
    _run(queued)
    assert not dashboards.region_dashboard(
        region=world.province, year=2025, today=MID_2025
    ).counting
