from django.db import transaction

from audit.services import audit_record
from directory import selectors as directory_selectors
from quotas import packs
from quotas.models import PolicyPack, PolicyRule
from quotas.selectors import rulebook

RULE_DEFAULTS = {
    "training_kind": "",
    "providing_level": "",
    "applies_to_role": "",
    "applies_to_point_kind": "",
    "qualification_level": "",
    "period": "calendar_year",
    "growth_per_year": 0,
    "base_year": None,
    "cap": None,
    "in_force_until": None,
    "source_quote": "",
}


class PackError(Exception):
    pass


@transaction.atomic
def policy_pack_load(*, name: str) -> tuple[PolicyPack, int, int]:
    """Write one pack of quotas/packs.py: (pack, rules created, rules changed). Idempotent."""
    data = packs.PACKS[name]
    region = None
    if data["region"]:
        region = directory_selectors.region_with_code(data["region"])
        if region is None:
            raise PackError(
                f"Region {data['region']} for pack {name} does not exist: seed or import it first."
            )
    pack, _ = PolicyPack.objects.update_or_create(
        name=name,
        defaults={
            "title": data["title"],
            "region": region,
            "source_document": data["source_document"],
            "hours_per_day": data["hours_per_day"],
            "report_due_day": data.get("report_due_day"),
        },
    )
    created = changed = 0
    for rule in data["rules"]:
        values = {**RULE_DEFAULTS, **rule, "region": region}
        code, starts = values.pop("code"), values.pop("in_force_from", packs.SINCE_2021)
        existing = PolicyRule.objects.filter(pack=pack, code=code, in_force_from=starts).first()
        if existing is None:
            PolicyRule.objects.create(pack=pack, code=code, in_force_from=starts, **values)
            created += 1
        elif any(getattr(existing, key) != value for key, value in values.items()):
            PolicyRule.objects.filter(pk=existing.pk).update(**values)
            changed += 1
            rulebook.changed()
    if created or changed:
        audit_record(
            actor=None,
            verb="policy_pack.load",
            target=pack,
            after={"created": created, "changed": changed},
        )
    return pack, created, changed
