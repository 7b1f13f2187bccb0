"""Helpers for the coordinator's tests: the shared practicum world plus a few fixtures."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from practicum.models import Application

TODAY = dt.date(2026, 2, 1)


def pdf(name="协议.pdf", content=b"%PDF-1.4\n% agreement\n"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def accept(world, student, placement=None):
    return Application.objects.create(
        placement=placement or world.placement,
        student=student,
        statement="我希望参与社区养老服务。",
        state=Application.State.ACCEPTED,
        station_decision=Application.Decision.ACCEPTED,
        coordinator_decision=Application.Decision.ACCEPTED,
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
