"""Reads: the open requests a home page shows, to and from the user's jurisdiction."""

import pytest

from ictspace.accounts.models import Role
from ictspace.directory.models import Jurisdiction
from ictspace.sharing import selectors
from ictspace.sharing.tests.factories import RequestFactory

pytestmark = pytest.mark.django_db


def _j(code):
    return Jurisdiction.objects.get(code=code)


def test_assistance_for_lists_open_requests_to_and_from_the_users_state(cast):
    to_bb = RequestFactory(
        jurisdiction=_j("JM"), addressed_to=_j("BB"), named_jurisdictions=[_j("BB")]
    )
    from_bb = RequestFactory(
        jurisdiction=_j("BB"), addressed_to=_j("TT"), named_jurisdictions=[_j("TT")]
    )
    RequestFactory(
        jurisdiction=_j("BB"), addressed_to=_j("JM"), named_jurisdictions=[_j("JM")],
        request_state="done",
    )  # fmt: skip
    RequestFactory(jurisdiction=_j("JM"), addressed_to=_j("TT"), named_jurisdictions=[_j("TT")])
    assert list(selectors.assistance_for(cast[Role.NCPOC])) == [from_bb, to_bb]


def test_assistance_for_is_empty_without_a_state(cast):
    RequestFactory(jurisdiction=_j("JM"), addressed_to=_j("BB"), audience="committee")
    assert list(selectors.assistance_for(cast[Role.SECRETARIAT])) == []
