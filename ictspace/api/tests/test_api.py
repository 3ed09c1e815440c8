"""The API's shared behaviour: schema, problem details, pagination, ETags, rate limits."""

import datetime

import pytest
import yaml
from django.urls import reverse
from django.utils import timezone

from ictspace.accounts.models import Role
from ictspace.catalogue.models import Item
from ictspace.conftest import OWN
from ictspace.directory.models import Jurisdiction
from ictspace.tokens.actions import do_create_token
from ictspace.tracking.models import StatusUpdate

IWP = "single-ict-space-iwp-2017"


@pytest.fixture
def ncpoc(cast):
    _token, secret = do_create_token(name="t", scope="write", acting_user=cast[Role.NCPOC])
    return {"Authorization": f"Bearer {secret}"}


def test_the_schema_is_openapi_3_1_with_an_id_and_description_on_every_operation(client, db):
    response = client.get(reverse("api:schema"))
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.1")
    operations = [op for methods in schema["paths"].values() for op in methods.values()]
    assert len(operations) >= 25
    assert [op for op in operations if not op.get("operationId")] == []
    assert [op["operationId"] for op in operations if not op.get("description")] == []
    ids = [op["operationId"] for op in operations]
    assert len(ids) == len(set(ids))


def test_the_docs_page_lists_every_operation(client):
    page = client.get(reverse("api:docs")).content.decode()
    assert "status_updates_create" in page and "gap_analysis" in page
    assert "<script>" not in page


