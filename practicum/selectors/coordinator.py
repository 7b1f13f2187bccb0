"""Reads for the university coordinator's pages (R15): the dashboard's sections and the
term export. Each reads a fixed number of queries whatever the number of rows."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from credentials.models import Certificate
from directory.models import University
from practicum.models import Application, Evaluation, Placement, PracticeBase, Student
from practicum.selectors.hours import HoursProgress, progress_by_application
from practicum.services.bases import EXPIRY_NOTICE_DAYS

ACCEPTED = Q(applications__state=Application.State.ACCEPTED)
DUE_PARTIES = (Evaluation.Party.FIELD_SUPERVISOR, Evaluation.Party.TUTOR)


def bases_of(*, university: University) -> QuerySet[PracticeBase]:
    return (
        PracticeBase.objects.filter(university=university)
        .select_related("service_point", "agency")
        .annotate(placement_count=Count("placements"))
        .order_by("-ends_on", "pk")
    )


def placements_of(*, university: University) -> QuerySet[Placement]:
    """The university's placements with the number of students accepted on each."""
    return (
        Placement.objects.filter(base__university=university)
        .select_related("base__service_point", "base__agency", "field_supervisor", "tutor")
        .annotate(
            accepted=Count(
                "applications", filter=Q(applications__state=Application.State.ACCEPTED)
            ),
        )
        .order_by("-starts_on", "pk")
    )


def students_of(*, university: University, query: str = "") -> QuerySet[Student]:
    students = Student.objects.filter(programme__university=university).select_related(
        "person", "programme", "tutor"
    )
    query = query.strip()
    if query:
        students = students.filter(
            Q(person__name__icontains=query)
            | Q(student_number__icontains=query)
            | Q(cohort__icontains=query)
        )
    return students.order_by("programme__name", "student_number", "pk")


def applications_awaiting_university(*, university: University) -> QuerySet[Application]:
    """Pending applications the university has not decided on yet."""
    return (
        Application.objects.filter(
            placement__base__university=university,
            state=Application.State.PENDING,
            coordinator_decision="",
        )
        .select_related("student__person", "placement__base__service_point")
        .order_by("created_at", "pk")
    )


def accepted_applications(*, university: University) -> QuerySet[Application]:
    return (
        Application.objects.filter(
            student__programme__university=university, state=Application.State.ACCEPTED
        )
        .select_related(
            "student__person",
            "student__programme",
            "placement__base__service_point",
            "placement__base__agency",
        )
        .order_by("placement__starts_on", "student__student_number", "pk")
    )


@dataclass(frozen=True)
class HoursRow:
    application: Application
    progress: HoursProgress


def hours_rows(*, applications: list[Application]) -> list[HoursRow]:
    progress = progress_by_application(applications)
    return [HoursRow(application=a, progress=progress[a.pk]) for a in applications]


@dataclass(frozen=True)
class EvaluationDue:
    application: Application
    stage: str
    stage_label: str
    missing: list[str]  # labels of the parties that have not evaluated


def midpoint(placement: Placement) -> dt.date:
    return placement.starts_on + (placement.ends_on - placement.starts_on) / 2


def evaluations_due(*, university: University, today: dt.date) -> list[EvaluationDue]:
    """Accepted placements past their mid-point without the mid-term evaluations of the field
    supervisor and the tutor, and ended ones without the final evaluations."""
    applications = list(
        accepted_applications(university=university).filter(placement__starts_on__lte=today)
    )
    done = set(
        Evaluation.objects.filter(application__in=[a.pk for a in applications]).values_list(
            "application_id", "stage", "party"
        )
    )
    due = []
    for application in applications:
        placement = application.placement
        stages = []
        if today >= midpoint(placement):
            stages.append(Evaluation.Stage.MIDTERM)
        if today > placement.ends_on:
            stages.append(Evaluation.Stage.FINAL)
        for stage in stages:
            missing = [
                party.label for party in DUE_PARTIES if (application.pk, stage, party) not in done
            ]
            if missing:
                due.append(
                    EvaluationDue(
                        application=application,
                        stage=stage,
                        stage_label=stage.label,
                        missing=missing,
                    )
                )
    return due


def bases_expiring(*, university: University, today: dt.date) -> QuerySet[PracticeBase]:
    return (
        PracticeBase.objects.filter(
            university=university,
            ends_on__gte=today,
            ends_on__lte=today + dt.timedelta(days=EXPIRY_NOTICE_DAYS),
        )
        .select_related("service_point", "agency")
        .order_by("ends_on", "pk")
    )


def terms_of(*, university: University) -> list[str]:
    return list(
        Placement.objects.filter(base__university=university)
        .order_by("term")
        .values_list("term", flat=True)
        .distinct()
    )


def practicum_certificates(*, applications: list[Application]) -> dict[int, str]:
    """The short code of each application's valid practicum certificate, if any: one issued to
    the student for a period within the placement's."""
    holders = {a.student.person_id for a in applications}
    certificates = Certificate.objects.filter(
        kind=Certificate.Kind.PRACTICUM,
        holder_id__in=holders,
        revoked_at__isnull=True,
        superseded_at__isnull=True,
    ).values_list("holder_id", "period_starts_on", "period_ends_on", "short_code")
    certificates = list(certificates)
    codes = {}
    for application in applications:
        placement = application.placement
        for holder_id, starts_on, ends_on, short_code in certificates:
            if (
                holder_id == application.student.person_id
                and placement.starts_on <= starts_on
                and ends_on <= placement.ends_on
            ):
                codes[application.pk] = short_code
    return codes
