"""Every URL of the project × every role × own/other jurisdiction.

A URL pattern that is not listed here fails `test_every_url_is_in_the_matrix`, so each
new page must state who may see it before it can land.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, path, reverse

from ictspace.accounts.models import Role
from ictspace.audit.models import AuditEntry
from ictspace.conftest import CAST_ROLES, OTHER, OWN
from ictspace.directory.models import Jurisdiction
from ictspace.tests.objects import CORE, IWP, committed_world

ALL = set(CAST_ROLES)
SIGNED_IN = ALL - {"anonymous"}


def only(*roles):
    return set(roles)


def own_scope(*roles):
    """Allowed only in the scope of the user's own grant (the object was made there).

    The NCPOC's grant is for OWN; the focal point's is for CTU, and in the OTHER scope
    a `#region` entry uses an item that another organisation leads.
    """
    return lambda scope: set(roles) if scope == OWN else set()


def per_scope(own, other):
    return lambda scope: set(own) if scope == OWN else set(other)


REVIEWERS = only(Role.RCC_CHAIR, Role.SECRETARIAT)
COMMITTEE = SIGNED_IN - {Role.AUDITOR}
RISK_EDITORS = per_scope({Role.SECRETARIAT, Role.FOCAL_POINT}, {Role.SECRETARIAT})
SHARERS = only(Role.NCPOC, Role.FOCAL_POINT, Role.SECRETARIAT, Role.RCC_CHAIR)
# Raising a committee post's label: its author (the NCPOC, in OWN) and the Secretariat.
LABEL_RAISERS = per_scope({Role.NCPOC, Role.SECRETARIAT}, {Role.SECRETARIAT})
INCIDENT_FORM = {
    "title": "Ransomware at the registry",
    "body": "Files encrypted overnight.",
    "label": "amber",
    "audience": "committee",
    "first_seen": "2026-11-20",
    "sector": "government",
    "incident_type": "ransomware",
    "impact": "high",
    "incident_status": "open",
    "observables": "domain locker.example",
}
REPORT_MAKERS = only(Role.SECRETARIAT, Role.RCC_CHAIR, Role.NCPOC)
REPORT_READERS = REPORT_MAKERS | {Role.STEERING, Role.AUDITOR}
REPORT_SEERS = per_scope(REPORT_READERS, REPORT_READERS - {Role.NCPOC})
# A regional activity the focal point's own organisation (CTU) leads, and one it does not.
LED = {OWN: "1.1.1", OTHER: "1.1.2"}


# name[#variant] → (kwargs builder(scope, objects), roles answered OK (a set, or a function
# of the scope), what the others get[, the OK status: 200, or 405 for a POST-only URL]).
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
    # Tracking. Validated history is every signed-in role's; work in progress is its
    # jurisdiction's and the Secretariat's; the chair also sees what waits for review.
    "tracking:matrix": (lambda s, o: {}, SIGNED_IN, None),
    "tracking:matrix_export": (lambda s, o: {"fmt": "csv"}, SIGNED_IN, None),
    "tracking:review_queue": (lambda s, o: {}, REVIEWERS, 404),
    "tracking:my_drafts": (lambda s, o: {}, only(Role.NCPOC, Role.FOCAL_POINT), 404),
    "tracking:dashboard": (lambda s, o: {"code": s, "slug": IWP}, SIGNED_IN, None),
    "tracking:gaps_export": (
        lambda s, o: {"code": s, "slug": IWP, "fmt": "xlsx"},
        SIGNED_IN,
        None,
    ),
    "tracking:item": (lambda s, o: {"slug": IWP, "ref": "3.1.4"}, SIGNED_IN, None),
    "tracking:history": (lambda s, o: {"code": s, "slug": IWP, "ref": "3.1.4"}, SIGNED_IN, None),
    "tracking:workplan": (lambda s, o: {"slug": IWP}, SIGNED_IN, None),
    "tracking:update_new": (
        lambda s, o: {"code": s, "slug": IWP, "ref": "3.1.4"},
        own_scope(Role.NCPOC),
        404,
    ),
    "tracking:update_new#region": (
        lambda s, o: {"code": "CARICOM", "slug": IWP, "ref": LED[s]},
        own_scope(Role.FOCAL_POINT),
        404,
    ),
    # An item outside the jurisdiction's declared scope: the drafter is told why and sent
    # back to the pair's history; everyone else gets the 404 as usual.
    "tracking:update_new#outside": (
        lambda s, o: {"code": s, "slug": "belize-egov-2015", "ref": "th-1.prog-1"},
        own_scope(Role.NCPOC),
        404,
        302,
    ),
    "tracking:update_new#region-national": (  # each state reports 3.1.4, not the region
        lambda s, o: {"code": "CARICOM", "slug": IWP, "ref": "3.1.4"},
        only(Role.FOCAL_POINT),
        404,
        302,
    ),
    "tracking:update#draft": (
        lambda s, o: {"pk": o["draft"][s].pk},
        per_scope({Role.NCPOC, Role.SECRETARIAT}, {Role.SECRETARIAT}),
        404,
    ),
    "tracking:update#submitted": (
        lambda s, o: {"pk": o["submitted"][s].pk},
        per_scope({Role.NCPOC, *REVIEWERS}, REVIEWERS),
        404,
    ),
    "tracking:update#validated": (lambda s, o: {"pk": o["validated"][s].pk}, SIGNED_IN, None),
    "tracking:update_edit": (lambda s, o: {"pk": o["draft"][s].pk}, own_scope(Role.NCPOC), 404),
    "tracking:update_submit": (
        lambda s, o: {"pk": o["draft"][s].pk},
        own_scope(Role.NCPOC),
        404,
        405,
    ),
    "tracking:update_review": (lambda s, o: {"pk": o["submitted"][s].pk}, REVIEWERS, 404, 405),
    "tracking:evidence_add": (
        lambda s, o: {"pk": o["draft"][s].pk},
        own_scope(Role.NCPOC),
        404,
        405,
    ),
    "tracking:evidence_download": (lambda s, o: {"pk": o["evidence"][s].pk}, SIGNED_IN, None),
    "tracking:evidence_download#draft": (
        lambda s, o: {"pk": o["draft_evidence"][s].pk},
        per_scope({Role.NCPOC, Role.SECRETARIAT}, {Role.SECRETARIAT}),
        404,
    ),
    # Indicators. Validated values are every signed-in role's; submitted ones their
    # jurisdiction's, the reviewers' and the Secretariat's.
    "indicators:list": (lambda s, o: {}, SIGNED_IN, None),
    "indicators:indicator": (lambda s, o: {"slug": CORE, "code": "ind-internet"}, SIGNED_IN, None),
    "indicators:series": (
        lambda s, o: {"slug": CORE, "code": "ind-internet", "jcode": s},
        SIGNED_IN,
        None,
    ),
    "indicators:observation_new": (
        lambda s, o: {"slug": CORE, "code": "ind-internet", "jcode": s},
        own_scope(Role.NCPOC),
        404,
    ),
    # The region's statistics are not led by one agency: any focal point records them.
    "indicators:observation_new#region": (
        lambda s, o: {"slug": CORE, "code": "ind-internet", "jcode": "CARICOM"},
        only(Role.FOCAL_POINT),
        404,
    ),
    "indicators:target_set": (
        lambda s, o: {"slug": CORE, "code": "ind-internet", "jcode": s},
        per_scope({Role.NCPOC, Role.SECRETARIAT}, {Role.SECRETARIAT}),
        404,
    ),
    "indicators:observation": (lambda s, o: {"pk": o["value"][s].pk}, SIGNED_IN, None),
    "indicators:observation#submitted": (
        lambda s, o: {"pk": o["value_submitted"][s].pk},
        per_scope({Role.NCPOC, *REVIEWERS}, REVIEWERS),
        404,
    ),
    "indicators:observation_review": (
        lambda s, o: {"pk": o["value_submitted"][s].pk},
        REVIEWERS,
        404,
        405,
    ),
    "indicators:review_queue": (lambda s, o: {}, REVIEWERS, 404),
    "indicators:imports": (lambda s, o: {}, SIGNED_IN, None),
    "indicators:template": (lambda s, o: {}, SIGNED_IN, None),
    "indicators:export": (lambda s, o: {"fmt": "sdmx"}, SIGNED_IN, None),
    # An upload is its uploader's (and the Secretariat's) until it is applied.
    "indicators:import": (
        lambda s, o: {"pk": o["job"][s].pk},
        per_scope({Role.NCPOC, Role.SECRETARIAT}, {Role.SECRETARIAT}),
        404,
    ),
    "indicators:import#applied": (  # reviewers open an applied upload from their queue
        lambda s, o: {"pk": o["job_applied"][s].pk},
        per_scope({Role.NCPOC, *REVIEWERS}, REVIEWERS),
        404,
    ),
    "indicators:import_progress": (  # a finished read sends the browser to the job page
        lambda s, o: {"pk": o["job"][s].pk},
        per_scope({Role.NCPOC, Role.SECRETARIAT}, {Role.SECRETARIAT}),
        404,
        302,
    ),
    "indicators:import_apply": (
        lambda s, o: {"pk": o["job"][s].pk},
        own_scope(Role.NCPOC),
        404,
        405,
    ),
    "indicators:import_discard": (
        lambda s, o: {"pk": o["job"][s].pk},
        own_scope(Role.NCPOC),
        404,
        405,
    ),
    "indicators:import_review": (
        lambda s, o: {"pk": o["job_applied"][s].pk},
        REVIEWERS,
        404,
        405,
    ),
    "indicators:import_retry": (
        lambda s, o: {"pk": o["job_stalled"][s].pk},
        own_scope(Role.NCPOC),
        404,
        405,
    ),
    # Open platform: public pages and open data (no login), publishing, API tokens.
    "releases:overview": (lambda s, o: {}, ALL, None),
    "releases:libraries": (lambda s, o: {}, ALL, None),
    "releases:library": (lambda s, o: {"slug": IWP}, ALL, None),
    "releases:list": (lambda s, o: {}, ALL, None),
    "releases:feed": (lambda s, o: {}, ALL, None),
    "releases:catalogue": (lambda s, o: {}, ALL, None),
    "releases:release": (lambda s, o: {"number": o["release"].number}, ALL, None),
    "releases:country": (lambda s, o: {"number": o["release"].number, "code": s}, ALL, None),
    "releases:indicator": (
        lambda s, o: {"number": o["release"].number, "slug": CORE, "code": "ind-internet"},
        ALL,
        None,
    ),
    "releases:statuses": (lambda s, o: {"number": o["release"].number, "fmt": "csv"}, ALL, None),
    "releases:values": (
        lambda s, o: {"number": o["release"].number, "fmt": "sdmx.csv"},
        ALL,
        None,
    ),
    "releases:indicator_values": (
        lambda s, o: {
            "number": o["release"].number,
            "slug": CORE,
            "code": "ind-internet",
            "fmt": "json",
        },
        ALL,
        None,
    ),
    "releases:publish": (lambda s, o: {}, only(Role.SECRETARIAT), 404),
    "releases:withdraw": (
        lambda s, o: {"number": o["release"].number},
        only(Role.SECRETARIAT),
        404,
        405,
    ),
    "tokens:list": (lambda s, o: {}, SIGNED_IN, None),
    "tokens:revoke": (
        lambda s, o: {"pk": o["token"][s][0].pk},
        own_scope(Role.NCPOC),
        404,
        405,
    ),
    # Governance: every signed-in role reads; the Secretariat runs the rounds.
    "governance:home": (lambda s, o: {}, SIGNED_IN, None),
    "governance:rounds": (lambda s, o: {}, SIGNED_IN, None),
    "governance:round": (lambda s, o: {"pk": o["round"].pk}, SIGNED_IN, None),
    "governance:round_close": (
        lambda s, o: {"pk": o["round"].pk},
        only(Role.SECRETARIAT),
        404,
        405,
    ),
    # The risk register: the Secretariat edits every risk, a focal point its agency's (OWN).
    "governance:risks": (lambda s, o: {}, SIGNED_IN, None),
    "governance:risk_new": (lambda s, o: {}, only(Role.SECRETARIAT, Role.FOCAL_POINT), 404),
    "governance:risk": (lambda s, o: {"pk": o["risk"][s].pk}, SIGNED_IN, None),
    "governance:risk_edit": (lambda s, o: {"pk": o["risk"][s].pk}, RISK_EDITORS, 404),
    "governance:mitigation_add": (
        lambda s, o: {"pk": o["risk"][s].pk},
        RISK_EDITORS,
        404,
        405,
    ),
    "governance:mitigation_status": (
        lambda s, o: {"pk": o["mitigation"][s].pk},
        RISK_EDITORS,
        404,
        405,
    ),
    # Meetings: every signed-in role reads; the Secretariat records; owners report progress.
    "governance:meetings": (lambda s, o: {}, SIGNED_IN, None),
    "governance:meeting_new": (lambda s, o: {}, only(Role.SECRETARIAT), 404),
    "governance:meeting": (lambda s, o: {"pk": o["meeting"].pk}, SIGNED_IN, None),
    "governance:minutes_download": (lambda s, o: {"pk": o["meeting"].pk}, SIGNED_IN, None),
    "governance:minutes_set": (
        lambda s, o: {"pk": o["meeting"].pk},
        only(Role.SECRETARIAT),
        404,
        405,
    ),
    "governance:decision_add": (
        lambda s, o: {"pk": o["meeting"].pk},
        only(Role.SECRETARIAT),
        404,
        405,
    ),
    "governance:action_add": (
        lambda s, o: {"pk": o["meeting"].pk},
        only(Role.SECRETARIAT),
        404,
        405,
    ),
    "governance:my_actions": (lambda s, o: {}, SIGNED_IN, None),
    "governance:action_status": (
        lambda s, o: {"pk": o["action_item"][s].pk},
        RISK_EDITORS,  # the Secretariat, and CTU's focal point for CTU's item
        404,
        405,
    ),
    # Nominations: the Secretariat decides; an NCPOC nominates for (and sees) their own state.
    "governance:nominations": (lambda s, o: {}, only(Role.SECRETARIAT, Role.NCPOC), 404),
    "governance:nomination_decide": (
        lambda s, o: {"pk": o["nomination"][s].pk},
        only(Role.SECRETARIAT),
        404,
        405,
    ),
    # The 24/7 network: contacts are committee business; the Secretariat records tests.
    "governance:reachability": (lambda s, o: {}, COMMITTEE, 404),
    # The calendar: each account its own; the feed answers whoever holds the secret address.
    "governance:calendar": (lambda s, o: {}, SIGNED_IN, None),
    "governance:calendar_issue": (lambda s, o: {}, SIGNED_IN, None, 405),
    "governance:calendar_revoke": (lambda s, o: {}, SIGNED_IN, None, 405),
    "governance:ics": (lambda s, o: {"token": o["calendar_secret"]}, ALL, None),
    # Cooperation: the 24/7 network (committee roles); the public reporting form (anyone);
    # the queue of received reports: members of the recipient organisation only (OWN's
    # reports go to CTU, the focal point's agency; OTHER's to the region's, IMPACS).
    "governance:network": (lambda s, o: {}, COMMITTEE, 404),
    "publicreports:form": (lambda s, o: {}, ALL, None),
    "publicreports:sent": (lambda s, o: {}, ALL, None),
    "publicreports:queue": (lambda s, o: {}, only(Role.FOCAL_POINT), 404),
    "publicreports:report": (
        lambda s, o: {"pk": o["public_report"][s].pk},
        own_scope(Role.FOCAL_POINT),
        404,
    ),
    "publicreports:move": (
        lambda s, o: {"pk": o["public_report"][s].pk},
        own_scope(Role.FOCAL_POINT),
        404,
        405,
    ),
    # Sharing (issue 14): posts under TLP 2.0, the registry and requests for assistance.
    "sharing:list": (lambda s, o: {}, SIGNED_IN, 404),
    "sharing:export": (lambda s, o: {}, SIGNED_IN, 404),
    "sharing:registry": (lambda s, o: {}, SIGNED_IN, 404),
    "sharing:new": (lambda s, o: {"kind": "incident"}, SHARERS, 404),
    "sharing:detail": (lambda s, o: {"pk": o["post"][s].pk}, own_scope(Role.NCPOC), 404),
    "sharing:detail#committee": (lambda s, o: {"pk": o["shared_lesson"][s].pk}, COMMITTEE, 404),
    "sharing:detail#request": (lambda s, o: {"pk": o["assistance"][s].pk}, only(Role.NCPOC), 404),
    "sharing:edit": (lambda s, o: {"pk": o["post"][s].pk}, own_scope(Role.NCPOC), 404),
    "sharing:label": (lambda s, o: {"pk": o["shared_lesson"][s].pk}, LABEL_RAISERS, 404, 405),
    "sharing:comment": (lambda s, o: {"pk": o["shared_lesson"][s].pk}, COMMITTEE, 404, 405),
    "sharing:observable": (lambda s, o: {"pk": o["post"][s].pk}, own_scope(Role.NCPOC), 404, 405),
    "sharing:attach": (lambda s, o: {"pk": o["post"][s].pk}, own_scope(Role.NCPOC), 404, 405),
    "sharing:request_move": (
        lambda s, o: {"pk": o["assistance"][s].pk, "move": "accept"},
        own_scope(Role.NCPOC),
        404,
        405,
    ),
    "sharing:observable_remove": (
        lambda s, o: {"pk": o["post_observable"][s].pk},
        own_scope(Role.NCPOC),
        404,
        405,
    ),
    "sharing:attachment": (
        lambda s, o: {"pk": o["post_attachment"][s].pk},
        own_scope(Role.NCPOC),
        404,
    ),
    # Standards: STIX downloads. TAXII authenticates by token and has its own matrix:
    # ictspace/sharing/tests/test_taxii_matrix.py.
    "stix:export_list": (lambda s, o: {}, SIGNED_IN, None),
    "stix:export_post": (lambda s, o: {"pk": o["stix_post"][s].pk}, own_scope(Role.NCPOC), 404),
    # Decisions (issue 12 §6): the grid entry form, for whoever submits the state's values.
    "indicators:grid": (lambda s, o: {"jcode": s}, own_scope(Role.NCPOC), 404),
    # Languages: the switcher is on every page, for everyone; it answers only POST.
    "languages:choose": (lambda s, o: {}, ALL, None, 405),
    # Home pages and the user guide (issue 12): the guide is public documentation.
    "portal:region": (lambda s, o: {}, ALL, None),
    "portal:guide": (lambda s, o: {}, ALL, None),
    "portal:guide_page": (lambda s, o: {"name": "indicators"}, ALL, None),
    "portal:guide_image": (lambda s, o: {"filename": "matrix.png"}, ALL, None),
    # Reports: generated by the Secretariat and the chair (any) and an NCPOC (their own
    # state's national reports); read by the steering members and auditors once issued.
    "reports:archive": (lambda s, o: {}, REPORT_READERS, 404),
    "reports:new": (lambda s, o: {}, REPORT_MAKERS, 404),
    "reports:detail": (lambda s, o: {"pk": o["report"][s].pk}, REPORT_SEERS, 404),
    "reports:progress": (  # an issued report's progress sends the browser to its page
        lambda s, o: {"pk": o["report"][s].pk},
        REPORT_SEERS,
        404,
        302,
    ),
    "reports:download": (lambda s, o: {"pk": o["report"][s].pk, "fmt": "pdf"}, REPORT_SEERS, 404),
    # phone / plain language (issue 12): the audit log as CSV.
    "audit:export": (lambda s, o: {}, only(Role.AUDITOR, Role.SECRETARIAT), 404),
    "catalogue:source": (lambda s, o: {"slug": IWP}, SIGNED_IN, None),
}


def _name(key: str) -> str:
    return key.split("#")[0]


def _allowed(allowed, scope) -> set:
    return allowed(scope) if callable(allowed) else allowed


# django-allauth's own account and MFA pages. Their behaviour is allauth's; the matrix
# checks that each answers every role without a server error and that none of them is
# one of ours in disguise.
ALLAUTH_PREFIXES = ("account_", "mfa_")
# The REST API's operations have their own matrix: ictspace/api/tests/test_api_matrix.py.
API_PREFIX = "api:"
TAXII_PREFIX = "taxii:"  # and so has TAXII: ictspace/sharing/tests/test_taxii_matrix.py


def _walk(resolver=None, namespace=""):
    """Every URL pattern of the project, named or not, through nested includes."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, ns)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}{entry.name}" if entry.name else None), entry