def test_an_invalid_field_is_named_in_a_problem_document(client, ncpoc):
    response = client.post(
        reverse("api:status_updates"),
        {"jurisdiction": OWN, "library": IWP, "item": "3.1.4", "status": "completed"},
        content_type="application/json",
        headers=ncpoc,
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400 and body["title"] == "Invalid request"
    assert [e["field"] for e in body["errors"]] == ["effective_date"]


def test_an_actions_own_refusal_names_the_field(client, ncpoc):
    """The action's rule (a status on the item's scale), not a second copy of it in the API."""
    response = client.post(
        reverse("api:status_updates"),
        {
            "jurisdiction": OWN,
            "library": IWP,
            "item": "3.1.4",
            "status": "excellent",
            "effective_date": "2024-01-01",
        },
        content_type="application/json",
        headers=ncpoc,
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "status"


def test_a_stale_edit_is_a_conflict_on_the_version(client, ncpoc):
    made = client.post(
        reverse("api:status_updates"),
        {
            "jurisdiction": OWN,
            "library": IWP,
            "item": "3.1.4",
            "status": "in_progress",
            "effective_date": "2024-01-01",
        },
        content_type="application/json",
        headers=ncpoc,
    ).json()
    url = reverse("api:status_update", args=[made["id"]])
    first = client.patch(
        url, {"version": 1, "status": "completed"}, "application/json", headers=ncpoc
    )
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = client.patch(url, {"version": 1, "narrative": "x"}, "application/json", headers=ncpoc)
    assert stale.status_code == 409
    assert stale.json()["errors"][0]["field"] == "version"


def test_lists_page_by_cursor_and_answer_304_to_a_matching_etag(client, ncpoc):
    item = Item.objects.get(library__slug=IWP, ref="3.1.4")
    bb = Jurisdiction.objects.get(code=OWN)
    for day in range(1, 6):
        StatusUpdate.objects.create(
            jurisdiction=bb,
            item=item,
            status="in_progress",
            effective_date=datetime.date(2024, 1, day),
            review_state="validated",
            created_at=timezone.now(),
        )
    url = reverse("api:status_updates") + "?page_size=2&ordering=effective_date"
    first = client.get(url, headers=ncpoc)
    body = first.json()
    assert [r["effective_date"] for r in body["results"]] == ["2024-01-01", "2024-01-02"]
    second = client.get(body["next"], headers=ncpoc).json()
    assert [r["effective_date"] for r in second["results"]] == ["2024-01-03", "2024-01-04"]
    again = client.get(url, headers={**ncpoc, "If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again["ETag"] == first["ETag"]


def test_filters_narrow_a_list(client, ncpoc):
    rows = client.get(reverse("api:jurisdictions") + "?kind=region", headers=ncpoc).json()
    assert [r["code"] for r in rows["results"]] == ["CARICOM"]


def test_a_token_over_its_rate_is_told_to_wait(client, ncpoc, settings):
    from rest_framework.throttling import SimpleRateThrottle

    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "token": "3/min"}
    original = SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = rates
    try:
        answers = [client.get(reverse("api:jurisdictions"), headers=ncpoc) for _ in range(4)]
    finally:
        SimpleRateThrottle.THROTTLE_RATES = original
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[-1]["Content-Type"] == "application/problem+json"
    assert int(answers[-1]["Retry-After"]) > 0


def test_a_nul_byte_in_a_filter_is_a_field_error(client, db):
    response = client.get(reverse("api:jurisdictions") + "?kind=a%00b")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "kind"


def test_evidence_file_upload_is_sniffed_and_downloads_as_stored(cast, client, ncpoc):
    from django.core.files.uploadedfile import SimpleUploadedFile

    draft = client.post(
        reverse("api:status_updates"),
        {
            "jurisdiction": OWN,
            "library": IWP,
            "item": "3.1.4",
            "status": "in_progress",
            "effective_date": "2024-01-01",
        },
        content_type="application/json",
        headers=ncpoc,
    ).json()
    url = reverse("api:status_update_evidence", args=[draft["id"]])
    fake = SimpleUploadedFile("notice.pdf", b"MZ\x90\x00 not a pdf")
    refused = client.post(url, {"kind": "file", "citation": "Gazette", "file": fake}, headers=ncpoc)
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "file"
    pdf = SimpleUploadedFile("notice.pdf", b"%PDF-1.4\n%%EOF\n")
    made = client.post(url, {"kind": "file", "citation": "Gazette", "file": pdf}, headers=ncpoc)
    assert made.status_code == 201, made.content
    download = client.get(reverse("api:evidence_download", args=[made.json()["id"]]), headers=ncpoc)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4\n%%EOF\n"


def _grow_streams(count: int) -> None:
    """`count` validated updates and values, spread over jurisdictions, items and indicators."""
    from ictspace.catalogue.models import Indicator
    from ictspace.indicators.models import Observation

    places = list(Jurisdiction.objects.order_by("code")[:6])
    items = list(Item.objects.filter(library__slug=IWP).order_by("id")[:7])
    indicators = list(Indicator.objects.order_by("id")[:5])
    now = timezone.now()
    StatusUpdate.objects.bulk_create(
        StatusUpdate(
            jurisdiction=places[n % len(places)],
            item=items[n % len(items)],
            status="in_progress",
            effective_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            review_state="validated",
            created_at=now,
        )
        for n in range(count)
    )
    Observation.objects.bulk_create(
        Observation(
            jurisdiction=places[n % len(places)],
            indicator=indicators[n % len(indicators)],
            period=str(1900 + n),
            period_start=datetime.date(1900 + n, 1, 1),
            period_end=datetime.date(1900 + n, 12, 31),
            value_number=n,
            review_state="validated",
            created_at=now,
        )
        for n in range(count)
    )


@pytest.mark.parametrize("name", ["api:status_updates", "api:observations"])
def test_a_big_list_costs_the_same_queries_for_two_rows_and_a_full_page(client, ncpoc, name):
    # The rows' jurisdictions, items and indicators are fetched after the page, not joined:
    # a join let SQLite sort the whole stream to return 50 rows.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _grow_streams(2)
    with CaptureQueriesContext(connection) as few:
        small = client.get(reverse(name), headers=ncpoc).json()
    _grow_streams(120)
    with CaptureQueriesContext(connection) as many:
        full = client.get(reverse(name), headers=ncpoc).json()
    assert len(small["results"]) < len(full["results"]) == 50
    assert len(many.captured_queries) == len(few.captured_queries)
    table = {
        "api:status_updates": "tracking_statusupdate",
        "api:observations": "indicators_observation",
    }
    page = [q["sql"] for q in many.captured_queries if f'FROM "{table[name]}"' in q["sql"]]
    assert page and all("JOIN" not in sql for sql in page)
    first = full["results"][0]
    assert first["jurisdiction"] and (first.get("item") or first.get("indicator"))
