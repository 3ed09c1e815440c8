"""The STIX downloads: a valid bundle for a reader, 404 for anyone else, an audit entry."""

import json

import pytest
from django.urls import reverse
from stix2validator import ValidationOptions, validate_instance

from ictspace.accounts.models import Role
from ictspace.audit.models import AuditEntry
from ictspace.conftest import make_user
from ictspace.directory.models import Jurisdiction
from ictspace.sharing.tests.factories import IncidentFactory, ObservableFactory, PostFactory
from ictspace.sharing.tlp import Audience, Label


@pytest.fixture
def ncpoc(directory):
    return make_user(Role.NCPOC, email="ncpoc.stix@test.example")


@pytest.fixture
def shared(ncpoc):
    mine = IncidentFactory(label=Label.AMBER)
    ObservableFactory(post=mine, type="sha256", value="ab" * 32)
    theirs = PostFactory(jurisdiction=Jurisdiction.objects.get(code="JM"), audience=Audience.ORIGIN)
    return mine, theirs


def _valid(response) -> dict:
    bundle = json.loads(response.content)
    result = validate_instance(bundle, ValidationOptions(version="2.1"))
    assert result.is_valid, [str(e) for e in result.errors]
    return bundle


def test_a_reader_downloads_a_posts_bundle_and_the_export_is_audited(client, ncpoc, shared):
    mine, _theirs = shared
    client.force_login(ncpoc)
    response = client.get(reverse("stix:export_post", args=[mine.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/stix+json;version=2.1"
    assert response["Content-Disposition"] == f'attachment; filename="post-{mine.pk}.stix.json"'
    types = {o["type"] for o in _valid(response)["objects"]}
    assert {"incident", "indicator", "relationship", "marking-definition"} <= types
    entry = AuditEntry.objects.get(action="export_stix")
    assert (entry.actor, entry.object_id) == (ncpoc, str(mine.pk))


def test_a_post_the_user_may_not_read_is_a_404_and_nothing_is_recorded(client, ncpoc, shared):
    _mine, theirs = shared
    client.force_login(ncpoc)
    assert client.get(reverse("stix:export_post", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("stix:export_post", args=[10**9])).status_code == 404
    assert not AuditEntry.objects.filter(action="export_stix").exists()


def test_the_list_download_holds_exactly_the_posts_the_user_reads(client, ncpoc, shared):
    mine, theirs = shared
    client.force_login(ncpoc)
    bundle = _valid(client.get(reverse("stix:export_list")))
    titles = {o.get("name") or o.get("abstract") for o in bundle["objects"]}
    assert mine.title in titles
    assert theirs.title not in titles
    entry = AuditEntry.objects.get(action="export_stix")
    assert entry.changes == {"posts": [None, [mine.pk]]}


def test_the_post_page_and_the_list_offer_the_download(client, ncpoc, shared):
    mine, _theirs = shared
    client.force_login(ncpoc)
    page = client.get(reverse("sharing:detail", args=[mine.pk])).content.decode()
    assert reverse("stix:export_post", args=[mine.pk]) in page
    assert reverse("stix:export_list") in client.get(reverse("sharing:list")).content.decode()
