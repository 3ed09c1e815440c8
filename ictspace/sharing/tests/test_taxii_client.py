"""The TAXII server read by taxii2-client, a real TAXII 2.1 client, over a live server."""

import datetime

import pytest
import requests
from taxii2client.v21 import Server, as_pages

from ictspace.accounts.models import Role
from ictspace.conftest import make_user
from ictspace.sharing.models import Observable
from ictspace.sharing.stix.convert import objects_of
from ictspace.sharing.taxii.collections import COLLECTIONS
from ictspace.sharing.tests.factories import IncidentFactory, ObservableFactory, PostFactory
from ictspace.sharing.tlp import Label
from ictspace.tokens.actions import do_create_token, do_revoke_token

T0 = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)


class Bearer(requests.auth.AuthBase):
    """The personal token in the header the server documents."""

    def __init__(self, secret):
        self.secret = secret

    def __call__(self, request):
        request.headers["Authorization"] = f"Bearer {self.secret}"
        return request


@pytest.fixture
def site(live_server, settings, directory):
    # Discovery answers with the configured address: here, the live server's.
    settings.SITE_URL = live_server.url
    return live_server.url + "/taxii2/"


@pytest.fixture
def ncpoc(site):
    return make_user(Role.NCPOC, email="ncpoc.client@test.example")


@pytest.fixture
def posts(ncpoc):
    made = []
    for hour in range(6):
        post = IncidentFactory(label=Label.GREEN, created_at=T0 + datetime.timedelta(hours=hour))
        ObservableFactory(post=post, type=Observable.Type.IPV4, value=f"203.0.113.{hour}")
        made.append(post)
    made.append(PostFactory(label=Label.RED, created_at=T0))  # nobody named: never served
    return made


def test_a_client_discovers_the_collections_and_pages_through_objects(site, ncpoc, posts):
    secret = do_create_token(name="misp", scope="read", acting_user=ncpoc)[1]
    server = Server(site, auth=Bearer(secret))
    api_root = server.default
    assert [c.id for c in api_root.collections] == [c.id for c in COLLECTIONS]
    incidents = next(c for c in api_root.collections if c.id == COLLECTIONS[1].id)
    assert incidents.can_read and not incidents.can_write

    pages = list(as_pages(incidents.get_objects, per_request=3))
    found = [o["id"] for page in pages for o in page.get("objects", [])]
    assert len(pages) > 3
    expected = {o["id"] for post in posts[:6] for o in objects_of(post)}
    assert set(found) == expected

    recent = incidents.get_objects(added_after="2026-11-02T13:30:00Z")
    assert {o["id"] for o in recent["objects"]} == {o["id"] for o in objects_of(posts[5])}

    manifest = incidents.get_manifest()
    assert {r["id"] for r in manifest["objects"]} == expected


def test_a_revoked_token_is_refused_to_the_client(site, ncpoc):
    token, secret = do_create_token(name="opencti", scope="read", acting_user=ncpoc)
    assert Server(site, auth=Bearer(secret)).title
    do_revoke_token(token, acting_user=ncpoc)
    with pytest.raises(requests.HTTPError) as refused:
        Server(site, auth=Bearer(secret)).refresh()
    assert refused.value.response.status_code == 401
