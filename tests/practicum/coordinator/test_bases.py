"""Practice-base agreements without HTTP (R15): expiry, the reminder sent once, field
supervisors named only among the host station's current staff, edits audited."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from outbox.models import OutgoingMail
from practicum.services import bases
from tests import factories
from tests.practicum.coordinator.conftest import TODAY, pdf


def test_r15_an_agreement_past_its_end_is_expired(practicum):
    base = practicum.base
    assert not bases.is_expired(base=base, today=dt.date(2026, 12, 31))
    assert bases.is_expired(base=base, today=dt.date(2027, 1, 1))


def test_r15_expiry_reminder_goes_to_coordinators_and_heads_once(practicum):
    practicum.coordinator.user.email = "zhou@example.com"
    practicum.coordinator.user.save()
    practicum.head_a.user.email = "head-a@example.com"
    practicum.head_a.user.save()
    practicum.head_b.user.email = "head-b@example.com"
    practicum.head_b.user.save()

    assert bases.practice_bases_remind_expiring(today=dt.date(2026, 10, 31)) == 0
    assert bases.practice_bases_remind_expiring(today=dt.date(2026, 11, 1)) == 1
    assert bases.practice_bases_remind_expiring(today=dt.date(2026, 11, 2)) == 0

    recipients = set(OutgoingMail.objects.values_list("to", flat=True))
    assert recipients == {"zhou@example.com", "head-a@example.com"}
    practicum.base.refresh_from_db()
    assert practicum.base.expiry_reminder_sent_on == dt.date(2026, 11, 1)


def test_an_expired_agreement_is_not_reminded(practicum):
    assert bases.practice_bases_remind_expiring(today=dt.date(2027, 1, 5)) == 0
    assert not OutgoingMail.objects.exists()


def test_a_new_end_date_rearms_the_reminder(practicum):
    bases.practice_bases_remind_expiring(today=dt.date(2026, 11, 2))
    bases.practice_base_update(
        base=practicum.base,
        changes={"ends_on": dt.date(2027, 12, 31)},
        document=None,
        by=practicum.coordinator.user,
    )
    practicum.base.refresh_from_db()
    assert practicum.base.expiry_reminder_sent_on is None


def test_edits_are_audited_with_before_and_after(practicum):
    bases.practice_base_update(
        base=practicum.base,
        changes={"school": "社会工作学院"},
        document=None,
        by=practicum.coordinator.user,
    )
    event = AuditEvent.objects.get(verb="practice_base.update")
    assert event.before["school"] == "社会学系"
    assert event.after["school"] == "社会工作学院"


def test_an_edit_cannot_cut_a_placement_out_of_the_agreement(practicum):
    with pytest.raises(ValidationError, match="超出"):
        bases.practice_base_update(
            base=practicum.base,
            changes={"ends_on": dt.date(2026, 5, 31)},
            document=None,
            by=practicum.coordinator.user,
        )
    practicum.base.refresh_from_db()
    assert practicum.base.ends_on == dt.date(2026, 12, 31)


def test_create_records_the_agreement(practicum, media):
    base = bases.practice_base_create(
        university=practicum.university,
        host=practicum.tree.station_b,
        kind="research",
        starts_on=dt.date(2026, 3, 1),
        ends_on=dt.date(2028, 2, 28),
        signed_on=None,
        school="",
        document=pdf(),
        by=practicum.coordinator.user,
    )
    assert base.service_point == practicum.tree.station_b
    assert base.document_name == "协议.pdf"
    assert "协议" not in base.document.name
    assert AuditEvent.objects.filter(verb="practice_base.create").exists()


def test_dates_out_of_order_are_refused(practicum):
    with pytest.raises(ValidationError):
        bases.practice_base_create(
            university=practicum.university,
            host=practicum.tree.station_b,
            kind="teaching",
            starts_on=dt.date(2026, 3, 1),
            ends_on=dt.date(2026, 2, 1),
            signed_on=None,
            school="",
            document=None,
            by=practicum.coordinator.user,
        )


def test_field_supervisors_only_among_current_staff(practicum):
    w = practicum
    outsider = factories.PersonFactory(region=w.tree.county_b)
    factories.PositionFactory(person=outsider, service_point=w.tree.station_b)
    with pytest.raises(ValidationError, match="现任人员"):
        bases.field_supervisors_set(
            base=w.base, people=[w.field_supervisor, outsider], by=w.head_a.user, today=TODAY
        )
    bases.field_supervisors_set(
        base=w.base, people=[w.field_supervisor, w.worker], by=w.head_a.user, today=TODAY
    )
    assert set(w.base.field_supervisors.all()) == {w.field_supervisor, w.worker}


def test_a_supervisor_of_a_placement_stays_named(practicum):
    w = practicum
    with pytest.raises(ValidationError, match="不能移除"):
        bases.field_supervisors_set(base=w.base, people=[w.worker], by=w.head_a.user, today=TODAY)
    assert set(w.base.field_supervisors.all()) == {w.field_supervisor}
