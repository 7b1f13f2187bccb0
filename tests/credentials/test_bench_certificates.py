"""`manage.py bench_certificates`: one line of figures for single certificates and one for the
batch, and nothing left behind (no row, no file)."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from credentials.models import Certificate, CertificateBatch


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_prints_the_single_and_batch_figures_and_keeps_nothing(media, tree, wang_fang):
    out = StringIO()
    call_command("bench_certificates", "--single", "1", "--count", "1", stdout=out)
    single, batch = (json.loads(line) for line in out.getvalue().splitlines())
    assert single["figure"] == "single" and single["certificates"] == 1
    assert single["median_ms"] > 0
    assert batch["figure"] == "batch" and batch["issued"] == batch["people"] == 1
    assert batch["region"] == "430000 湖南省"
    assert not Certificate.objects.exists()
    assert not CertificateBatch.objects.exists()
    assert not [path for path in media.rglob("*") if path.is_file()]


def test_says_what_to_do_when_nobody_is_placed(media, tree):
    with pytest.raises(CommandError, match="seed_demo"):
        call_command("bench_certificates", stdout=StringIO())
