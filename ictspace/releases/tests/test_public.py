"""Public pages and downloads: released data only, small on a slow link, `lang` right."""

import datetime
import gzip
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from ictspace.accounts.models import Role
from ictspace.catalogue.models import Indicator, Item, Library
from ictspace.conftest import OTHER, OWN
from ictspace.directory.models import Jurisdiction
from ictspace.indicators.models import Observation
from ictspace.releases.actions import do_publish_release
from ictspace.tests.test_permission_matrix import _patterns
from ictspace.tracking.models import StatusUpdate

IWP = "single-ict-space-iwp-2017"
CORE = "ict-core-indicators"
AS_OF = datetime.date(2024, 6, 30)
# Strings and numbers that exist in the database but were never released.
SECRETS = ["SECRET-NARRATIVE", "SECRET-RETURN", "SECRET-SOURCE", "987654", "123457"]
LIMIT = 30 * 1024


def _status(code, state, effective, ref="3.1.4", **extra):
    return StatusUpdate.objects.create(
        jurisdiction=Jurisdiction.objects.get(code=code),
        item=Item.objects.get(library__slug=IWP, ref=ref),
        status="completed",
        effective_date=effective,
        review_state=state,
        created_at=timezone.now(),
        **extra,
    )


def _value(code, state, year, number, source="", **extra):
    return Observation.objects.create(
        jurisdiction=Jurisdiction.objects.get(code=code),
        indicator=Indicator.objects.get(library__slug=CORE, code="ind-internet"),
        period=str(year),
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        value_number=Decimal(number),
        source=source,
        review_state=state,
        created_at=timezone.now(),
        **extra,
    )


@pytest.fixture
def release(cast):
    """A release with released data, and unreleased, draft, returned and private data beside it."""
    _status(OWN, "validated", datetime.date(2024, 1, 1), narrative="SECRET-NARRATIVE")
    _status(OTHER, "draft", datetime.date(2024, 1, 1), ref="3.1.5", narrative="SECRET-NARRATIVE")
    _status(OTHER, "returned", datetime.date(2024, 1, 1), return_reason="SECRET-RETURN")
    _status(OTHER, "validated", datetime.date(2024, 9, 1), ref="3.1.6")  # after the as-of date
    _value(OWN, "validated", 2023, 41)
    _value(OWN, "submitted", 2022, 987654, source="SECRET-SOURCE")
    _value(OTHER, "returned", 2023, 987654, source="SECRET-SOURCE", return_reason="SECRET-RETURN")
    _value(OTHER, "validated", 2024, 123457)  # its period ends after the as-of date
    made = do_publish_release(
        title="Mid-year 2024",
        as_of=AS_OF,
        libraries=Library.objects.filter(slug__in=[IWP, CORE]),
        jurisdictions=Jurisdiction.objects.filter(code__in=[OWN, OTHER, "CARICOM"]),
        acting_user=cast[Role.SECRETARIAT],
    )
    # Validated after publication, effective before its date: still not in the release.
    _status(OTHER, "validated", datetime.date(2024, 2, 1), ref="3.1.7")
    _value(OTHER, "validated", 2021, 987654, source="SECRET-SOURCE")
    return made


def public_urls(release) -> dict[str, str]:
    n = release.number
    ind = {"number": n, "slug": CORE, "code": "ind-internet"}
    return {
        "releases:overview": reverse("releases:overview"),
        "releases:libraries": reverse("releases:libraries"),
        "releases:library": reverse("releases:library", args=[IWP]),
        "releases:list": reverse("releases:list"),
        "releases:feed": reverse("releases:feed"),
        "releases:catalogue": reverse("releases:catalogue"),
        "releases:release": reverse("releases:release", args=[n]),
        "releases:country": reverse("releases:country", args=[n, OTHER]),
        "releases:country#own": reverse("releases:country", args=[n, OWN]),
        "releases:indicator": reverse("releases:indicator", kwargs=ind),
        **{
            f"releases:statuses#{fmt}": reverse("releases:statuses", args=[n, fmt])
            for fmt in ("csv", "json")
        },
        **{
            f"releases:values#{fmt}": reverse("releases:values", args=[n, fmt])
            for fmt in ("csv", "json", "sdmx.csv")
        },
        **{
            f"releases:indicator_values#{fmt}": reverse(
                "releases:indicator_values", kwargs={**ind, "fmt": fmt}
            )
            for fmt in ("csv", "json", "sdmx.csv")
        },
    }


