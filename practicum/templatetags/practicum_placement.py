"""Formatting helpers for the placement pages; nothing here queries."""

from django import template

register = template.Library()


@register.filter
def progress_for(progress: dict, application):
    """An application's hours progress out of a dict keyed by application id."""
    return progress.get(application.pk)
