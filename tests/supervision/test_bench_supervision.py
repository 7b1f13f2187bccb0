"""`manage.py bench_supervision`: a timed line for each figure on the data at hand."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.supervision.conftest import at, log


def test_prints_a_timed_line_for_each_figure(tree, li_qiang_profile, wang_fang, liu_yang):
    year = timezone.localdate().year
    log(tree, li_qiang_profile, [(wang_fang, 120), (liu_yang, 90)], when=at(year, 1, 10))
    out = StringIO()
    call_command("bench_supervision", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "sessions 1, supervisee rows 2"
    labels = [line.split(": ")[0] for line in lines[1:]]
    assert labels == [
        f"station archive PDF (定王台街道社工站, {year}, 1 sessions)",
        f"station archive Excel (定王台街道社工站, {year})",
        "portfolio PDF (李强, 1 sessions)",
        "minutes_received (one worker, one year)",
        "station_minutes (one station, one year)",
        "minutes_given (one supervisor, one year)",
        "stations x months grid (芙蓉区, 1 points)",
        "stations x months grid (湖南省, whole province)",
        "supervisor load R24 (superuser, whole country)",
    ]
    assert all(" ms, this process's CPU " in line for line in lines[1:])


def test_says_what_to_do_without_sessions(tree):
    with pytest.raises(CommandError, match="seed_demo"):
        call_command("bench_supervision", stdout=StringIO())
