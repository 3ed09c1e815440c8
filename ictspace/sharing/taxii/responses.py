"""TAXII answers: media types, content negotiation, JSON bodies and error messages."""

import json

from django.http import HttpResponse
from django.utils.translation import gettext as _

TAXII = "application/taxii+json;version=2.1"
STIX = "application/stix+json;version=2.1"
# What an Accept header may name for us: the exact type, the type without a version (the
# latest), or wildcards from clients such as curl.
ACCEPTABLE = {"application/taxii+json", "application/*", "*/*"}


def _media_ranges(header: str):
    for part in header.split(","):
        media, *params = (p.strip().lower() for p in part.split(";"))
        yield media, {k.strip(): v.strip() for k, _sep, v in (p.partition("=") for p in params)}


def accepts_taxii(request) -> bool:
    """True unless the Accept header names only media types we do not serve (then 406)."""
    header = request.headers.get("Accept", "").strip()
    if not header:
        return True
    for media, params in _media_ranges(header):
        if params.get("q") in {"0", "0.0", "0.00", "0.000"}:
            continue
        if media == "application/taxii+json" and params.get("version", "2.1") == "2.1":
            return True
        if media in ACCEPTABLE - {"application/taxii+json"}:
            return True
    return False


def taxii_response(data: dict, *, status: int = 200, headers: dict | None = None):
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str),
        status=status,
        content_type=TAXII,
        headers=headers,
    )
    # Bodies hold TLP-marked objects: never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


def error(status: int, title: str, description: str = "", *, headers: dict | None = None):
    """A TAXII error message (section 3.6.1): the status repeated as a string in the body."""
    body = {"title": title, "http_status": str(status)}
    if description:
        body["description"] = description
    return taxii_response(body, status=status, headers=headers)


def not_found():
    """The same answer for a missing object and one the caller may not see."""
    return error(404, _("Not found"), _("No such resource, or not one this token may read."))


def unauthorised():
    return error(
        401,
        _("Authentication required"),
        _("Send a personal API token: Authorization: Bearer <token>."),
        headers={"WWW-Authenticate": 'Bearer realm="taxii", Basic realm="taxii"'},
    )


def not_acceptable():
    return error(
        406, _("Not acceptable"), _("This server answers with %(type)s.") % {"type": TAXII}
    )


def read_only(method: str):
    return error(
        405,
        _("Method not allowed"),
        _("This TAXII server is read-only; %(method)s is not accepted.") % {"method": method},
        headers={"Allow": "GET, HEAD"},
    )


def bad_request(description: str):
    return error(400, _("Bad request"), description)


def too_many(wait: int):
    return error(
        429,
        _("Too many requests"),
        _("This token is over its rate; try again in %(seconds)d seconds.") % {"seconds": wait},
        headers={"Retry-After": str(wait)},
    )