PAGES = [
    "releases:overview",
    "releases:libraries",
    "releases:library",
    "releases:list",
    "releases:release",
    "releases:country",
    "releases:country#own",
    "releases:indicator",
]
NOT_PUBLIC = {"releases:publish", "releases:withdraw"}


def test_every_public_url_is_checked(release):
    names = {name for name, _ in _patterns() if name.startswith("releases:")} - NOT_PUBLIC
    assert names == {key.split("#")[0] for key in public_urls(release)}


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_no_public_url_shows_unreleased_draft_returned_or_private_data(release, client):
    for name, url in public_urls(release).items():
        response = client.get(url)
        assert response.status_code == 200, name
        text = body_of(response).decode("utf-8")
        leaked = [s for s in SECRETS if s in text]
        assert leaked == [], f"{name} shows {leaked}"


def test_the_released_value_and_status_are_there(release, client):
    data = client.get(reverse("releases:values", args=[release.number, "json"])).json()
    assert [(v["jurisdiction"], v["value"]) for v in data["values"]] == [(OWN, "41")]
    assert data["licence"] == "CC BY 4.0" and data["tlp"] == "TLP:CLEAR"
    sdmx = body_of(client.get(reverse("releases:values", args=[release.number, "sdmx.csv"])))
    assert sdmx.startswith(b"DATAFLOW,") and b",41," in sdmx


def test_every_download_states_its_licence(release, client):
    for name, url in public_urls(release).items():
        if name not in PAGES and name not in ("releases:feed", "releases:catalogue"):
            response = client.get(url)
            assert (
                response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
            )


def test_every_public_page_is_at_most_30_kb_compressed_and_names_its_language(release, client):
    for name in PAGES:
        url = public_urls(release)[name]
        response = client.get(url, headers={"Accept-Language": "fr"})
        assert len(gzip.compress(response.content)) <= LIMIT, name
        assert '<html lang="fr">' in response.content.decode(), name
        assert '<html lang="en">' in client.get(url).content.decode(), name


def test_a_public_number_links_to_its_release(release, client):
    page = client.get(reverse("releases:overview")).content.decode()
    assert reverse("releases:release", args=[release.number]) in page


def test_the_catalogue_and_feed_list_the_release(release, client):
    catalogue = json.loads(client.get(reverse("releases:catalogue")).content)
    (dataset,) = catalogue["dataset"]
    assert dataset["license"].endswith("/by/4.0/")
    assert {d["mediaType"] for d in dataset["distribution"]} >= {"text/csv", "application/json"}
    feed = client.get(reverse("releases:feed"))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert b"Mid-year 2024" in feed.content


def test_pages_of_a_release_of_everything_stay_under_30_kb(cast, client):
    """Every library and jurisdiction: the largest pages the region can have today."""
    _status(OWN, "validated", datetime.date(2024, 1, 1))
    made = do_publish_release(
        title="Everything",
        as_of=AS_OF,
        libraries=Library.objects.all(),
        jurisdictions=Jurisdiction.objects.all(),
        acting_user=cast[Role.SECRETARIAT],
    )
    urls = [
        reverse("releases:overview"),
        reverse("releases:release", args=[made.number]),
        reverse("releases:country", args=[made.number, OWN]),
        reverse("releases:country", args=[made.number, "CARICOM"]),
        *(reverse("releases:library", args=[lib.slug]) for lib in Library.objects.all()),
    ]
    sizes = {url: len(gzip.compress(client.get(url).content)) for url in urls}
    assert {url: size for url, size in sizes.items() if size > LIMIT} == {}
