"""Every URL of the project × every role × own/other jurisdiction.

A URL pattern that is not listed here fails `test_every_url_is_in_the_matrix`, so each
new page must state who may see it before it can land.
"""

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from ictspace.accounts.models import Role
from ictspace.audit.models import AuditEntry
from ictspace.conftest import CAST_ROLES, OTHER, OWN
from ictspace.directory.models import Jurisdiction
from ictspace.tests.factories import NcpocAppointmentFactory

ALL = set(CAST_ROLES)
SIGNED_IN = ALL - {"anonymous"}
IWP = "single-ict-space-iwp-2017"


def only(*roles):
    return set(roles)


# name → (kwargs builder(scope, objects), roles answered 200, what the others get)
# scope is the ISO code of the NCPOC's own jurisdiction or of another one.
MATRIX = {
    "portal:home": (lambda s, o: {}, ALL, None),
    "portal:jurisdiction": (lambda s, o: {"code": s}, ALL, None),
    "directory:organisations": (lambda s, o: {}, ALL, None),
    "directory:organisation": (lambda s, o: {"code": "CTU"}, ALL, None),
    "directory:bodies": (lambda s, o: {}, ALL, None),
    "directory:body": (lambda s, o: {"code": f"CSIRT-{s}"}, ALL, None),
    "directory:appointment_end": (
        lambda s, o: {"pk": o["appointments"][s].pk},
        only(Role.SECRETARIAT),
        404,
    ),
    "audit:log": (lambda s, o: {}, only(Role.AUDITOR, Role.SECRETARIAT), 404),
    "healthz": (lambda s, o: {}, ALL, None),
    "catalogue:libraries": (lambda s, o: {}, SIGNED_IN, None),
    "catalogue:library": (lambda s, o: {"slug": IWP}, SIGNED_IN, None),
    "catalogue:item": (lambda s, o: {"slug": IWP, "ref": "3.1.4"}, SIGNED_IN, None),
    "catalogue:export": (lambda s, o: {"slug": IWP, "fmt": "json"}, SIGNED_IN, None),
}

# django-allauth's own account and MFA pages. Their behaviour is allauth's; the matrix
# checks that each answers every role without a server error and that none of them is
# one of ours in disguise.
ALLAUTH_PREFIXES = ("account_", "mfa_")


def _patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def _is_allauth(name: str) -> bool:
    return name.startswith(ALLAUTH_PREFIXES)


def test_every_url_is_in_the_matrix():
    names = {name for name, _ in _patterns()}
    unlisted = sorted(n for n in names if n not in MATRIX and not _is_allauth(n))
    assert unlisted == [], f"add these URLs to the permission matrix: {unlisted}"
    stale = sorted(set(MATRIX) - names)
    assert stale == [], f"the matrix lists URLs that no longer exist: {stale}"


def test_every_url_has_a_name():
    unnamed = [
        str(p.pattern)
        for p in get_resolver().url_patterns
        if isinstance(p, URLPattern) and not p.name
    ]
    assert unnamed == []


@pytest.fixture
def objects(loaded_libraries):
    appointments = {
        code: NcpocAppointmentFactory(jurisdiction=Jurisdiction.objects.get(code=code))
        for code in (OWN, OTHER)
    }
    return {"appointments": appointments}


@pytest.mark.parametrize("scope", [OWN, OTHER])
@pytest.mark.parametrize("role", CAST_ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_matrix(name, role, scope, cast, objects, client_for):
    build, allowed, refused = MATRIX[name]
    url = reverse(name, kwargs=build(scope, objects))
    response = client_for(cast[role]).get(url)
    if role in allowed:
        assert response.status_code == 200, f"{role} should see {url}"
    elif role == "anonymous":
        assert response.status_code == 302, f"anonymous should be sent to sign in from {url}"
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == refused, f"{role} must get {refused} from {url}"


@pytest.mark.parametrize("role", CAST_ROLES)
def test_allauth_pages_answer_every_role(role, cast, client_for):
    client = client_for(cast[role])
    for name, _pattern in _patterns():
        if not _is_allauth(name):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:  # needs an object's key; reached only through its own flow
            continue
        response = client.get(url)
        assert response.status_code < 500, f"{name} answered {response.status_code} to {role}"


# Writes: name → (kwargs builder, form data builder, roles whose write succeeds (302))
WRITES = {
    "directory:body": (
        lambda s, o: {"code": "RCC"},
        lambda s: {"full_name": "New Person", "role": "member", "start": "2025-01-01"},
        only(Role.SECRETARIAT),
    ),
    "directory:appointment_end": (
        lambda s, o: {"pk": o["appointments"][s].pk},
        lambda s: {"end": "2025-06-30"},
        only(Role.SECRETARIAT),
    ),
}


@pytest.mark.parametrize("scope", [OWN, OTHER])
@pytest.mark.parametrize("role", CAST_ROLES)
@pytest.mark.parametrize("name", sorted(WRITES))
def test_write_matrix(name, role, scope, cast, objects, client_for):
    build, data, allowed = WRITES[name]
    url = reverse(name, kwargs=build(scope, objects))
    before = AuditEntry.objects.count()
    response = client_for(cast[role]).post(url, data(scope))
    if role in allowed:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert AuditEntry.objects.count() > before
    else:
        assert (
            response.status_code in (302, 404)
            if role == "anonymous"
            else response.status_code == 404
        )
        assert AuditEntry.objects.count() == before
