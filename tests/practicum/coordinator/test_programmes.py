"""Programmes and evaluation forms without HTTP (R15)."""

import pytest
from django.core.exceptions import ValidationError

from practicum.models import EvaluationForm, Programme
from practicum.services import programmes


def test_required_hours_must_be_positive(practicum):
    with pytest.raises(ValidationError):
        programmes.programme_create(
            university=practicum.university,
            data={"name": "MSW", "degree": "msw", "required_hours": 0},
            evaluation_forms=[],
            by=practicum.coordinator.user,
        )
    assert not Programme.objects.filter(name="MSW").exists()


def test_a_form_of_another_university_cannot_be_used(practicum):
    other = EvaluationForm.objects.create(
        university=practicum.other_university, name="外校表", criteria=[]
    )
    with pytest.raises(ValidationError, match="本校"):
        programmes.programme_update(
            programme=practicum.programme,
            data={"name": "社会工作", "degree": "bsw", "required_hours": 800},
            evaluation_forms=[other],
            by=practicum.coordinator.user,
        )


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        ([], "至少"),
        ([{"name": "态度", "max_score": 0}], "1 到 100"),
        ([{"name": "态度", "max_score": 101}], "1 到 100"),
        ([{"name": "态度", "max_score": 10}, {"name": "态度", "max_score": 10}], "重复"),
    ],
)
def test_criteria_are_checked(practicum, criteria, message):
    with pytest.raises(ValidationError, match=message):
        programmes.evaluation_form_create(
            university=practicum.university,
            name="新表",
            criteria=criteria,
            by=practicum.coordinator.user,
        )
    assert not EvaluationForm.objects.filter(name="新表").exists()


def test_a_form_is_updated(practicum):
    programmes.evaluation_form_update(
        form=practicum.form,
        name="实习评价表",
        criteria=[{"name": "反思能力", "max_score": 20}],
        by=practicum.coordinator.user,
    )
    practicum.form.refresh_from_db()
    assert practicum.form.criteria == [{"name": "反思能力", "max_score": 20}]
