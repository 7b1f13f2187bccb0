"""The read replica router: dashboards read from "replica", writes and other pages use default.

In tests "replica" is a second connection to the test database (TEST MIRROR); transactional
tests, so that what the default connection wrote is visible through the replica connection.
"""

import pytest
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.db_router import REPLICA, ReplicaRouter, replica_reads
from directory.models import Region

ROUTER = "core.db_router.ReplicaRouter"


@pytest.fixture
def replica_router(settings):
    settings.DATABASE_ROUTERS = [ROUTER]


def test_reads_outside_the_context_use_default():
    assert ReplicaRouter().db_for_read(Region) == "default"


def test_reads_inside_the_context_use_the_replica():
    with replica_reads():
        assert ReplicaRouter().db_for_read(Region) == REPLICA


def test_writes_always_use_default_and_later_reads_follow():
    router = ReplicaRouter()
    with replica_reads():
        assert router.db_for_write(Region) == "default"
        assert router.db_for_read(Region) == "default"
    with replica_reads():  # a new context starts on the replica again
        assert router.db_for_read(Region) == REPLICA


@pytest.mark.django_db
def test_reads_inside_a_transaction_use_default():
    with replica_reads(), transaction.atomic():
        assert ReplicaRouter().db_for_read(Region) == "default"


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_without_a_replica_database_reads_use_default(settings):
    settings.DATABASES = {"default": settings.DATABASES["default"]}
    with replica_reads():
        assert ReplicaRouter().db_for_read(Region) == "default"


def test_only_default_is_migrated():
    router = ReplicaRouter()
    assert router.allow_migrate("default", "lms")
    assert not router.allow_migrate(REPLICA, "lms")


def _tables(queries) -> str:
    return " ".join(query["sql"] for query in queries)


@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
@pytest.mark.parametrize("route", ["quotas:region", "quotas:region_export"])
def test_dashboard_reads_run_on_the_replica(client, replica_router, tree, zhang_min, route):
    client.force_login(zhang_min.user)
    url = reverse(route, args=[tree.county_a.pk])
    # The first read counts the county's rollups: a write, made on the primary with its reads.
    assert client.get(url).status_code == 200
    with (
        CaptureQueriesContext(connections[REPLICA]) as replica,
        CaptureQueriesContext(connections["default"]) as default,
    ):
        assert client.get(url).status_code == 200
    assert "directory_region" in _tables(replica)
    assert "directory_region" not in _tables(default)  # the session and user only


@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
def test_dashboard_scope_holds_on_the_replica(client, replica_router, tree, chen_jing):
    client.force_login(chen_jing.user)
    assert client.get(reverse("quotas:region", args=[tree.county_a.pk])).status_code == 404


@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
def test_other_pages_never_touch_the_replica(client, replica_router, tree, zhang_min):
    client.force_login(zhang_min.user)
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        url = reverse("quotas:station", args=[tree.station_a.pk])
        assert client.get(url).status_code == 200
    assert len(replica) == 0


@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
def test_a_read_after_a_write_stays_on_default(replica_router, tree):
    with (
        CaptureQueriesContext(connections[REPLICA]) as replica,
        replica_reads(),
    ):
        Region.objects.filter(pk=tree.town_a.pk).update(name="新街道")
        assert Region.objects.get(pk=tree.town_a.pk).name == "新街道"
    assert len(replica) == 0
