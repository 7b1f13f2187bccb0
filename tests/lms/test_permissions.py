"""Training loaders look an id up only among the records the user may see: an id outside them is
the same 404 as an unknown id, after the same single lookup (nothing is loaded first). Seen but
not theirs to act on is a 403."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from accounts import scope
from accounts.models import User
from lms import permissions
from lms.models import ExternalTraining, Kind, Level
from lms.services import enrolment, ledger

UNKNOWN_ID = 10**9


@pytest.fixture
def records(run, wang_fang, zhang_min):
    claim = ExternalTraining.objects.create(
        person=wang_fang,
        title="外训",
        organiser="协会",
        kind="policy",
        providing_level="city",
        starts_on=dt.date(2026, 1, 5),
        ends_on=dt.date(2026, 1, 5),
        minutes=120,
        evidence=SimpleUploadedFile("e.pdf", b"%PDF-1"),
    )
    entry = ledger.hour_entry_adjust(
        person=wang_fang,
        on=dt.date(2026, 3, 2),
        minutes=120,
        kind=Kind.POLICY,
        providing_level=Level.CITY,
        reason="纸质记录补录",
        entered_by=zhang_min.user,
    )
    return {
        "person": wang_fang,
        "enrolment": enrolment.enrolment_create(run=run, person=wang_fang, user=wang_fang.user),
        "claim": claim,
        "entry": entry,
    }


# (loader, its id argument, record, {who: expected}); "ok" returns the record.
LOADERS = [
    (permissions.person_for_hours, "person_id", "person",
     {"wang_fang": "ok", "station_head": "ok", "zhang_min": "ok", "li_qiang": 403}),
    (permissions.person_for_adjuster, "person_id", "person",
     {"zhang_min": "ok", "station_head": 403, "wang_fang": 403}),
    (permissions.enrolment_for_approver, "enrolment_id", "enrolment",
     {"station_head": "ok", "zhang_min": "ok", "li_qiang": 403, "wang_fang": 403}),
    (permissions.external_for_approver, "claim_id", "claim",
     {"station_head": "ok", "li_qiang": 403, "wang_fang": 403}),
    (permissions.external_evidence_for_user, "claim_id", "claim",
     {"wang_fang": "ok", "station_head": "ok", "li_qiang": 403}),
    (permissions.entry_for_adjuster, "entry_id", "entry",
     {"zhang_min": "ok", "station_head": 403, "wang_fang": 403}),
]  # fmt: skip


def _user(request, who: str) -> User:
    return User.objects.get(pk=request.getfixturevalue(who).user_id)


@pytest.mark.parametrize(("loader", "arg", "record", "expected"), LOADERS)
def test_loader_in_scope(request, records, loader, arg, record, expected):
    for who, outcome in expected.items():
        call = {"user": _user(request, who), arg: records[record].pk}
        if outcome == "ok":
            assert loader(**call) == records[record], who
        else:
            with pytest.raises(PermissionDenied):
                loader(**call)


@pytest.mark.parametrize(("loader", "arg", "record", "expected"), LOADERS)
def test_out_of_scope_id_is_the_same_404_as_an_unknown_id(
    request, records, chen_jing, loader, arg, record, expected
):
    user = _user(request, "chen_jing")
    scope.grants_of(user)  # loaded once per user object: not part of the lookups compared
    lookups = []
    for pk in (records[record].pk, UNKNOWN_ID):
        with CaptureQueriesContext(connection) as queries, pytest.raises(Http404):
            loader(user=user, **{arg: pk})
        lookups.append(len(queries))
    assert lookups == [1, 1]


def test_a_colleague_cannot_tell_anothers_records_from_unknown_ids(records, tree):
    from tests.lms.conftest import worker

    colleague = User.objects.get(pk=worker(tree, "同事").user_id)
    for loader, arg, record, _expected in LOADERS:
        for pk in (records[record].pk, UNKNOWN_ID):
            with pytest.raises(Http404):
                loader(user=colleague, **{arg: pk})
