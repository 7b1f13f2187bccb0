import datetime as dt

import pytest

from credentials import services
from credentials.models import Certificate


def sample_snapshot(person) -> dict:
    return {
        "title": "2025 年度学时证明",
        "statement": f"兹证明 {person.name} 于 2025 年度参加培训与督导情况如下。",
        "holder": {"name": person.name, "id_number_masked": person.id_number_masked},
        "period": {"starts_on": "2025-01-01", "ends_on": "2025-12-31"},
        "sections": [
            {
                "heading": "培训学时",
                "columns": ["类别", "提供层级", "学时"],
                "rows": [["继续教育", "县级", "12.0"], ["实务", "市级", "8.5"]],
                "total": "20.5",
            },
            {"heading": "接受督导", "columns": [], "rows": [], "empty": "本期间无督导记录。"},
        ],
    }


@pytest.fixture
def issue(django_capture_on_commit_callbacks):
    def issue_for(person, *, issued_by=None, supersede=None) -> Certificate:
        with django_capture_on_commit_callbacks(execute=True):
            certificate = services.certificate_issue(
                holder=person,
                kind=Certificate.Kind.HOURS,
                starts_on=dt.date(2025, 1, 1),
                ends_on=dt.date(2025, 12, 31),
                snapshot=sample_snapshot(person),
                issued_by=issued_by,
                supersede=supersede,
            )
        certificate.refresh_from_db()
        return certificate

    return issue_for


@pytest.fixture
def certificate(wang_fang, zhang_min, issue, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return issue(wang_fang, issued_by=zhang_min.user)
