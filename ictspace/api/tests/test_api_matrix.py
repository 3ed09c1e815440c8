"""Every API operation × every role × own/other jurisdiction, through HTTP with a token.

Built like ictspace/tests/test_permission_matrix.py: an `api:` URL missing here fails
`test_every_api_url_is_in_the_matrix`. A refusal is a 404 problem document, exactly like
a missing object; an anonymous write is asked to authenticate (401).
"""

import pytest
from django.urls import reverse

from ictspace.accounts.models import Role
from ictspace.audit.models import AuditEntry
from ictspace.conftest import CAST_ROLES, OTHER, OWN
from ictspace.tests.objects import CORE, IWP, committed_world
from ictspace.tests.test_permission_matrix import (
    ALL,
    REVIEWERS,
    SIGNED_IN,
    _allowed,
    _name,
    _patterns,
    own_scope,
    per_scope,
)
from ictspace.tokens.actions import do_create_token

GET, POST, PATCH = "get", "post", "patch"


def _uploaded(s):
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = f"library,jurisdiction,indicator,period,value\n{CORE},{s},ind-internet,2019,50\n"
    return {"jurisdiction": s, "file": SimpleUploadedFile("v.csv", body.encode())}


# name[#variant] → (kwargs(scope, objects), method, body(scope) or None, roles answered OK,
# the OK status, what the others get).
MATRIX = {
    "api:schema": (lambda s, o: {}, GET, None, ALL, 200, None),
    "api:docs": (lambda s, o: {}, GET, None, ALL, 200, None),
    "api:jurisdictions": (lambda s, o: {}, GET, None, ALL, 200, None),
    "api:jurisdiction": (lambda s, o: {"code": s}, GET, None, ALL, 200, None),
    "api:statuses_as_of": (lambda s, o: {"code": s, "slug": IWP}, GET, None, SIGNED_IN, 200, 404),
    "api:gaps": (lambda s, o: {"code": s, "slug": IWP}, GET, None, SIGNED_IN, 200, 404),
    "api:organisations": (lambda s, o: {}, GET, None, ALL, 200, None),
    "api:bodies": (lambda s, o: {}, GET, None, ALL, 200, None),
    "api:appointments": (lambda s, o: {}, GET, None, ALL, 200, None),
    "api:libraries": (lambda s, o: {}, GET, None, ALL, 200, None),
    "api:library": (lambda s, o: {"slug": IWP}, GET, None, SIGNED_IN, 200, 404),
    "api:items": (lambda s, o: {"slug": IWP}, GET, None, SIGNED_IN, 200, 404),
    "api:item": (lambda s, o: {"slug": IWP, "ref": "3.1.4"}, GET, None, SIGNED_IN, 200, 404),
    "api:indicators": (lambda s, o: {}, GET, None, ALL, 200, None),
    "api:status_updates": (lambda s, o: {}, GET, None, ALL, 200, None),
    "api:status_updates#create": (
        lambda s, o: {},
        POST,
        lambda s: {
            "jurisdiction": s,
            "library": IWP,
            "item": "3.1.4",
            "status": "completed",
            "effective_date": "2024-06-01",
        },
        own_scope(Role.NCPOC),
        201,
        404,
    ),
    "api:status_update#draft": (
        lambda s, o: {"pk": o["draft"][s].pk},
        GET,
        None,
        per_scope({Role.NCPOC, Role.SECRETARIAT}, {Role.SECRETARIAT}),
        200,
        404,
    ),
    "api:status_update#submitted": (
        lambda s, o: {"pk": o["submitted"][s].pk},
        GET,
        None,
        per_scope({Role.NCPOC, *REVIEWERS}, REVIEWERS),
        200,
        404,
    ),
    "api:status_update#validated": (
        lambda s, o: {"pk": o["validated"][s].pk},
        GET,
        None,
        SIGNED_IN,
        200,
        404,
    ),
    "api:status_update#edit": (
        lambda s, o: {"pk": o["draft"][s].pk},
        PATCH,
        lambda s: {"version": 1, "status": "completed"},
        own_scope(Role.NCPOC),
        200,
        404,
    ),
    "api:status_update_submit": (
        lambda s, o: {"pk": o["draft"][s].pk},
        POST,
        lambda s: {},
        own_scope(Role.NCPOC),
        200,
        404,
    ),
    "api:status_update_review": (
        lambda s, o: {"pk": o["submitted"][s].pk},
        POST,
        lambda s: {"decision": "validate"},
        REVIEWERS,
        200,
        404,
    ),
    "api:status_update_evidence": (
        lambda s, o: {"pk": o["validated"][s].pk},
        GET,
        None,
        SIGNED_IN,
        200,
        404,
    ),
    "api:status_update_evidence#draft": (
        lambda s, o: {"pk": o["draft"][s].pk},
        GET,
        None,
        per_scope({Role.NCPOC, Role.SECRETARIAT}, {Role.SECRETARIAT}),
        200,
        404,
    ),
    "api:status_update_evidence#add": (
        lambda s, o: {"pk": o["draft"][s].pk},
        POST,
        lambda s: {
            "kind": "link",
            "url": "https://www.example.org/ixp-report",
            "title": "IXP launch report",
            "accessed_on": "2024-05-01",
            "citation": "Regulator's annual report 2024",
        },
        own_scope(Role.NCPOC),
        201,
        404,
    ),
    "api:evidence_download": (
        lambda s, o: {"pk": o["evidence"][s].pk},
        GET,
        None,
        SIGNED_IN,
        200,
        404,
    ),
    "api:evidence_download#draft": (
        lambda s, o: {"pk": o["draft_evidence"][s].pk},
        GET,
        None,
        per_scope({Role.NCPOC, Role.SECRETARIAT}, {Role.SECRETARIAT}),
        200,
        404,
    ),
    "api:observations": (lambda s, o: {}, GET, None, ALL, 200, None),
    "api:observations#submit": (
        lambda s, o: {},
        POST,
        lambda s: {
            "jurisdiction": s,
            "library": CORE,
            "indicator": "ind-internet",
            "period": "2023",
            "value": "40",
        },
        own_scope(Role.NCPOC),
        201,
        404,
    ),
    "api:observation_review": (
        lambda s, o: {"pk": o["value_submitted"][s].pk},
        POST,
        lambda s: {"decision": "return", "reason": "Cite the survey."},
        REVIEWERS,
        200,
        404,
    ),
    "api:uploads": (lambda s, o: {}, GET, None, ALL, 200, None),
    "api:uploads#send": (lambda s, o: {}, POST, _uploaded, own_scope(Role.NCPOC), 202, 404),
    "api:upload": (
        lambda s, o: {"pk": o["job"][s].pk},
        GET,
        None,
        per_scope({Role.NCPOC, Role.SECRETARIAT}, {Role.SECRETARIAT}),
        200,
        404,
    ),
    "api:upload_confirm": (
        lambda s, o: {"pk": o["job"][s].pk},
        POST,
        lambda s: {},
        own_scope(Role.NCPOC),
        202,
        404,
    ),
    "api:releases": (lambda s, o: {}, GET, None, ALL, 200, None),
    "api:release": (lambda s, o: {"number": o["release"].number}, GET, None, ALL, 200, None),
    "api:release_statuses": (
        lambda s, o: {"number": o["release"].number},
        GET,
        None,
        ALL,
        200,
        None,
    ),
    "api:release_values": (
        lambda s, o: {"number": o["release"].number},
        GET,
        None,
        ALL,
        200,
        None,
    ),
}


