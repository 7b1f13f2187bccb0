"""Database constraint names never reach users: each of our constraints says what is wrong."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from core.conflicts import refused_on_conflict
from lms.forms import ExternalTrainingForm
from supervision.models import YearLock


def _own_constraints():
    for model in apps.get_models():
        path = Path(model._meta.app_config.path)
        if path.is_relative_to(settings.BASE_DIR) and "site-packages" not in path.parts:
            for constraint in model._meta.constraints:
                yield pytest.param(constraint, id=f"{model._meta.label}.{constraint.name}")


OWN = list(_own_constraints())


def test_the_project_has_constraints_to_check():
    assert len(OWN) > 40


@pytest.mark.parametrize("constraint", OWN)
def test_every_constraint_has_its_own_chinese_message(constraint):
    message = str(constraint.get_violation_error_message())
    assert constraint.violation_error_message != constraint.default_violation_error_message
    assert constraint.name not in message
    assert any("\u4e00" <= char <= "\u9fff" for char in message)


def test_a_form_shows_the_constraints_message_not_its_name(db):
    form = ExternalTrainingForm(
        {"title": "外训", "organiser": "协会", "kind": "policy", "providing_level": "city",
         "starts_on": "2026-05-02", "ends_on": "2026-05-01"},
        {"evidence": SimpleUploadedFile("a.pdf", b"%PDF-1.4")},
    )  # fmt: skip
    assert not form.is_valid()
    shown = " ".join(str(error) for errors in form.errors.values() for error in errors)
    assert "external_training_ends_after_start" not in shown
    assert "结束日期不能早于开始日期。" in shown


def test_a_row_written_meanwhile_becomes_a_message_and_the_transaction_goes_on(tree):
    lock = {"service_point": tree.station_a, "year": 2025, "closed_at": timezone.now()}
    YearLock.objects.create(**lock)
    with transaction.atomic():
        with pytest.raises(ValidationError, match="已锁定") as refused:
            with refused_on_conflict("该站点的这一年度已锁定。"):
                YearLock.objects.create(**lock)
        assert refused.value.code == "conflict"
        assert YearLock.objects.count() == 1  # the outer transaction is still usable
