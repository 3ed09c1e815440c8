"""The STIX 2.1 export: valid bundles, standard TLP 2.0 markings, stable ids, patterns."""

import datetime
import json

import pytest
from stix2validator import ValidationOptions, validate_instance

from ictspace.directory.models import Organisation
from ictspace.sharing.models import Observable, Post
from ictspace.sharing.stix.convert import bundle_of, objects_of
from ictspace.sharing.stix.markings import TLP2_MARKINGS
from ictspace.sharing.stix.patterns import pattern_for
from ictspace.sharing.tests.factories import (
    AlertFactory,
    IncidentFactory,
    ObservableFactory,
    OfferFactory,
    PostFactory,
    RequestFactory,
)
from ictspace.sharing.tlp import Label

T0 = datetime.datetime(2026, 11, 2, 9, 30, tzinfo=datetime.UTC)

OBSERVABLES = [
    ("domain", "bad.example.com"),
    ("ipv4", "203.0.113.5"),
    ("ipv6", "2001:db8::1"),
    ("url", "https://bad.example.com/it's?a=1"),
    ("email", "phish@bad.example.com"),
    ("md5", "d41d8cd98f00b204e9800998ecf8427e"),
    ("sha1", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
    ("sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
]


def assert_valid(bundle):
    """stix2-validator, strict on errors; the result's text explains any failure."""
    results = validate_instance(json.loads(bundle.serialize()), ValidationOptions(version="2.1"))
    assert results.is_valid, [str(e) for e in results.errors]


@pytest.fixture
def every_kind(directory):
    incident = IncidentFactory(
        label=Label.AMBER, created_at=T0, organisation=Organisation.objects.get(code="CTU")
    )
    for kind, value in OBSERVABLES:
        ObservableFactory(post=incident, type=kind, value=value, note="Seen in the lure")
    alert = AlertFactory(label=Label.GREEN, created_at=T0)
    ObservableFactory(post=alert, type=Observable.Type.DOMAIN, value="c2.example.net")
    return [
        incident,
        alert,
        PostFactory(label=Label.RED, created_at=T0),
        OfferFactory(label=Label.CLEAR, audience="public", created_at=T0),
        RequestFactory(label=Label.AMBER_STRICT, created_at=T0),
    ]


def test_every_kind_and_label_makes_a_valid_bundle(every_kind):
    bundle = bundle_of(Post.objects.all())
    assert_valid(bundle)
    types = {o["type"] for o in bundle.objects}
    assert {"incident", "report", "note", "indicator", "relationship", "identity"} <= types
    assert {o["id"] for o in bundle.objects if o["type"] == "marking-definition"} == {
        m.id for m in TLP2_MARKINGS.values()
    }


def of_type(objects, stix_type):
    return next(o for o in objects if o["type"] == stix_type)


def test_each_object_carries_its_posts_standard_tlp_marking(every_kind):
    red = every_kind[2]
    main = of_type(objects_of(red), "note")
    assert main.object_marking_refs == ["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"]
    incident_objects = objects_of(every_kind[0])
    marked = [o for o in incident_objects if o["type"] in {"incident", "indicator"}]
    assert {tuple(o.object_marking_refs) for o in marked} == {
        ("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",)
    }


def test_a_re_export_is_identical_until_the_post_changes(every_kind):
    first = bundle_of(Post.objects.all()).serialize()
    assert bundle_of(Post.objects.all()).serialize() == first
    post = every_kind[0]
    Post.objects.filter(pk=post.pk).update(updated_at=T0 + datetime.timedelta(days=1))
    post.refresh_from_db()
    incident = of_type(objects_of(post), "incident")
    assert incident.modified == T0 + datetime.timedelta(days=1)
    assert incident.id == of_type(json.loads(first)["objects"], "incident")["id"]
    assert bundle_of(Post.objects.all()).serialize() != first


def test_observables_become_indicators_with_stix_patterns(every_kind):
    patterns = {o.pattern for o in objects_of(every_kind[0]) if o["type"] == "indicator"}
    assert patterns == {
        "[domain-name:value = 'bad.example.com']",
        "[ipv4-addr:value = '203.0.113.5']",
        "[ipv6-addr:value = '2001:db8::1']",
        "[url:value = 'https://bad.example.com/it\\'s?a=1']",
        "[email-addr:value = 'phish@bad.example.com']",
        "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']",
        "[file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']",
        "[file:hashes.'SHA-256' = "
        "'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']",
    }


def test_a_pattern_escapes_backslashes_and_quotes():
    assert pattern_for("url", "http://x/a\\'b") == "[url:value = 'http://x/a\\\\\\'b']"
    assert pattern_for("hash", "D41D8CD98F00B204E9800998ECF8427E").startswith("[file:hashes.MD5")
    assert pattern_for("asn", "AS64500") is None


def test_the_author_is_the_organisation_or_else_the_jurisdiction(every_kind):
    incident, alert = every_kind[0], every_kind[1]
    assert objects_of(incident)[0]["name"] == Organisation.objects.get(code="CTU").name
    assert objects_of(alert)[0]["name"] == alert.jurisdiction.name