def test_every_api_url_is_in_the_matrix():
    names = {name for name, _ in _patterns() if name.startswith("api:")}
    listed = {_name(k) for k in MATRIX}
    assert sorted(names - listed) == [], "add these API URLs to the API matrix"
    assert sorted(listed - names) == [], "the API matrix lists URLs that no longer exist"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with committed_world(django_db_blocker, tmp_path_factory.mktemp("media")) as built:
        yield built


def call(client, method, url, body, secret):
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    if body is None:
        return getattr(client, method)(url, headers=headers)
    if any(hasattr(v, "read") for v in body.values()):
        return getattr(client, method)(url, body, headers=headers)
    return getattr(client, method)(url, body, content_type="application/json", headers=headers)


@pytest.mark.parametrize("scope", [OWN, OTHER])
@pytest.mark.parametrize("role", CAST_ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_api_matrix(name, role, scope, db, world, client):
    cast, objects = world
    build, method, body, allowed, ok, refused = MATRIX[name]
    user = cast[role]
    secret = None
    if user is not None:
        _token, secret = do_create_token(name="matrix", scope="write", acting_user=user)
    url = reverse(_name(name), kwargs=build(scope, objects))
    before = AuditEntry.objects.count()
    response = call(client, method, url, body(scope) if body else None, secret)
    if role in _allowed(allowed, scope):
        assert response.status_code == ok, f"{role} {method} {url}: {response.content[:500]}"
        return
    if role == "anonymous" and method != GET:
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Bearer")
    else:
        assert response.status_code == refused, f"{role} must get {refused} from {url}"
        assert response["Content-Type"] == "application/problem+json"
    assert AuditEntry.objects.count() == before, "a refused call wrote an audit entry"


def test_a_read_from_another_jurisdiction_answers_like_a_missing_object(db, world, client):
    cast, objects = world
    _token, secret = do_create_token(name="r", scope="read", acting_user=cast[Role.NCPOC])
    hidden = client.get(
        reverse("api:status_update", args=[objects["draft"][OTHER].pk]),
        headers={"Authorization": f"Bearer {secret}"},
    )
    missing = client.get(
        reverse("api:status_update", args=[10**9]), headers={"Authorization": f"Bearer {secret}"}
    )
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
