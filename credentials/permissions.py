"""Loaders for credentials: a holder sees their own; administrators those of people in scope."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from credentials.models import Certificate, CertificateBatch, Qualification
from directory.models import Person
from lms.models import Enrolment
from supervision.models import SupervisorProfile


def own_person(*, user: User) -> Person:
    """The person record of the signed-in user; users without one have no credentials (404)."""
    person = Person.objects.filter(user=user).first()
    if person is None:
        raise Http404
    return person


def certificate_for_user(*, user: User, certificate_id: int) -> Certificate:
    """404 unless the holder is the user or visible to them; 403 unless they may see it in full."""
    visible = Certificate.objects.filter(holder__in=scope.people_visible_to(user))
    certificate = get_object_or_404(visible.select_related("holder"), pk=certificate_id)
    holder = certificate.holder
    if holder.user_id != user.pk and not scope.role_allows(
        user=user, action=Action.VIEW_SENSITIVE, obj=holder
    ):
        raise PermissionDenied
    return certificate


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
    visible = CertificateBatch.objects.filter(
        region__in=scope.regions_visible_to(user, Action.MANAGE_DIRECTORY)
    )
    return get_object_or_404(visible.select_related("region"), pk=batch_id)


def own_qualification(*, user: User, qualification_id: int) -> Qualification:
    return get_object_or_404(Qualification, pk=qualification_id, person__user=user)


def qualification_for_manager(*, user: User, qualification_id: int) -> Qualification:
    """Verify: 404 outside the user's people, 403 without the administrator role over them."""
    visible = Qualification.objects.filter(person__in=scope.people_visible_to(user))
    qualification = get_object_or_404(visible.select_related("person"), pk=qualification_id)
    if not scope.role_allows(user=user, action=Action.MANAGE_DIRECTORY, obj=qualification.person):
        raise PermissionDenied
    return qualification


def qualification_for_viewer(*, user: User, qualification_id: int) -> Qualification:
    """The scan: the holder, or an administrator over them."""
    visible = Qualification.objects.filter(person__in=scope.people_visible_to(user))
    qualification = get_object_or_404(visible.select_related("person"), pk=qualification_id)
    person = qualification.person
    if person.user_id != user.pk and not scope.role_allows(
        user=user, action=Action.MANAGE_DIRECTORY, obj=person
    ):
        raise PermissionDenied
    return qualification


def own_supervisor_profile(*, user: User) -> SupervisorProfile:
    return get_object_or_404(SupervisorProfile, person__user=user)


def certificate_for_issuer(*, user: User, certificate_id: int) -> Certificate:
    """Revoke: 404 outside the user's people, 403 without the administrator role over them."""
    visible = Certificate.objects.filter(holder__in=scope.people_visible_to(user))
    certificate = get_object_or_404(visible.select_related("holder"), pk=certificate_id)
    if not scope.role_allows(user=user, action=Action.MANAGE_DIRECTORY, obj=certificate.holder):
        raise PermissionDenied
    return certificate


def own_enrolment(*, user: User, enrolment_id: int) -> Enrolment:
    return get_object_or_404(
        Enrolment.objects.select_related("run__course", "person"),
        pk=enrolment_id,
        person__user=user,
    )
