"""Every URL of the permission matrix, as every role: a CSP, and no caching when signed in.

Also every HTML answer: no inline script, no style attribute, no on* handler, so that the
policy (which forbids them) breaks nothing. Issue 11, item 6.
"""

import re

import pytest
from django.urls import NoReverseMatch, reverse

from ictspace.conftest import CAST_ROLES, OWN
from ictspace.headers import CONTENT_SECURITY_POLICY
from ictspace.tests import test_permission_matrix as pm
from ictspace.tests.objects import committed_world

# A <script> that runs: anything but an external file or a JSON data block.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle=", re.I)
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+=", re.I)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.I)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with committed_world(django_db_blocker, tmp_path_factory.mktemp("media")) as built:
        yield built


def _urls(objects) -> list[str]:
    urls = [
        reverse(pm._name(name), kwargs=build(OWN, objects))
        for name, (build, *_rest) in sorted(pm.MATRIX.items())
    ]
    for name, _pattern in pm._patterns():
        if pm._is_allauth(name):
            try:
                urls.append(reverse(name))
            except NoReverseMatch:  # needs a key from its own flow
                continue
    return urls


def _inline_code(html: str) -> list[str]:
    found = []
    for pattern in (INLINE_SCRIPT, STYLE_ATTRIBUTE, HANDLER, STYLE_ELEMENT):
        found += pattern.findall(html)
    return found


def test_the_policy_forbids_inline_code_and_framing():
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert "style-src 'self'" in CONTENT_SECURITY_POLICY
    assert "unsafe" not in CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("role", CAST_ROLES)
def test_every_answer_has_the_policy_and_signed_in_ones_are_not_stored(role, db, world, client_for):
    cast, objects = world
    client = client_for(cast[role])
    checked = 0
    for url in _urls(objects):
        response = client.get(url)
        # A download keeps its stricter policy (files.serving.protect: no script at all).
        assert response["Content-Security-Policy"] in (CONTENT_SECURITY_POLICY, "sandbox"), url
        if role != "anonymous":
            assert response.get("Cache-Control") == "private, no-store", url
        if response.get("Content-Type", "").startswith("text/html") and not response.streaming:
            assert _inline_code(response.content.decode()) == [], url
        checked += 1
    assert checked > len(pm.MATRIX)  # every matrix URL and allauth's pages


def test_the_detector_finds_what_it_looks_for():
    html = '<p style="x"><a onclick="y"><script>z()</script><style>a{}</style>'
    assert len(_inline_code(html)) == 4
    fine = '<script src="/static/a.js"></script><script type="application/json">{}</script>'
    assert _inline_code(fine) == []
