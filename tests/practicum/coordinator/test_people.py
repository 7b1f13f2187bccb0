"""Tutors and students added by the coordinator, without HTTP (R15)."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Invitation
from accounts.roles import Role
from directory.models import Person
from practicum.models import Student
from practicum.services import students
from tests import factories


def _student(world, id_number, **overrides):
    args = {
        "programme": world.programme,
        "name": "新学生",
        "id_number": id_number,
        "education": Person.Education.BACHELOR,
        "email": "new@example.com",
        "student_number": "2024100",
        "cohort": "2024级",
        "tutor": world.tutor,
        "by": world.coordinator.user,
    }
    return students.student_create(**(args | overrides))


def test_a_student_is_a_person_a_student_and_an_invitation(practicum):
    student = _student(practicum, factories.make_id_number())
    assert student.person.region == practicum.university.region
    invitation = Invitation.objects.get(email="new@example.com")
    assert (invitation.role, invitation.university) == (
        Role.PRACTICUM_STUDENT,
        practicum.university,
    )
    assert invitation.person == student.person


def test_a_tutor_is_invited_with_the_tutor_role(practicum):
    person = students.tutor_create(
        university=practicum.university,
        name="新导师",
        id_number=factories.make_id_number(),
        mobile="",
        education=Person.Education.DOCTORATE,
        email="tutor@example.com",
        by=practicum.coordinator.user,
    )
    invitation = Invitation.objects.get(email="tutor@example.com")
    assert (invitation.role, invitation.person) == (Role.PRACTICUM_TUTOR, person)


def test_an_id_number_held_outside_the_university_cannot_be_used(practicum):
    stranger = factories.PersonFactory(region=practicum.tree.county_b)
    with pytest.raises(ValidationError) as refused:
        _student(practicum, stranger.id_number)
    assert "该身份证号无法使用" in str(refused.value)
    assert stranger.name not in str(refused.value)
    assert not Invitation.objects.exists()
    assert not Student.objects.filter(person=stranger).exists()


def test_another_universitys_student_cannot_be_used_either(practicum):
    with pytest.raises(ValidationError, match="该身份证号无法使用"):
        _student(practicum, practicum.other_student.person.id_number, name="冯学生")


def test_the_universitys_own_tutor_is_reused_as_a_student(practicum):
    w = practicum
    student = _student(w, w.tutor.id_number, name="孙导师", tutor=None)
    assert student.person == w.tutor


def test_a_tutor_of_another_university_is_refused(practicum):
    with pytest.raises(ValidationError, match="校内导师"):
        _student(practicum, factories.make_id_number(), tutor=practicum.other_tutor)
    assert not Person.objects.filter(name="新学生").exists()


def test_a_student_number_twice_in_a_programme_is_refused(practicum):
    with pytest.raises(ValidationError):
        _student(practicum, factories.make_id_number(), student_number="2023001")
    assert not Person.objects.filter(name="新学生").exists()
