"""Every URL of the project × every role × own/other jurisdiction.

A URL pattern that is not listed here fails `test_every_url_is_in_the_matrix`, so each
new page must state who may see it before it can land.
"""

import datetime
import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from ictspace.accounts.models import Role, RoleGrant
from ictspace.audit.models import AuditEntry
from ictspace.catalogue.models import Indicator, Item
from ictspace.conftest import CAST_ROLES, OTHER, OWN, make_user
from ictspace.directory.models import Jurisdiction
from ictspace.indicators import imports
from ictspace.indicators.models import ImportJob, Observation
from ictspace.tests.factories import NcpocAppointmentFactory
from ictspace.tracking.models import Evidence, StatusUpdate

ALL = set(CAST_ROLES)
SIGNED_IN = ALL - {"anonymous"}
IWP = "single-ict-space-iwp-2017"
CORE = "ict-core-indicators"


def only(*roles):
    return set(roles)


def own_scope(*roles):
    """Allowed only in the NCPOC's own jurisdiction (the object was made there)."""
    return lambda scope: set(roles) if scope == OWN else set()


def per_scope(own, other):
    return lambda scope: set(own) if scope == OWN else set(other)


REVIEWERS = only(Role.RCC_CHAIR, Role.SECRETARIAT)


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
        lambda s, o: {"code": "CARICOM", "slug": IWP, "ref": "1.1.1"},  # CTU leads 1.1.1
        only(Role.FOCAL_POINT),
        404,
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
}


def _name(key: str) -> str:
    return key.split("#")[0]


def _allowed(allowed, scope) -> set:
    return allowed(scope) if callable(allowed) else allowed


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
    listed = {_name(k) for k in MATRIX}
    unlisted = sorted(n for n in names if n not in listed and not _is_allauth(n))
    assert unlisted == [], f"add these URLs to the permission matrix: {unlisted}"
    stale = sorted({_name(k) for k in MATRIX} - names)
    assert stale == [], f"the matrix lists URLs that no longer exist: {stale}"


def test_every_url_has_a_name():
    unnamed = [
        str(p.pattern)
        for p in get_resolver().url_patterns
        if isinstance(p, URLPattern) and not p.name
    ]
    assert unnamed == []


@pytest.fixture
def objects(loaded_libraries, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    appointments = {
        code: NcpocAppointmentFactory(jurisdiction=Jurisdiction.objects.get(code=code))
        for code in (OWN, OTHER)
    }
    other_ncpoc = make_user(None, email="other-ncpoc@test.example")
    RoleGrant.objects.create(
        user=other_ncpoc, role=Role.NCPOC, jurisdiction=Jurisdiction.objects.get(code=OTHER)
    )
    authors = {OWN: cast[Role.NCPOC], OTHER: other_ncpoc}
    out = {"appointments": appointments}
    for state in ("draft", "submitted", "validated"):
        out[state] = {code: _update(code, state, authors[code]) for code in (OWN, OTHER)}
    out["evidence"] = {code: _evidence(out["validated"][code]) for code in (OWN, OTHER)}
    out["value"] = {code: _value(code, "validated", authors[code]) for code in (OWN, OTHER)}
    out["value_submitted"] = {
        code: _value(code, "submitted", authors[code]) for code in (OWN, OTHER)
    }
    out["job"] = {code: _job(code, authors[code], "2022") for code in (OWN, OTHER)}
    out["job_applied"] = {code: _job(code, authors[code], "2021") for code in (OWN, OTHER)}
    for code in (OWN, OTHER):
        imports.do_apply_import(out["job_applied"][code], acting_user=authors[code])
    out["job_stalled"] = {code: _job(code, authors[code], "2020") for code in (OWN, OTHER)}
    stopped = timezone.now() - imports.STALE_AFTER - datetime.timedelta(minutes=1)
    for job in out["job_stalled"].values():
        ImportJob.objects.filter(pk=job.pk).update(state="reading", touched_at=stopped)
    out["draft_evidence"] = {code: _evidence(out["draft"][code]) for code in (OWN, OTHER)}
    return out


def _update(code: str, state: str, author):
    return StatusUpdate.objects.create(
        jurisdiction=Jurisdiction.objects.get(code=code),
        item=Item.objects.get(library__slug=IWP, ref="3.1.4"),
        status="in_progress",
        effective_date=datetime.date(2024, 1, 1),
        review_state=state,
        author=author,
        created_at=timezone.now(),
    )


def _value(code: str, state: str, author):
    return Observation.objects.create(
        jurisdiction=Jurisdiction.objects.get(code=code),
        indicator=Indicator.objects.get(library__slug=CORE, code="ind-internet"),
        period="2024",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
        value_number=42,
        review_state=state,
        author=author,
        created_at=timezone.now(),
    )


def _job(code: str, author, period: str):
    """A previewed upload of one new value, read from a real CSV file."""
    header = "library,jurisdiction,indicator,period,disaggregation,value,unit,source,note\n"
    line = f"{CORE},{code},ind-internet,{period},,55,,Household survey,\n"
    upload = SimpleUploadedFile("values.csv", (header + line).encode())
    job = imports.do_upload_import(
        jurisdiction=Jurisdiction.objects.get(code=code), uploaded_file=upload, acting_user=author
    )
    return imports.do_read_import(job)


def _evidence(update):
    data = b"%PDF-1.4\n%%EOF\n"
    evidence = Evidence(
        update=update,
        kind=Evidence.Kind.FILE,
        original_name="notice.pdf",
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        added_by=update.author,
        added_at=timezone.now(),
    )
    evidence.file.save("notice.pdf", ContentFile(data), save=False)
    evidence.save()
    return evidence


@pytest.mark.parametrize("scope", [OWN, OTHER])
@pytest.mark.parametrize("role", CAST_ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_matrix(name, role, scope, cast, objects, client_for):
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
}


@pytest.mark.parametrize("scope", [OWN, OTHER])
@pytest.mark.parametrize("role", CAST_ROLES)
@pytest.mark.parametrize("name", sorted(WRITES))
def test_write_matrix(name, role, scope, cast, objects, client_for):
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
