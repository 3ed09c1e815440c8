"""Codes shown as words (a built-in: no {% load %})."""

from django import template

from ictspace.catalogue import wording

register = template.Library()
register.filter("kind_label", wording.kind_label)
register.filter("words", wording.words)
# {{ library|scale_word:"met" }} → "Completed" for the work plan, "Met" for the CCSCAP.
register.filter("scale_word", wording.scale_word)
# {{ update.item|level_word:update.status }} → "In progress"
register.filter("level_word", wording.level_word)
