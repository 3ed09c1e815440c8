import pytest
from django.core.exceptions import ValidationError

from ictspace import access
from ictspace.accounts.actions import do_grant_role
from ictspace.accounts.models import RoleGrant
from ictspace.audit.models import AuditEntry
from ictspace.conftest import make_user
from ictspace.directory.models import Jurisdiction

pytestmark = pytest.mark.django_db


def test_a_role_without_its_scope_is_refused_and_nothing_is_saved(directory):
    user = make_user(None, email="new@x.example")
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match="needs a jurisdiction"):
        do_grant_role(user, role="ncpoc", acting_user=access.SYSTEM)
    assert not RoleGrant.objects.filter(user=user).exists()
    assert AuditEntry.objects.count() == before


def test_granting_twice_records_once(directory):
    user = make_user(None, email="twice@x.example")
    bb = Jurisdiction.objects.get(code="BB")
    first = do_grant_role(user, role="ncpoc", jurisdiction=bb, acting_user=access.SYSTEM)
    second = do_grant_role(user, role="ncpoc", jurisdiction=bb, acting_user=access.SYSTEM)
    assert first.pk == second.pk
    assert AuditEntry.objects.filter(action="grant_role").count() == 1
