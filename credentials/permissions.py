"""Loaders for credentials: a holder sees their own; administrators those of people in scope."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from credentials.models import Certificate, CertificateBatch, Qualification
from directory.models import Person
from lms import selectors as lms_selectors
from lms.models import Enrolment
from supervision import selectors as supervision_selectors
from supervision.models import SupervisorProfile


def require_manager(*, user: User) -> None:
    """403 unless the user administers some region (batch issue, issuing for others)."""
    if not scope.may_anywhere(user, Action.MANAGE_DIRECTORY):
        raise PermissionDenied


def person_for_issuer(*, user: User, person_id: int) -> Person:
    """A person the administrator may issue for: outside their scope 404, wrong role 403."""
    person = get_object_or_404(scope.people_visible_to(user), pk=person_id)
    if not scope.role_allows(user=user, action=Action.MANAGE_DIRECTORY, obj=person):
        raise PermissionDenied
    return person


def batch_for_user(*, user: User, batch_id: int) -> CertificateBatch:
    """A batch over a region the user sees (else 404), which they administer (else 403)."""
    visible = CertificateBatch.objects.filter(region__in=scope.regions_visible_to(user))
    batch = get_object_or_404(visible.select_related("region"), pk=batch_id)
    if not scope.role_allows(user=user, action=Action.MANAGE_DIRECTORY, obj=batch.region):
        raise PermissionDenied
    return batch


def own_qualification(*, user: User, qualification_id: int) -> Qualification:
    return get_object_or_404(Qualification, pk=qualification_id, person__user=user)


def own_supervisor_profile(*, user: User) -> SupervisorProfile:
    profile = supervision_selectors.profile_of_user(user=user)
    if profile is None:
        raise Http404
    return profile


def own_enrolment(*, user: User, enrolment_id: int) -> Enrolment:
    return get_object_or_404(lms_selectors.enrolments_of_user(user=user), pk=enrolment_id)


def _record_about(*, user: User, queryset, pk: int, person_field: str, action, holder_may: bool):
    """404 unless the record's person is visible to the user; then 403 unless the person is the
    user themselves (when `holder_may`) or one of the user's grants permits `action` over them."""
    visible = queryset.filter(**{f"{person_field}__in": scope.people_visible_to(user)})
    record = get_object_or_404(visible.select_related(person_field), pk=pk)
    person = getattr(record, person_field)
    if holder_may and person.user_id == user.pk:
        return record
    if not scope.role_allows(user=user, action=action, obj=person):
        raise PermissionDenied
    return record


def certificate_for_user(*, user: User, certificate_id: int) -> Certificate:
    """Download: the holder, or someone who may see the holder's data in full."""
    return _record_about(
        user=user,
        queryset=Certificate.objects.all(),
        pk=certificate_id,
        person_field="holder",
        action=Action.VIEW_SENSITIVE,
        holder_may=True,
    )


def certificate_for_issuer(*, user: User, certificate_id: int) -> Certificate:
    """Revoke: an administrator over the holder."""
    return _record_about(
        user=user,
        queryset=Certificate.objects.all(),
        pk=certificate_id,
        person_field="holder",
        action=Action.MANAGE_DIRECTORY,
        holder_may=False,
    )


def qualification_for_manager(*, user: User, qualification_id: int) -> Qualification:
    """Verify: an administrator over the person."""
    return _record_about(
        user=user,
        queryset=Qualification.objects.all(),
        pk=qualification_id,
        person_field="person",
        action=Action.MANAGE_DIRECTORY,
        holder_may=False,
    )


def qualification_for_viewer(*, user: User, qualification_id: int) -> Qualification:
    """The scan: the holder, or an administrator over them."""
    return _record_about(
        user=user,
        queryset=Qualification.objects.all(),
        pk=qualification_id,
        person_field="person",
        action=Action.MANAGE_DIRECTORY,
        holder_may=True,
    )
