"""STIX downloads and TAXII pages: a pinned number of queries that does not grow with posts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ictspace.accounts.models import Role
from ictspace.conftest import make_user
from ictspace.directory.models import Organisation
from ictspace.sharing.taxii.collections import COLLECTIONS
from ictspace.sharing.tests.factories import (
    AlertFactory,
    IncidentFactory,
    ObservableFactory,
    RequestFactory,
)
from ictspace.tokens.actions import do_create_token

ALL_POSTS = COLLECTIONS[0].id


def _posts(count: int) -> None:
    """Incidents with observables, alerts and requests: every branch of the conversion."""
    ctu = Organisation.objects.get(code="CTU")
    for n in range(count):
        incident = IncidentFactory(organisation=ctu if n % 2 else None)
        for k in range(2):
            ObservableFactory(post=incident, type="ipv4", value=f"203.0.113.{n * 2 + k}")
        AlertFactory()
        RequestFactory(audience="committee")


def _count(client, url, headers) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, headers=headers).status_code == 200
    return len(queries)


PINNED = {
    # session, user, MFA check, grants, posts, observables; the audit entry in a savepoint
    "stix:export_list": (lambda: reverse("stix:export_list"), 9),
    # token, its last use, the rate (6 on the database cache: read, then write the
    # history), grants, posts, observables
    "taxii:objects": (lambda: reverse("taxii:objects", args=[ALL_POSTS]), 11),
    "taxii:manifest": (lambda: reverse("taxii:manifest", args=[ALL_POSTS]), 11),
}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_queries_do_not_grow_with_the_posts(name, directory, client):
    reader = make_user(Role.SECRETARIAT, email="secretariat.queries@test.example")
    headers = {}
    if name.startswith("taxii:"):
        secret = do_create_token(name="q", scope="read", acting_user=reader)[1]
        headers["Authorization"] = f"Bearer {secret}"
    else:
        client.force_login(reader)
    build, pinned = PINNED[name]
    _posts(1)
    small = _count(client, build(), headers)
    _posts(6)
    large = _count(client, build(), headers)
    assert small == large == pinned
