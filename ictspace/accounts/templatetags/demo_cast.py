"""The demonstration accounts, for the sign-in page of a demonstration instance."""

from django import template
from django.conf import settings

from ictspace.accounts.demo import CAST, DEMO_PASSWORD
from ictspace.accounts.models import Role
from ictspace.directory.models import Jurisdiction

register = template.Library()


@register.simple_tag
def demo_accounts() -> list[dict]:
    """Each demo account's e-mail and role (with its country or agency); none in production."""
    if not settings.DEMO:
        return []
    codes = [iso for *_rest, iso, _org in CAST if iso]
    names = dict(Jurisdiction.objects.filter(code__in=codes).values_list("code", "name"))
    return [
        {"email": email, "role": Role(role).label, "scope": names.get(iso, iso) or org or ""}
        for email, _name, role, iso, org in CAST
    ]


@register.simple_tag
def demo_password() -> str:
    """Public on purpose, and only on a demonstration instance."""
    return DEMO_PASSWORD if settings.DEMO else ""
