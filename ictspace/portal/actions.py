"""The portal's one write: when the user last opened their home page."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from ictspace import access
from ictspace.accounts.models import User


@transaction.atomic
def do_note_home_visit(*, acting_user):
    """Store this visit's time and return the previous one (None on a first visit).

    Not audited: like the last sign-in time, it is a reading aid, not a change of record.
    """
    if not access.can_note_home_visit(acting_user):
        raise PermissionDenied
    previous = acting_user.home_seen_at
    acting_user.home_seen_at = timezone.now()
    User.objects.filter(pk=acting_user.pk).update(home_seen_at=acting_user.home_seen_at)
    return previous
