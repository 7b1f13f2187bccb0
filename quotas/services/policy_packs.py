from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from audit.services import audit_record
from directory import selectors as directory_selectors
from quotas import clauses, packs, rules
from quotas.models import PolicyPack, PolicyRule

RULE_DEFAULTS = {
    "training_kind": "",
    "providing_level": "",
    "applies_to_role": "",
    "applies_to_point_kind": "",
    "qualification_level": "",
    "applies_to_region_level": "",
    "demonstration_only": False,
    "advisory": False,
    "period": "calendar_year",
    "growth_per_year": 0,
    "base_year": None,
    "cap": None,
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
    "report_covers_current_month": None,
    "report_due_day": None,
    "report_name": "",
    "report_source": "",
    "weekly_status": None,
    "weekly_status_source": "",
    "quarterly_meeting": None,
    "quarterly_meeting_source": "",
    "service_list": None,
    "service_list_source": "",
    "negative_list": None,
    "negative_list_source": "",
}


class PackError(Exception):
    pass


def _document(data: dict) -> str | None:
    """The pack's document text when the documents folder holds it (development and CI)."""
    if data.get("national"):
        return None
    path = Path(settings.POLICY_SEEDS_DIR) / data["source_document"]
    return path.read_text(encoding="utf-8") if path.is_file() else None


def _checked(rule: PolicyRule, document: str | None) -> PolicyRule:
    """Refuse a rule its document does not support: a clause or quote not found in it, a
    period outside the document's, growth without an end, an overlap (PolicyRule.clean)."""
    if document is not None:
        problem = clauses.citation_problem(
            document=document, clause=rule.source_clause, quote=rule.source_quote
        )
        if problem:
            raise PackError(f"{rule.pack.title}（{rule.code}）：{problem}")
    try:
        rule.full_clean()
    except ValidationError as error:
        messages = "；".join(message for text in error.message_dict.values() for message in text)
        raise PackError(f"{rule.pack.title}（{rule.code}）：{messages}") from error
    return rule


@transaction.atomic
def policy_pack_load(*, name: str) -> tuple[PolicyPack, int, int]:
    """Write one pack of quotas/packs.py: (pack, rules created, rules changed). Idempotent.
    Rules are in force for the document's period unless the data says otherwise."""
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
    for key in ("service_list", "negative_list"):
        items = region_settings[key]
        if items is not None and not rules.list_items_are_valid(items):
            raise PackError(f"Pack {name}: {key} {items} is not a list of distinct items.")
    pack, _ = PolicyPack.objects.update_or_create(
        name=name,
        defaults={
            "title": data["title"],
            "region": region,
            "source_document": data["source_document"],
            "in_force_from": data["in_force_from"],
            "in_force_until": data.get("in_force_until"),
            "is_draft": data.get("is_draft", False),
            "hours_per_day": data.get("hours_per_day"),
            **region_settings,
        },
    )
    document = _document(data)
    created = changed = 0
    for rule in data["rules"]:
        values = {
            **RULE_DEFAULTS,
            "in_force_until": pack.in_force_until,
            **rule,
            "region": region,
        }
        code, starts = values.pop("code"), values.pop("in_force_from", pack.in_force_from)
        existing = PolicyRule.objects.filter(pack=pack, code=code, in_force_from=starts).first()
        if existing is None:
            new = PolicyRule(pack=pack, code=code, in_force_from=starts, **values)
            _checked(new, document).save()
            created += 1
        elif any(getattr(existing, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(existing, key, value)
            _checked(existing, document).save()
            changed += 1
    if created or changed:
        audit_record(
            actor=None,
            verb="policy_pack.load",
            target=pack,
            after={"created": created, "changed": changed},
        )
    return pack, created, changed
