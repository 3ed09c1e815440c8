"""Every main page, first visit, weighs at most 30 KB on the wire: compressed HTML + CSS + JS.

The HTML is compressed by GZipMiddleware (its random padding included); CSS and JS as
WhiteNoise serves its compressed copies. A page that grows past the budget fails here.
"""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from ictspace.tests.main_pages import MAIN_PAGES, address
from ictspace.tests.objects import committed_world

BUDGET = 30 * 1024
ASSETS = re.compile(r'<(?:link rel="stylesheet" href|script src)="/static/([^"]+)"')


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with committed_world(django_db_blocker, tmp_path_factory.mktemp("media")) as built:
        yield built


def _asset_bytes(path: str) -> int:
    found = finders.find(path)
    assert found, f"{path} is linked but not found"
    with open(found, "rb") as f:
        return len(gzip.compress(f.read(), compresslevel=9))


def _weight(client: Client, url: str) -> tuple[int, dict]:
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200, url
    assert response["Content-Encoding"] == "gzip", url
    html = gzip.decompress(response.content).decode()
    parts = {"html": len(response.content)}
    for asset in ASSETS.findall(html):
        parts[asset] = _asset_bytes(asset)
    return sum(parts.values()), parts


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "name", "query"), MAIN_PAGES, ids=lambda v: str(v))
def test_main_page_fits_the_budget(world, role, name, query):
    cast, objects = world
    client = Client()
    if cast[role] is not None:
        client.force_login(cast[role])
    total, parts = _weight(client, address(name, objects, query))
    assert total <= BUDGET, f"{name}{query}: {total} bytes > {BUDGET} ({parts})"


@pytest.mark.django_db
def test_htmx_loads_only_where_a_page_polls(world):
    from django.urls import reverse

    cast, objects = world
    client = Client()
    client.force_login(cast["ncpoc"])
    for name in ("tracking:matrix", "indicators:import"):  # the upload is read: no polling
        assert "htmx.min.js" not in client.get(address(name, objects)).content.decode(), name
    reading = objects["job_stalled"]["BB"]  # still being read: its page polls
    page = client.get(reverse("indicators:import", args=[reading.pk])).content.decode()
    assert "htmx.min.js" in page and 'hx-trigger="every 1s"' in page


def test_the_budget_test_fails_on_a_heavy_page():
    """The check can fail: 40 KB of incompressible bytes weigh more than the budget."""
    import os

    assert len(gzip.compress(os.urandom(40 * 1024))) > BUDGET
