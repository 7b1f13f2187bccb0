"""Supervision loaders look an id up only among the sessions the user may see: an id outside them
is the same 404 as an unknown id, after the same single lookup (nothing is loaded first)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from supervision import permissions
from tests.supervision.conftest import log

UNKNOWN_ID = 10**9


def _user(person) -> User:
    return User.objects.get(pk=person.user_id)


@pytest.fixture
def attachment(tree, li_qiang_profile, wang_fang, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    upload = SimpleUploadedFile("签到表.pdf", b"%PDF-1.4 sheet")
    return log(tree, li_qiang_profile, [(wang_fang, 120)], attachment=upload).attachments.get()


def _lookups(loader, **call) -> int:
    with CaptureQueriesContext(connection) as queries, pytest.raises(Http404):
        loader(**call)
    return len(queries)


def test_session_outside_scope_is_the_same_404_as_an_unknown_id(session, chen_jing):
    user = _user(chen_jing)
    scope.grants_of(user)  # loaded once per user object: not part of the lookups compared
    lookups = [
        _lookups(
            permissions.session_for_user,
            user=user,
            session_id=pk,
            action=Action.VIEW_SUPERVISION,
        )
        for pk in (session.pk, UNKNOWN_ID)
    ]
    assert lookups == [1, 1]


def test_attachment_outside_scope_is_the_same_404_as_an_unknown_id(attachment, chen_jing):
    user = _user(chen_jing)
    scope.grants_of(user)
    lookups = [
        _lookups(permissions.attachment_for_user, user=user, attachment_id=pk)
        for pk in (attachment.pk, UNKNOWN_ID)
    ]
    assert lookups == [1, 1]


def test_taking_part_is_enough_to_view_a_session(session, wang_fang, liu_yang):
    for person in (wang_fang, liu_yang):
        loaded = permissions.session_for_user(
            user=_user(person), session_id=session.pk, action=Action.VIEW_SUPERVISION
        )
        assert loaded == session and loaded.took_part


def test_a_colleague_outside_the_session_sees_it_through_the_station_but_gets_403(session, sun_li):
    with pytest.raises(PermissionDenied):
        permissions.session_for_user(
            user=_user(sun_li), session_id=session.pk, action=Action.VIEW_SUPERVISION
        )


def test_administrator_in_scope_views_without_taking_part(session, zhang_min):
    loaded = permissions.session_for_user(
        user=_user(zhang_min), session_id=session.pk, action=Action.VIEW_SUPERVISION
    )
    assert loaded == session and not loaded.took_part


def test_only_its_supervisor_edits_a_session(session, li_qiang, wang_fang, zhang_min):
    assert permissions.session_for_user(
        user=_user(li_qiang), session_id=session.pk, action=Action.LOG_SUPERVISION
    )
    for person in (wang_fang, zhang_min):
        with pytest.raises(PermissionDenied):
            permissions.session_for_user(
                user=_user(person), session_id=session.pk, action=Action.LOG_SUPERVISION
            )


def test_attachment_goes_to_who_may_view_its_session(attachment, wang_fang, sun_li):
    assert permissions.attachment_for_user(user=_user(wang_fang), attachment_id=attachment.pk)
    with pytest.raises(PermissionDenied):
        permissions.attachment_for_user(user=_user(sun_li), attachment_id=attachment.pk)
