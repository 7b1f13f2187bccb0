"""factory_boy factories for the organisation tree, people and accounts."""

import datetime as dt
import itertools

import factory

from accounts.models import RoleGrant, User
from directory.identity import id_check_char
from directory.models import Agency, Person, Position, Region, ServicePoint, University
from quotas.models import PolicyPack

_serial = itertools.count(1)


def make_id_number(*, area: str = "430102", born_on: dt.date = dt.date(1990, 1, 1), male=True):
    """A valid (fictional) 18-character ID number with a correct GB 11643 check digit."""
    sequence = next(_serial)
    gender_digit = 2 * (sequence % 5) + (1 if male else 0)  # odd for men (GB 11643)
    first17 = f"{area}{born_on:%Y%m%d}{sequence // 5 % 100:02d}{gender_digit}"
    return first17 + id_check_char(first17)


def make_mobile() -> str:
    return f"139{next(_serial):08d}"


def region(name: str, code: str, level: str, parent: Region | None = None) -> Region:
    """Create a region node in the tree (treebeard needs add_root/add_child)."""
    node = Region(name=name, code=code, level=level)
    return parent.add_child(instance=node) if parent else Region.add_root(instance=node)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.cn")
    password = factory.PostGenerationMethodCall("set_password", "pass-1234")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"社工服务中心{n}")
    credit_code = factory.Sequence(lambda n: f"52430100MJ{n:08d}")
    rating = "3A"


class UniversityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = University

    name = factory.Sequence(lambda n: f"大学{n}")


class ServicePointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServicePoint

    code = factory.Sequence(lambda n: f"SP{n:06d}")
    name = factory.Sequence(lambda n: f"社工站{n}")
    kind = ServicePoint.Kind.TOWNSHIP_STATION
    star_rating = 3


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"社工{n}")
    gender = "M"
    born_on = dt.date(1990, 1, 1)
    id_number = factory.LazyAttribute(
        lambda p: make_id_number(born_on=p.born_on, male=p.gender == "M")
    )
    mobile = factory.LazyFunction(make_mobile)
    education = Person.Education.BACHELOR
    social_work_major = True


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    role = Position.Role.RESIDENT_WORKER
    full_time = True
    starts_on = dt.date(2022, 3, 1)


class RoleGrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleGrant


class PolicyPackFactory(factory.django.DjangoModelFactory):
    """A pack with no rules, for its region settings (pass the settings and their sources)."""

    class Meta:
        model = PolicyPack

    name = factory.Sequence(lambda n: f"pack-{n}")
    title = factory.Sequence(lambda n: f"测试政策包{n}")
    source_document = "test.txt"
    in_force_from = dt.date(2021, 1, 1)


def linked_supervisor(person: Person, service_point: ServicePoint, *, committee_level: str):
    """A supervisor on the grade ladder, linked to one station from 2024 for three years (R5),
    made through the services."""
    from supervision import services
    from supervision.models import Assignment, SupervisorGrade

    grade, _ = SupervisorGrade.objects.get_or_create(name="中级督导", defaults={"rank": 4})
    profile = services.supervisor_profile_create(
        person=person,
        committee_level=committee_level,
        grade=grade,
        starts_on=dt.date(2020, 1, 1),
        created_by=None,
    )
    services.assignment_create(
        supervisor=profile,
        target=service_point,
        mode=Assignment.Mode.LINKED_EXPERT,
        starts_on=dt.date(2024, 1, 1),
        planned_end_on=dt.date(2026, 12, 31),
        created_by=None,
    )
    return profile
