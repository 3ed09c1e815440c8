"""Audit actions in words on any page (a built-in: no {% load %})."""

from django import template

from ictspace.audit import wording

register = template.Library()


@register.filter
def action_words(entry) -> str:
    """{{ entry|action_words }} → "validated a status update"."""
    return wording.describe(entry.action, entry.object_type)