def _patterns(resolver=None):
    return [(name, entry) for name, entry in _walk(resolver) if name]


def _is_allauth(name: str) -> bool:
    return name.startswith(ALLAUTH_PREFIXES)


def _allauth_view(entry: URLPattern) -> bool:
    return getattr(entry.callback, "__module__", "").startswith("allauth.")


def _unnamed(resolver=None) -> list[str]:
    return [
        str(entry.pattern)
        for name, entry in _walk(resolver)
        if name is None and not _allauth_view(entry)
    ]


def test_every_url_is_in_the_matrix():
    names = {name for name, _ in _patterns()}
    listed = {_name(k) for k in MATRIX}
    unlisted = sorted(
        n
        for n in names
        if n not in listed and not _is_allauth(n) and not n.startswith((API_PREFIX, TAXII_PREFIX))
    )
    assert unlisted == [], f"add these URLs to the permission matrix: {unlisted}"
    stale = sorted({_name(k) for k in MATRIX} - names)
    assert stale == [], f"the matrix lists URLs that no longer exist: {stale}"


def test_every_url_has_a_name():
    assert _unnamed() == [], "name these URL patterns, then add them to the matrix"


def _hidden(request):
    raise AssertionError("never called")


def test_an_unnamed_pattern_inside_an_include_is_found():
    """The guard above walks nested includes: it would catch `path("secret/", view)`."""
    inner = URLResolver(r"^app/", [path("secret/", _hidden), path("ok/", _hidden, name="ok")])
    outer = URLResolver(r"^", [URLResolver(r"^nested/", [inner])])
    assert _unnamed(outer) == ["secret/"]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The cast and every object, committed once for the module (see tests/objects.py)."""
    with committed_world(django_db_blocker, tmp_path_factory.mktemp("media")) as built:
        yield built


@pytest.fixture(scope="module")
def cast(world):
    return world[0]


@pytest.fixture(scope="module")
def objects(world):
    return world[1]


@pytest.mark.parametrize("scope", [OWN, OTHER])
@pytest.mark.parametrize("role", CAST_ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_matrix(name, role, scope, db, cast, objects, client_for):
    build, allowed, refused, *ok = MATRIX[name]
    url = reverse(_name(name), kwargs=build(scope, objects))
    response = client_for(cast[role]).get(url)
    if role in _allowed(allowed, scope):
        assert response.status_code == (ok[0] if ok else 200), f"{role} should see {url}"
    elif role == "anonymous":
        assert response.status_code == 302, f"anonymous should be sent to sign in from {url}"
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == refused, f"{role} must get {refused} from {url}"


@pytest.mark.parametrize("role", CAST_ROLES)
def test_allauth_pages_answer_every_role(role, db, cast, client_for):
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


# Writes: name → (kwargs builder, form data builder, roles whose write succeeds (302)
# [, the status the others get: 404 unless stated])
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
    "tracking:update_new": (
        lambda s, o: {"code": s, "slug": IWP, "ref": "3.1.4"},
        lambda s: {"status": "completed", "effective_date": "2024-06-01"},
        own_scope(Role.NCPOC),
    ),
    "tracking:update_new#region": (
        lambda s, o: {"code": "CARICOM", "slug": IWP, "ref": LED[s]},
        lambda s: {"status": "in_progress", "effective_date": "2024-06-01"},
        own_scope(Role.FOCAL_POINT),
    ),
    "tracking:update_edit": (
        lambda s, o: {"pk": o["draft"][s].pk},
        lambda s: {"status": "completed", "effective_date": "2024-06-01", "version": "1"},
        own_scope(Role.NCPOC),
    ),
    "tracking:update_submit": (
        lambda s, o: {"pk": o["draft"][s].pk},
        lambda s: {},
        own_scope(Role.NCPOC),
    ),
    "tracking:update_review": (
        lambda s, o: {"pk": o["submitted"][s].pk},
        lambda s: {"decision": "validate"},
        REVIEWERS,
    ),
    "tracking:update_review#return": (
        lambda s, o: {"pk": o["submitted"][s].pk},
        lambda s: {"decision": "return", "reason": "Add the regulator's notice."},
        REVIEWERS,
    ),
    "indicators:observation_new": (
        lambda s, o: {"slug": CORE, "code": "ind-internet", "jcode": s},
        lambda s: {"period": "2024", "value": "40", "source": "Survey"},
        own_scope(Role.NCPOC),
    ),
    "indicators:target_set": (
        lambda s, o: {"slug": CORE, "code": "ind-internet", "jcode": s},
        lambda s: {
            "kind": "target",
            "period": "2030",
            "comparator": ">=",
            "value": "80",
            "source": "Plan",
        },
        per_scope({Role.NCPOC, Role.SECRETARIAT}, {Role.SECRETARIAT}),
    ),
    "indicators:observation_review": (
        lambda s, o: {"pk": o["value_submitted"][s].pk},
        lambda s: {"decision": "validate"},
        REVIEWERS,
    ),
    "indicators:import_apply": (
        lambda s, o: {"pk": o["job"][s].pk},
        lambda s: {},
        own_scope(Role.NCPOC),
    ),
    "indicators:import_discard": (
        lambda s, o: {"pk": o["job"][s].pk},
        lambda s: {},
        own_scope(Role.NCPOC),
    ),
    "indicators:import_review": (
        lambda s, o: {"pk": o["job_applied"][s].pk},
        lambda s: {"decision": "validate"},
        REVIEWERS,
    ),
    "indicators:import_retry": (
        lambda s, o: {"pk": o["job_stalled"][s].pk},
        lambda s: {},
        own_scope(Role.NCPOC),
    ),
    "indicators:imports": (
        lambda s, o: {},
        lambda s: {
            "jurisdiction": s,
            "file": SimpleUploadedFile(
                "v.csv",
                b"library,jurisdiction,indicator,period,value\n"
                + f"{CORE},{s},ind-internet,2020,50\n".encode(),
            ),
        },
        own_scope(Role.NCPOC),
        400,  # the upload page is everyone's; a jurisdiction not theirs is a form error
    ),
    "tracking:evidence_add": (
        lambda s, o: {"pk": o["draft"][s].pk},
        lambda s: {
            "kind": "link",
            "url": "https://www.example.org/ixp-report",
            "title": "IXP launch report",
            "accessed_on": "2024-05-01",
            "citation": "Regulator's annual report 2024",
        },
        own_scope(Role.NCPOC),
    ),
    # Open platform: publishing and withdrawing releases, API tokens.
    "releases:publish": (
        lambda s, o: {},
        lambda s: {
            "title": "Second release",
            "as_of": "2024-12-31",
            "libraries": [IWP],
            "jurisdictions": [s],
        },
        only(Role.SECRETARIAT),
    ),
    "releases:withdraw": (
        lambda s, o: {"number": o["release"].number},
        lambda s: {"reason": "Wrong figures"},
        only(Role.SECRETARIAT),
    ),
    "tokens:list": (lambda s, o: {}, lambda s: {"name": "CI", "scope": "read"}, SIGNED_IN),
    "tokens:revoke": (
        lambda s, o: {"pk": o["token"][s][0].pk},
        lambda s: {},
        own_scope(Role.NCPOC),
    ),
    # Governance.
    "governance:rounds": (
        lambda s, o: {},
        lambda s: {
            "title": "Status review H2",
            "libraries": [IWP],
            "item_refs": "3.1.4",
            "jurisdictions": [s],
            "opens_on": "2027-01-01",
            "due_on": "2027-06-30",
            "remind_days_before": "7",
        },
        only(Role.SECRETARIAT),
    ),
    "governance:round_close": (
        lambda s, o: {"pk": o["round"].pk},
        lambda s: {},
        only(Role.SECRETARIAT),
    ),
    "governance:risk_new": (
        lambda s, o: {},
        lambda s: {**RISK_FORM, "owner": "CTU"},
        only(Role.SECRETARIAT, Role.FOCAL_POINT),
    ),
    "governance:risk_edit": (
        lambda s, o: {"pk": o["risk"][s].pk},
        lambda s: {**RISK_FORM, "owner": "CTU" if s == OWN else "IMPACS"},
        RISK_EDITORS,
    ),
    "governance:mitigation_add": (
        lambda s, o: {"pk": o["risk"][s].pk},
        lambda s: {"description": "Second donor round", "owner": "CTU", "due_on": "2027-03-31"},
        RISK_EDITORS,
    ),
    "governance:mitigation_status": (
        lambda s, o: {"pk": o["mitigation"][s].pk},
        lambda s: {"status": "done"},
        RISK_EDITORS,
    ),
    "governance:meeting_new": (
        lambda s, o: {},
        lambda s: {"body": "RCC", "title": "RCC special", "date": "2027-01-01", "online": "on"},
        only(Role.SECRETARIAT),
    ),
    "governance:minutes_set": (
        lambda s, o: {"pk": o["meeting"].pk},
        lambda s: {"minutes": "Agreed to meet again."},
        only(Role.SECRETARIAT),
    ),
    "governance:decision_add": (
        lambda s, o: {"pk": o["meeting"].pk},
        lambda s: {"text": "Adopt the work plan."},
        only(Role.SECRETARIAT),
    ),
    "governance:action_add": (
        lambda s, o: {"pk": o["meeting"].pk},
        lambda s: {"title": "Draft terms", "due_on": "2027-03-01", "owner_organisation": "CTU"},
        only(Role.SECRETARIAT),
    ),
    "governance:action_status": (
        lambda s, o: {"pk": o["action_item"][s].pk},
        lambda s: {"status": "done"},
        RISK_EDITORS,
    ),
    "governance:nominations": (
        lambda s, o: {},
        lambda s: {
            "jurisdiction": OWN,
            "nominating_authority": "Attorney General",
            "full_name": "Nominee",
            "email": "nominee@test.example",
            "background": "judiciary",
        },
        only(Role.SECRETARIAT, Role.NCPOC),
    ),
    "governance:nomination_decide": (
        lambda s, o: {"pk": o["nomination"][s].pk},
        lambda s: {"decision": "decline", "reason": "Two seats are filled."},
        only(Role.SECRETARIAT),
    ),
    "governance:reachability": (
        lambda s, o: {},
        lambda s: {"channel": o_channel_pk(), "tested_on": "2025-01-01", "reached": "on"},
        only(Role.SECRETARIAT),
    ),
    "governance:calendar_issue": (lambda s, o: {}, lambda s: {}, SIGNED_IN),
    # Only the steering member has a live address to stop; for the others nothing changes.
    "governance:calendar_revoke": (lambda s, o: {}, lambda s: {}, only(Role.STEERING), 302),
    # Cooperation: anyone may send a report; only the recipient's members move it.
    "publicreports:form": (
        lambda s, o: {},
        lambda s: {
            "jurisdiction": o_jurisdiction_pk(s),
            "category": "hacking",
            "description": "My e-mail account was taken over.",
            "urls": "",
        },
        ALL,
    ),
    "publicreports:move": (
        lambda s, o: {"pk": o["public_report"][s].pk},
        lambda s: {"to": "acknowledged"},
        own_scope(Role.FOCAL_POINT),
    ),
    # Sharing (issue 14).
    "sharing:new": (lambda s, o: {"kind": "incident"}, lambda s: INCIDENT_FORM, SHARERS),
    "sharing:edit": (
        lambda s, o: {"pk": o["post"][s].pk},
        lambda s: INCIDENT_FORM,
        own_scope(Role.NCPOC),
    ),
    "sharing:label": (
        lambda s, o: {"pk": o["shared_lesson"][s].pk},
        lambda s: {"label": "amber"},
        LABEL_RAISERS,
    ),
    "sharing:comment": (
        lambda s, o: {"pk": o["shared_lesson"][s].pk},
        lambda s: {"body": "Same here."},
        COMMITTEE,
    ),
    "sharing:observable": (
        lambda s, o: {"pk": o["post"][s].pk},
        lambda s: {"type": "ipv4", "value": "192.0.2.7"},
        own_scope(Role.NCPOC),
    ),
    "sharing:attach": (
        lambda s, o: {"pk": o["post"][s].pk},
        lambda s: {"file": SimpleUploadedFile("more.pdf", b"%PDF-1.4\n%%EOF\n")},
        own_scope(Role.NCPOC),
    ),
    "sharing:request_move": (
        lambda s, o: {"pk": o["assistance"][s].pk, "move": "accept"},
        lambda s: {},
        own_scope(Role.NCPOC),
    ),
    "sharing:observable_remove": (
        lambda s, o: {"pk": o["post_observable"][s].pk},
        lambda s: {},
        own_scope(Role.NCPOC),
    ),
    # Decisions (issue 12 §6): one cell of the grid's default section and period.
    "indicators:grid": (
        lambda s, o: {"jcode": s},
        lambda s: {
            "cells-TOTAL_FORMS": "1",
            "cells-INITIAL_FORMS": "1",
            "cells-0-indicator": "fixed-telephone-subs",
            "cells-0-value": "20",
            "source": "Regulator's annual report",
        },
        own_scope(Role.NCPOC),
    ),
    # Languages: anyone switches (the cookie); a signed-in choice is also kept on the account.
    "languages:choose": (lambda s, o: {}, lambda s: {"language": "fr", "next": "/"}, SIGNED_IN),
    # Reports: requesting one builds it (inline in tests); an NCPOC only for their own state.
    "reports:new": (
        lambda s, o: {},
        lambda s: {
            "kind": "country",
            "jurisdiction": s,
            "as_of": "2025-06-30",
            "period_start": "2025-01-01",
            "language": "en",
        },
        per_scope(REPORT_MAKERS, {Role.SECRETARIAT, Role.RCC_CHAIR}),
    ),
}


def o_jurisdiction_pk(code: str) -> int:
    return Jurisdiction.objects.get(code=code).pk


def o_channel_pk():
    """The 24/7 channel of the module's world (the form data builders take no objects)."""
    from ictspace.directory.models import ContactChannel

    return ContactChannel.objects.filter(person__full_name="Duty officer").values_list(
        "pk", flat=True
    )[0]


