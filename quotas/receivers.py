"""What marks the station tallies stale (`services.tallies`): the `facts_changed` signal of the
services that keep the yearly summaries, and saves and deletes of the rows the quota rules read
whose writers save them one by one (positions, people, stations, volunteer counts, agencies,
qualifications, supervision assignments, monthly reports, policy rules and packs). Senders are
named by label, so quotas imports none of those apps' models here."""

from django.db.models.signals import post_delete, post_save

from core.signals import facts_changed
from quotas.services import tallies


def _facts_changed(sender, **kwargs) -> None:
    tallies.tallies_mark_stale(
        person_ids=kwargs.get("person_ids", ()),
        service_point_ids=kwargs.get("service_point_ids", ()),
        region_path=kwargs.get("region_path"),
        year=kwargs.get("year"),
    )


def _position(sender, instance, **kwargs) -> None:
    tallies.tallies_mark_stale(
        person_ids=[instance.person_id], service_point_ids=[instance.service_point_id]
    )


def _person(sender, instance, **kwargs) -> None:
    """The person's own record: their social-work major (R4)."""
    tallies.tallies_mark_stale(person_ids=[instance.pk])


def _qualification(sender, instance, **kwargs) -> None:
    tallies.tallies_mark_stale(person_ids=[instance.person_id])


def _service_point(sender, instance, **kwargs) -> None:
    tallies.tallies_mark_stale(service_point_ids=[instance.pk])


def _service_point_deleted(sender, instance, **kwargs) -> None:
    tallies.region_tallies_mark_stale(region_path=instance.region.path)


def _station_record(sender, instance, **kwargs) -> None:
    """Volunteer counts (R2) and supervision assignments (linked experts, R5)."""
    if instance.service_point_id is not None:
        tallies.tallies_mark_stale(service_point_ids=[instance.service_point_id])


def _agency(sender, instance, **kwargs) -> None:
    tallies.tallies_mark_stale(
        service_point_ids=instance.service_points.values_list("pk", flat=True)
    )


def _report(sender, instance, **kwargs) -> None:
    tallies.tallies_mark_stale(
        service_point_ids=[instance.service_point_id], year=instance.month.year
    )


def _rule_or_pack(sender, instance, **kwargs) -> None:
    region = instance.region
    tallies.tallies_mark_stale(region_path=region.path if region else "")


SAVED_OR_DELETED = {
    "directory.Position": _position,
    "credentials.Qualification": _qualification,
    "directory.VolunteerCount": _station_record,
    "supervision.Assignment": _station_record,
    "quotas.MonthlyReport": _report,
    "quotas.PolicyRule": _rule_or_pack,
    "quotas.PolicyPack": _rule_or_pack,
}
SAVED = {
    "directory.Person": _person,
    "directory.ServicePoint": _service_point,
    "directory.Agency": _agency,
}


def connect() -> None:
    """Called once from the app config."""
    facts_changed.connect(_facts_changed, dispatch_uid="tallies-facts-changed")
    for label, receiver in {**SAVED_OR_DELETED, **SAVED}.items():
        post_save.connect(receiver, sender=label, dispatch_uid=f"tallies-{label}-save")
    for label, receiver in SAVED_OR_DELETED.items():
        post_delete.connect(receiver, sender=label, dispatch_uid=f"tallies-{label}-delete")
    post_delete.connect(
        _service_point_deleted,
        sender="directory.ServicePoint",
        dispatch_uid="tallies-directory.ServicePoint-delete",
    )
