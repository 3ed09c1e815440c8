"""The public pages ask the same number of queries for two jurisdictions or for all of them."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ictspace.access import SYSTEM
from ictspace.catalogue.models import Library
from ictspace.conftest import OWN
from ictspace.directory.models import Jurisdiction
from ictspace.releases.actions import do_publish_release
from ictspace.releases.tests.test_public import _status, _value


def _counts(client, release) -> dict:
    n = release.number
    urls = [
        reverse("releases:overview"),
        reverse("releases:release", args=[n]),
        reverse("releases:country", args=[n, OWN]),
        reverse("releases:indicator", args=[n, "ict-core-indicators", "ind-internet"]),
    ]
    out = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        out[url.replace(f"/{n}/", "/N/")] = len(queries)
    return out


def test_public_pages_ask_a_constant_number_of_queries(cast, client):
    _status(OWN, "validated", datetime.date(2024, 1, 1))
    for code in ("BB", "JM", "TT", "GY"):
        _value(code, "validated", 2023, 40)

    def publish(places):
        return do_publish_release(
            title="R",
            as_of=datetime.date(2024, 6, 30),
            libraries=Library.objects.all(),
            jurisdictions=places,
            acting_user=SYSTEM,
        )

    two = Jurisdiction.objects.filter(code__in=[OWN, "JM"])
    publish(two)  # so that each measured release has a previous one to compare with
    small = _counts(client, publish(two))
    large = _counts(client, publish(Jurisdiction.objects.all()))
    assert small == large
    assert max(large.values()) <= 20, large