RISK_FORM = {
    "title": "Loss of funding",
    "category": "financial",
    "inherent_likelihood": "4",
    "inherent_impact": "5",
    "residual_likelihood": "2",
    "residual_impact": "5",
    "status": "open",
}


@pytest.mark.parametrize("scope", [OWN, OTHER])
@pytest.mark.parametrize("role", CAST_ROLES)
@pytest.mark.parametrize("name", sorted(WRITES))
def test_write_matrix(name, role, scope, db, cast, objects, client_for):
    build, data, allowed, *refusal = WRITES[name]
    url = reverse(_name(name), kwargs=build(scope, objects))
    before = AuditEntry.objects.count()
    response = client_for(cast[role]).post(url, data(scope))
    if role in _allowed(allowed, scope):
        assert response.status_code == 302, response.content.decode()[:2000]
        assert AuditEntry.objects.count() > before
    else:
        refused = refusal[0] if refusal else 404
        assert (
            response.status_code in (302, 404)
            if role == "anonymous"
            else response.status_code == refused
        )
        assert AuditEntry.objects.count() == before


def _accepts_post(response, role: str) -> bool:
    """Anything but 405, a refusal (404) or the anonymous sign-in redirect is a write."""
    if response.status_code in (404, 405):
        return False
    signing_in = response.status_code == 302 and response["Location"].startswith(
        reverse("account_login")
    )
    return not (role == "anonymous" and signing_in)


READS = sorted(k for k in MATRIX if _name(k) not in {_name(w) for w in WRITES})


@pytest.mark.parametrize("name", READS)
def test_every_view_that_accepts_post_is_in_the_writes(name, db, cast, objects, client_for):
    """POST (empty) to every other page as every role, both scopes: an answer means a write.

    The pages in WRITES are shown to accept POST by `test_write_matrix`.
    """
    build = MATRIX[name][0]
    answered = set()
    for scope in (OWN, OTHER):
        url = reverse(_name(name), kwargs=build(scope, objects))
        for role in CAST_ROLES:
            response = client_for(cast[role]).post(url)
            if _accepts_post(response, role):
                answered.add(f"{role} {response.status_code}")
    assert not answered, f"{name} accepts POST ({sorted(answered)}): add it to WRITES"


def test_every_write_is_a_page_of_the_matrix():
    stale = sorted({_name(k) for k in WRITES} - {_name(k) for k in MATRIX})
    assert stale == [], f"WRITES lists URLs the matrix does not: {stale}"
