"""The TAXII 2.1 server through HTTP: media types, status codes, filters and pages."""

import base64
import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from ictspace.accounts.models import Role, RoleGrant
from ictspace.conftest import make_user
from ictspace.directory.models import Jurisdiction
from ictspace.sharing.models import Observable
from ictspace.sharing.stix.convert import objects_of
from ictspace.sharing.taxii.collections import COLLECTIONS
from ictspace.sharing.taxii.responses import TAXII
from ictspace.sharing.tests.factories import (
    AlertFactory,
    IncidentFactory,
    ObservableFactory,
    PostFactory,
)
from ictspace.sharing.tlp import Audience, Label
from ictspace.tokens.actions import do_create_token, do_revoke_token

T0 = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)
ALL_POSTS, INCIDENTS = COLLECTIONS[0].id, COLLECTIONS[1].id


def at(hours: int) -> datetime.datetime:
    return T0 + datetime.timedelta(hours=hours)


@pytest.fixture
def ncpoc(directory):
    return make_user(Role.NCPOC, email="ncpoc.taxii@test.example")


@pytest.fixture
def secret(ncpoc):
    return do_create_token(name="csirt", scope="read", acting_user=ncpoc)[1]


@pytest.fixture
def posts(ncpoc):
    """Three posts the NCPOC reads (five objects each at most), two it must never see."""
    jm = Jurisdiction.objects.get(code="JM")
    seen = [
        IncidentFactory(label=Label.AMBER, created_at=at(1)),
        AlertFactory(label=Label.GREEN, created_at=at(2)),
        PostFactory(label=Label.CLEAR, audience=Audience.PUBLIC, created_at=at(3)),
    ]
    ObservableFactory(post=seen[0], type=Observable.Type.IPV4, value="203.0.113.5")
    ObservableFactory(post=seen[0], type=Observable.Type.DOMAIN, value="lure.example.com")
    hidden = [
        IncidentFactory(jurisdiction=jm, audience=Audience.ORIGIN, created_at=at(4)),
        PostFactory(label=Label.RED, created_at=at(5)),
    ]
    ObservableFactory(post=hidden[0], type=Observable.Type.IPV4, value="198.51.100.7")
    return seen, hidden


def get(client, url, secret=None, **headers):
    if secret:
        headers["Authorization"] = f"Bearer {secret}"
    return client.get(url, headers=headers)


def objects_url(collection=ALL_POSTS, **params):
    url = reverse("taxii:objects", args=[collection])
    query = "&".join(
        f"{k.replace('_', '[', 1) + ']' if k.startswith('match_') else k}={v}"
        for k, v in params.items()
    )
    return f"{url}?{query}" if query else url


def ids_of(response) -> set[str]:
    return {o["id"] for o in response.json().get("objects", [])}


def all_ids(posts) -> set[str]:
    return {o["id"] for post in posts for o in objects_of(post)}


def test_discovery_names_the_api_root(client, secret):
    response = get(client, reverse("taxii:discovery"), secret)
    assert response.status_code == 200
    assert response["Content-Type"] == TAXII
    assert response["Cache-Control"] == "private, no-store"
    root = response.json()["default"]
    assert root.endswith(reverse("taxii:api_root"))
    assert response.json()["api_roots"] == [root]
    api_root = get(client, reverse("taxii:api_root"), secret).json()
    assert api_root["versions"] == [TAXII]


@pytest.mark.parametrize(
    "header", [None, "Bearer ict_not-a-token", "Token abc", "Basic !!", "Digest ict_x"]
)
def test_no_token_or_a_bad_one_is_asked_to_authenticate(client, db, header):
    headers = {"Authorization": header} if header else {}
    response = get(client, reverse("taxii:discovery"), **headers)
    assert response.status_code == 401
    assert response["Content-Type"] == TAXII
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["http_status"] == "401"


