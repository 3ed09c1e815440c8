"""Writes: the interface language an account keeps."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ictspace import access
from ictspace.audit.log import diff, record


@transaction.atomic
def do_choose_language(*, language: str, acting_user) -> bool:
    """Keep `language` as the acting user's interface language; True if it changed."""
    if not access.can_choose_language(acting_user):
        raise PermissionDenied
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("This language is not offered."))
    old = acting_user.language
    if old == language:
        return False
    acting_user.language = language
    acting_user.save(update_fields=["language"])
    record(
        actor=acting_user,
        action="choose_language",
        obj=acting_user,
        changes=diff({"language": old}, {"language": language}),
    )
    return True
