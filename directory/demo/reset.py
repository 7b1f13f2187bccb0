"""`seed_demo --reset`: empty the directory and remove the demo accounts.

Deletes in an order that PROTECT foreign keys allow: role grants, invitations, positions, people
(and their accounts), the dated records of service points and regions (star ratings, volunteer
counts, coverage, recognitions), service points, agencies, universities, regions. Accounts
that appear in the audit trail are kept (the trail is append-only); seeding again reuses them
by e-mail.
"""

from django.db import transaction

from accounts.models import Invitation, RoleGrant, User
from audit.models import AuditEvent
from directory.models import (
    Agency,
    CountyRecognition,
    Coverage,
    Person,
    Position,
    Region,
    ServicePoint,
    StarRating,
    University,
    VolunteerCount,
)

COUNTED = (Region, Agency, University, ServicePoint, Person, Position, User, RoleGrant)


@transaction.atomic
def demo_delete(*, emails: set[str]) -> dict[str, int]:
    """Delete the directory and the accounts of its people and of `emails`; rows per model."""
    deleted = {}
    for model in (RoleGrant, Invitation, Position):
        deleted[model._meta.label] = model.objects.all().delete()[0]
    user_ids = set(Person.objects.filter(user__isnull=False).values_list("user_id", flat=True))
    user_ids |= set(User.objects.filter(email__in=emails).values_list("pk", flat=True))
    deleted[Person._meta.label] = Person.objects.only("pk").delete()[0]
    audited = AuditEvent.objects.filter(actor__isnull=False).values("actor_id")
    users = User.objects.filter(pk__in=user_ids).exclude(pk__in=audited)
    deleted[User._meta.label] = users.delete()[0]
    for model in (
        StarRating,
        VolunteerCount,
        Coverage,
        CountyRecognition,
        ServicePoint,
        Agency,
        University,
        Region,
    ):
        deleted[model._meta.label] = model.objects.all().delete()[0]
    return deleted


def table_counts() -> dict[str, int]:
    """Rows per table of the directory and accounts."""
    return {model._meta.db_table: model.objects.count() for model in COUNTED}
