"""Two submits of the same form at the same moment make one session (PostgreSQL only: SQLite
serialises writers, so there is no race to test)."""

import threading

import pytest
from django.db import connection

from supervision.models import SupervisionSession
from tests.supervision.conftest import log


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent transactions"
)
@pytest.mark.django_db(transaction=True)
def test_simultaneous_double_submit_makes_one_session(tree, li_qiang_profile, wang_fang):
    barrier = threading.Barrier(2)
    results, errors = [], []

    def submit():
        try:
            barrier.wait()
            results.append(log(tree, li_qiang_profile, [(wang_fang, 60)], idempotency_key="same"))
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert {session.pk for session in results} == set(
        SupervisionSession.objects.values_list("pk", flat=True)
    )
    assert SupervisionSession.objects.count() == 1