def test_a_revoked_token_is_refused(client, ncpoc):
    token, secret = do_create_token(name="old", scope="read", acting_user=ncpoc)
    assert get(client, reverse("taxii:collections"), secret).status_code == 200
    do_revoke_token(token, acting_user=ncpoc)
    assert get(client, reverse("taxii:collections"), secret).status_code == 401


def test_the_token_may_come_as_the_basic_password_or_a_token_header(client, secret):
    basic = base64.b64encode(f"csirt:{secret}".encode()).decode()
    response = get(client, reverse("taxii:collections"), Authorization=f"Basic {basic}")
    assert response.status_code == 200
    response = get(client, reverse("taxii:collections"), Authorization=f"Token {secret}")
    assert response.status_code == 200


def test_a_token_over_its_rate_is_told_to_wait(client, secret, settings):
    from rest_framework.throttling import SimpleRateThrottle

    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "token": "3/min"}
    original = SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = rates
    try:
        answers = [get(client, reverse("taxii:discovery"), secret) for _ in range(4)]
    finally:
        SimpleRateThrottle.THROTTLE_RATES = original
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[-1].json()["http_status"] == "429"
    assert int(answers[-1]["Retry-After"]) > 0


def test_a_browser_session_is_not_enough(client, ncpoc):
    client.force_login(ncpoc)
    assert client.get(reverse("taxii:collections")).status_code == 401


@pytest.mark.parametrize(
    "accept",
    ["application/taxii+json;version=2.1", "application/taxii+json", "*/*", "text/html, */*;q=0.1"],
)
def test_the_taxii_media_type_is_accepted(client, secret, accept):
    assert get(client, reverse("taxii:discovery"), secret, Accept=accept).status_code == 200


