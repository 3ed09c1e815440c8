"""The TAXII 2.1 endpoints (read-only): discovery, API root, collections, objects."""

import json

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from ictspace.sharing.taxii import pages, responses
from ictspace.sharing.taxii.auth import endpoint
from ictspace.sharing.taxii.collections import collections_visible_to, get_collection

MAX_CONTENT_LENGTH = 10 * 1024 * 1024


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


@endpoint
def discovery(request, user):
    root = _absolute(reverse("taxii:api_root"))
    return responses.taxii_response(
        {
            "title": _("ICT Space Monitor TAXII server"),
            "description": _("Posts shared under TLP 2.0 by the Regional Cyber Committee."),
            "default": root,
            "api_roots": [root],
        }
    )


@endpoint
def api_root(request, user):
    return responses.taxii_response(
        {
            "title": _("Regional Cyber Committee sharing"),
            "description": _("Read-only: what this token's owner may read on the platform."),
            "versions": [responses.TAXII],
            "max_content_length": MAX_CONTENT_LENGTH,
        }
    )


@endpoint
def collections(request, user):
    found = [c.as_taxii() for c in collections_visible_to(user)]
    return responses.taxii_response({"collections": found} if found else {})


@endpoint
def collection(request, user, collection_id):
    return responses.taxii_response(get_collection(user, collection_id).as_taxii())


def _page(request, user, collection_id, object_id=None):
    """(page, None) or (None, the 400 answer) for the request's parameters."""
    found = get_collection(user, collection_id)
    try:
        query = pages.parse(request.GET, object_id=object_id)
    except pages.BadQuery as problem:
        return None, responses.bad_request(str(problem))
    return pages.select(user, found, query), None


def _dated(page: pages.Page, body: dict):
    if page.more:
        body["next"] = page.next
    headers = {}
    if page.items:
        headers["X-TAXII-Date-Added-First"] = pages.timestamp(page.items[0].added)
        headers["X-TAXII-Date-Added-Last"] = pages.timestamp(page.items[-1].added)
    return responses.taxii_response(body, headers=headers)


def _envelope(page: pages.Page):
    body = {"more": page.more}
    if page.items:
        body["objects"] = [json.loads(i.obj.serialize()) for i in page.items]
    return _dated(page, body)


@endpoint
def objects(request, user, collection_id):
    page, problem = _page(request, user, collection_id)
    return problem or _envelope(page)


@endpoint
def object_by_id(request, user, collection_id, object_id):
    page, problem = _page(request, user, collection_id, object_id)
    if problem:
        return problem
    if not page.items:
        raise Http404
    return _envelope(page)


@endpoint
def manifest(request, user, collection_id):
    page, problem = _page(request, user, collection_id)
    if problem:
        return problem
    records = {
        (item.obj["id"], item.version): {
            "id": item.obj["id"],
            "date_added": pages.timestamp(item.added),
            "version": item.version,
            "media_type": responses.STIX,
        }
        for item in page.items
    }
    body = {"more": page.more}
    if records:
        body["objects"] = list(records.values())
    return _dated(page, body)


@endpoint
def versions(request, user, collection_id, object_id):
    page, problem = _page(request, user, collection_id, object_id)
    if problem:
        return problem
    if not page.items:
        raise Http404
    found = list(dict.fromkeys(item.version for item in page.items))
    return _dated(page, {"more": page.more, "versions": found})
