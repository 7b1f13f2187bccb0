"""Template filters for units, loaded on every template (TEMPLATES "builtins")."""

from django import template

from core import units

register = template.Library()


@register.filter
def minutes_as_hours(minutes) -> str:
    """Minutes shown as hours, the same on every page and PDF: 75 → "1.3"."""
    return units.hours(int(minutes or 0))