@pytest.mark.parametrize(
    "accept", ["text/html", "application/taxii+json;version=2.0", "application/json"]
)
def test_any_other_media_type_is_not_acceptable(client, secret, accept):
    response = get(client, reverse("taxii:discovery"), secret, Accept=accept)
    assert response.status_code == 406
    assert response.json()["http_status"] == "406"


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_the_server_is_read_only(client, secret, method):
    url = objects_url()
    response = getattr(client, method)(url, headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_collections_are_one_of_every_post_and_one_per_kind(client, secret):
    found = get(client, reverse("taxii:collections"), secret).json()["collections"]
    assert [c["id"] for c in found] == [c.id for c in COLLECTIONS]
    assert all(c["can_read"] and not c["can_write"] for c in found)
    one = get(client, reverse("taxii:collection", args=[INCIDENTS]), secret).json()
    assert one == found[1]


def test_an_unknown_collection_is_a_404(client, secret):
    missing = get(client, reverse("taxii:collection", args=[INCIDENTS.replace("e", "f")]), secret)
    assert missing.status_code == 404
    assert missing.json()["http_status"] == "404"
    objects = get(client, objects_url(INCIDENTS.replace("e", "f")), secret)
    assert objects.status_code == 404


def test_an_account_whose_seat_ended_reads_only_what_its_pages_show(client, ncpoc, secret, posts):
    """As on the web: no seat, no committee or jurisdiction posts; public ones stay readable."""
    seen, _hidden = posts
    RoleGrant.objects.filter(user=ncpoc).delete()
    assert ids_of(get(client, objects_url(), secret)) == all_ids(seen[2:])


def test_a_deactivated_account_is_refused(client, ncpoc, secret):
    ncpoc.is_active = False
    ncpoc.save(update_fields=["is_active"])
    assert get(client, reverse("taxii:discovery"), secret).status_code == 401


def test_objects_are_exactly_those_of_the_posts_the_reader_may_read(client, secret, posts):
    seen, hidden = posts
    response = get(client, objects_url(), secret)
    assert response.status_code == 200
    assert ids_of(response) == all_ids(seen)
    mains = {o["id"] for post in hidden for o in objects_of(post)[2:]}
    assert not ids_of(response) & mains
    incidents = get(client, objects_url(INCIDENTS), secret)
    assert ids_of(incidents) == all_ids(seen[:1])


def test_pages_follow_next_without_repeating_or_skipping(client, secret, posts):
    seen, _hidden = posts
    found, url, pages = [], objects_url(limit=2), 0
    while True:
        response = get(client, url, secret)
        body = response.json()
        assert len(body.get("objects", [])) == 2 or not body["more"]
        assert response["X-TAXII-Date-Added-First"] <= response["X-TAXII-Date-Added-Last"]
        found += [o["id"] for o in body.get("objects", [])]
        pages += 1
        if not body["more"]:
            break
        url = objects_url(limit=2, next=body["next"])
    assert pages > 2
    assert set(found) == all_ids(seen)
    posts_own = [i for i in found if not i.startswith(("identity", "marking"))]
    assert len(posts_own) == len(set(posts_own))


def test_added_after_returns_what_changed_since(client, secret, posts):
    seen, _hidden = posts
    response = get(client, objects_url(added_after="2026-11-02T10:30:00Z"), secret)
    assert ids_of(response) == all_ids(seen[1:])
    assert response["X-TAXII-Date-Added-First"] == "2026-11-02T11:00:00.000000Z"


def test_match_type_and_id(client, secret, posts):
    seen, hidden = posts
    indicators = get(client, objects_url(match_type="indicator"), secret)
    assert {o["type"] for o in indicators.json()["objects"]} == {"indicator"}
    assert len(indicators.json()["objects"]) == 2
    wanted = objects_of(seen[1])[2]["id"]
    assert ids_of(get(client, objects_url(match_id=wanted), secret)) == {wanted}
    secret_id = objects_of(hidden[0])[2]["id"]
    assert ids_of(get(client, objects_url(match_id=secret_id), secret)) == set()


def test_an_object_by_id_and_its_versions(client, secret, posts):
    seen, hidden = posts
    incident = objects_of(seen[0])[2]
    url = reverse("taxii:object", args=[ALL_POSTS, incident["id"]])
    assert ids_of(get(client, url, secret)) == {incident["id"]}
    versions = get(client, reverse("taxii:versions", args=[ALL_POSTS, incident["id"]]), secret)
    assert versions.json()["versions"] == ["2026-11-02T10:00:00.000000Z"]
    secret_id = objects_of(hidden[0])[2]["id"]
    refused = get(client, reverse("taxii:object", args=[ALL_POSTS, secret_id]), secret)
    assert refused.status_code == 404
    version = get(client, url + "?match[version]=2026-11-02T10:00:00Z", secret)
    assert ids_of(version) == {incident["id"]}
    assert ids_of(get(client, url + "?match[version]=2025-01-01T00:00:00Z", secret)) == set()


def test_the_manifest_lists_versions_and_media_types(client, secret, posts):
    seen, _hidden = posts
    url = reverse("taxii:manifest", args=[INCIDENTS])
    records = get(client, url, secret).json()["objects"]
    assert {r["id"] for r in records} == all_ids(seen[:1])
    assert {r["media_type"] for r in records} == {"application/stix+json;version=2.1"}
    assert {r["date_added"] for r in records} == {"2026-11-02T10:00:00.000000Z"}


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=x",
        "limit=²",  # a digit to str.isdigit(), not to int()
        "added_after=yesterday",
        "added_after=2026-01-01T00:00:00",
        "next=%%%",
        "next=WyIyMDI2LTAxLTAxVDAwOjAwOjAwIiwgMSwgMF0",
        "match[version]=soon",
    ],
)
def test_a_bad_parameter_is_a_400_that_says_which(client, secret, query):
    response = get(client, objects_url() + "?" + query, secret)
    assert response.status_code == 400
    assert response.json()["http_status"] == "400"


def test_the_operator_documentation_names_every_collection_id():
    text = (Path(settings.PROJECT_DIR) / "docs" / "taxii.md").read_text()
    assert all(c.id in text for c in COLLECTIONS)
