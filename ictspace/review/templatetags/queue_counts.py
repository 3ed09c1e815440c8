"""`{{ n|capped }}`: a waiting count as the queues read it, which stops past CAP."""

from django import template
from django.utils.formats import number_format

from ictspace.review import selectors

register = template.Library()


@register.filter
def capped(n) -> str:
    """ "1,000+" (in the page's number format) past CAP; the count itself below it."""
    if isinstance(n, int) and n > selectors.CAP:
        return f"{number_format(selectors.CAP, force_grouping=True)}+"
    return n
