"""Competitions' part of `manage.py seed_demo` (R14): one competition of each kind at another
phase, demo logins that work for the organiser, the author and the judge, idempotent."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from competitions import demo_seed, selectors
from competitions.models import Assignment, Attempt, Competition, Objection, Result
from credentials.models import Certificate

pytestmark = pytest.mark.django_db


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_each_kind_at_its_phase_and_the_demo_logins_work(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    output = seed()
    now = timezone.now()
    offices = Competition.objects.filter(organiser_region__isnull=False)
    phases = {c.kind: str(selectors.phase_of(competition=c, now=now)) for c in offices}
    assert phases == {"case": "review", "essay": "notice", "video": "final", "quiz": "submission"}
    case = offices.get(kind="case")
    assert Assignment.objects.filter(entry__competition=case, submitted_at__isnull=False).exists()
    assert Objection.objects.get().answered_at is not None
    video = Competition.objects.get(kind="video")
    first = Result.objects.filter(entry__competition=video).order_by("rank").first()
    assert first.entry.author.user.email == demo_seed.AUTHOR
    assert Certificate.objects.filter(subject=f"competition-entry:{first.entry_id}").exists()
    assert Attempt.objects.filter(finished_at__isnull=False).count() == 3
    assert "Demo competitions (R14)" in output and f"/verify/{first.certificate.code}/" in output
    local = Competition.objects.get(organiser_service_point__isnull=False)
    assert str(selectors.phase_of(competition=local, now=now)) == "submission"
    assert local.entries.count() == 1 and f"/competitions/manage/{local.pk}/" in output

    client.force_login(User.objects.get(email=demo_seed.JUDGE))
    queue = client.get(reverse("competitions:judge_queue"))
    assert queue.status_code == 200
    assert queue.content.decode().count("/competitions/judge/") >= 3
    quiz = Competition.objects.get(kind="quiz")
    client.force_login(User.objects.get(email=demo_seed.AUTHOR))
    assert client.post(reverse("competitions:quiz_start", args=[quiz.pk])).status_code == 302
    client.force_login(User.objects.get(email=demo_seed.ORGANISER))
    response = client.get(reverse("competitions:export_scores", args=[case.pk]))
    assert response.status_code == 200
    client.force_login(User.objects.get(email=demo_seed.STATION_HEAD))
    page = client.get(reverse("competitions:organiser_list")).content.decode()
    assert local.title in page and case.title not in page
    client.force_login(User.objects.get(email=demo_seed.AUTHOR))
    response = client.post(
        reverse("competitions:entry_new", args=[local.pk]), {"title": "社区支持个案"}
    )
    assert response.status_code == 302 and local.entries.count() == 2

    counts = (Competition.objects.count(), Assignment.objects.count(), Result.objects.count())
    seed()
    assert (Competition.objects.count(), Assignment.objects.count(), Result.objects.count()) == (
        counts
    )
    demo_seed.reset()
    assert not Competition.objects.exists()
