from django.db import transaction

from audit.services import audit_record
from directory import selectors as directory_selectors
from quotas import packs, rules
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


# A pack's settings are as its data says: one it no longer holds is cleared on reload.
SETTING_DEFAULTS = {
    "supervisor_term_min_years": None,
    "supervisor_term_max_years": None,
    "supervisor_term_source": "",
    "workers_per_supervisor": None,
    "workers_per_supervisor_source": "",
    "professional_staff_test": None,
    "professional_staff_source": "",
    "rural_relaxation": None,
    "rural_relaxation_source": "",
    "evaluation_rule_points": None,
    "evaluation_report_points": None,
    "evaluation_quality_points": None,
    "evaluation_grades": None,
    "evaluation_source": "",
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
    region_settings = {**SETTING_DEFAULTS, **data.get("settings", {})}
    grades = region_settings["evaluation_grades"]
    if grades is not None and not rules.grades_are_valid(grades):
        raise PackError(f"Pack {name}: evaluation grades {grades} are not bands down to 0.")
    pack, _ = PolicyPack.objects.update_or_create(
        name=name,
        defaults={
            "title": data["title"],
            "region": region,
            "source_document": data["source_document"],
            "hours_per_day": data["hours_per_day"],
            "report_due_day": data.get("report_due_day"),
            **region_settings,
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
