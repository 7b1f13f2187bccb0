"""Completion of a placement (R15, issue item 7): once the confirmed hours meet the programme's
requirement, the final evaluations by the field supervisor and the tutor are in and the tutor
has given a passing grade, a practicum certificate is issued through the credentials app."""

from django.db import transaction

from accounts.models import User
from credentials import selectors as credential_selectors
from credentials import services as credential_services
from credentials.models import Certificate
from practicum import completion_rules
from practicum.models import Application, Evaluation
from practicum.selectors.hours import progress_of


def certificate_subject(application: Application) -> str:
    """How the certificate names the placement record, so that a reissue supersedes."""
    return f"practicum-application:{application.pk}"


def missing_for(application: Application) -> list[str]:
    """What the placement still lacks before its certificate (empty when complete)."""
    finals = application.evaluations.filter(stage=Evaluation.Stage.FINAL).values_list(
        "party", flat=True
    )
    return completion_rules.missing_for_completion(
        hours_met=progress_of(application).met,
        final_parties=list(finals),
        grade=application.final_grade,
    )


def certificate_of(application: Application) -> Certificate | None:
    return credential_selectors.current_certificate_of_subject(
        kind=Certificate.Kind.PRACTICUM, subject=certificate_subject(application)
    )


@transaction.atomic
def practicum_complete_if_ready(*, application: Application, by: User) -> Certificate | None:
    """Issue the practicum certificate when the placement has just become complete; call it from
    every service that completes a condition (the grade, a weekly log's confirmation). Returns
    the current certificate, or None while something is missing; never issues twice."""
    if application.state != Application.State.ACCEPTED or missing_for(application):
        return None
    existing = certificate_of(application)
    if existing is not None:
        return existing
    return practicum_certificate_issue(application=application, by=by)


def practicum_certificate_issue(*, application: Application, by: User) -> Certificate:
    """Issue (or reissue, superseding the current one) the certificate of a placement."""
    application = Application.objects.select_related(
        "placement__base__university",
        "placement__base__service_point",
        "placement__base__agency",
        "placement__field_supervisor",
        "placement__tutor",
        "student__person",
        "student__programme",
    ).get(pk=application.pk)
    placement, student = application.placement, application.student
    progress = progress_of(application)
    return credential_services.practicum_certificate_issue(
        holder=student.person,
        university=placement.base.university.name,
        school=placement.base.school,
        programme=student.programme.name,
        station=placement.base.host.name,
        starts_on=placement.starts_on,
        ends_on=placement.ends_on,
        confirmed_minutes=progress.confirmed_minutes,
        required_minutes=progress.required_minutes,
        field_supervisor=placement.field_supervisor.name,
        tutor=placement.tutor.name,
        grade=completion_rules.grade_label(application.final_grade),
        subject=certificate_subject(application),
        issued_by=by,
    )
