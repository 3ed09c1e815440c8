"""Every TAXII URL × every role × own/other jurisdiction, with the role's own token.

Built like ictspace/tests/test_permission_matrix.py (which leaves `taxii:` URLs to this
file): a TAXII URL missing here fails `test_every_taxii_url_is_in_the_matrix`.
"""

import pytest
from django.urls import reverse

from ictspace.accounts.models import Role
from ictspace.audit.models import AuditEntry
from ictspace.conftest import CAST_ROLES, OTHER, OWN
from ictspace.sharing.stix.convert import objects_of
from ictspace.sharing.taxii.collections import COLLECTIONS
from ictspace.tests.objects import committed_world
from ictspace.tests.test_permission_matrix import SIGNED_IN, _allowed, _patterns, own_scope
from ictspace.tokens.actions import do_create_token

ALL_POSTS = COLLECTIONS[0].id


def _incident_id(s, o) -> str:
    return next(x["id"] for x in objects_of(o["stix_post"][s]) if x["type"] == "incident")


def _one(s, o) -> dict:
    return {"collection_id": ALL_POSTS, "object_id": _incident_id(s, o)}


# name → (kwargs builder(scope, objects), roles answered 200, whether the scope's post is
# among the objects returned to those roles). Everyone else with a token gets 404;
# without a token, 401.
MATRIX = {
    "taxii:discovery": (lambda s, o: {}, SIGNED_IN, False),
    "taxii:api_root": (lambda s, o: {}, SIGNED_IN, False),
    "taxii:collections": (lambda s, o: {}, SIGNED_IN, False),
    "taxii:collection": (lambda s, o: {"collection_id": ALL_POSTS}, SIGNED_IN, False),
    "taxii:objects": (lambda s, o: {"collection_id": ALL_POSTS}, SIGNED_IN, True),
    "taxii:manifest": (lambda s, o: {"collection_id": ALL_POSTS}, SIGNED_IN, True),
    "taxii:object": (_one, own_scope(Role.NCPOC), True),
    "taxii:versions": (_one, own_scope(Role.NCPOC), False),
}


def test_every_taxii_url_is_in_the_matrix():
    names = {name for name, _ in _patterns() if name.startswith("taxii:")}
    assert sorted(names - set(MATRIX)) == [], "add these TAXII URLs to the TAXII matrix"
    assert sorted(set(MATRIX) - names) == [], "the TAXII matrix lists URLs that no longer exist"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with committed_world(django_db_blocker, tmp_path_factory.mktemp("media")) as built:
        yield built


def _returned_ids(response) -> set[str]:
    return {o["id"] for o in response.json().get("objects", [])}


@pytest.mark.parametrize("scope", [OWN, OTHER])
@pytest.mark.parametrize("role", CAST_ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_taxii_matrix(name, role, scope, db, world, client):
    cast, objects = world
    build, allowed, holds_post = MATRIX[name]
    user, headers = cast[role], {}
    if user is not None:
        secret = do_create_token(name="taxii", scope="read", acting_user=user)[1]
        headers["Authorization"] = f"Bearer {secret}"
    url = reverse(name, kwargs=build(scope, objects))
    before = AuditEntry.objects.count()
    response = client.get(url, headers=headers)
    assert response["Content-Type"] == "application/taxii+json;version=2.1"
    assert AuditEntry.objects.count() == before
    if user is None:
        assert response.status_code == 401
        return
    if role not in _allowed(allowed, scope):
        assert response.status_code == 404, f"{role} must get 404 from {url}"
        return
    assert response.status_code == 200, f"{role} should read {url}"
    if holds_post:
        reads_post = role in own_scope(Role.NCPOC)(scope)
        assert (_incident_id(scope, objects) in _returned_ids(response)) == reads_post
