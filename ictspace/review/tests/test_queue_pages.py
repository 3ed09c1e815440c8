"""The two review queue pages, a page at a time from a cursor, in a pinned number of queries."""

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ictspace.indicators import views as indicator_views
from ictspace.indicators.models import Observation
from ictspace.review.models import ReviewState
from ictspace.review.tests.helpers import IWP, applied_upload, observation, status_update
from ictspace.tracking.models import StatusUpdate
from ictspace.tracking.views import updates as tracking_views

pytestmark = pytest.mark.django_db
LINK = re.compile(r'<a href="\?([^"]*)" rel="(prev|next)">')
UPDATES = reverse("tracking:review_queue")
VALUES = reverse("indicators:review_queue")


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(tracking_views, "PAGE_SIZE", 3)
    monkeypatch.setattr(indicator_views, "PAGE_SIZE", 3)


def _waiting(cast, n: int, *, start: int = 0) -> None:
    """n of each waiting kind by the NCPOC, in pairs submitted at the same instant, and
    what must not be listed: the reviewers' own, decided ones, drafts; an upload with an
    unusual value."""
    base = timezone.now() - datetime.timedelta(days=400)
    for k in range(start, start + n):
        when = base + datetime.timedelta(hours=k // 2)
        status_update(cast["ncpoc"], when=when, code="BB" if k % 3 else "JM")
        value = observation(cast["ncpoc"], period=str(1990 + k % 30))
        value.submitted_at, value.outlier = when, k % 4 == 0
        value.save(update_fields=["submitted_at", "outlier"])
    for reviewer in ("secretariat", "rcc_chair"):
        status_update(cast[reviewer])
        observation(cast[reviewer])
    status_update(cast["ncpoc"], state=ReviewState.VALIDATED)
    observation(cast["ncpoc"], state=ReviewState.DRAFT)
    job = applied_upload(cast["ncpoc"], values=2)
    job.observations.filter(period="2010").update(outlier=True)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _links(client, url: str) -> dict[str, str]:
    text = client.get(url).content.decode()
    return {rel: html.unescape(href) for href, rel in LINK.findall(text)}


# page → pinned queries: the session, the user, the second factor, the role grants, the
# counts (two), the navigation's counts, then the page's own (the libraries, one page).
PAGES = {
    "updates": (UPDATES, "", 9),
    "updates, one library": (UPDATES, f"library={IWP}", 9),
    "updates, later page": (UPDATES, "after=1.1", 9),
    "updates, earlier page": (UPDATES, "before=9999999999999999.1", 9),
    "values": (VALUES, "", 9),
    "values, later page": (VALUES, "after=1.1", 9),
    "values, earlier page": (VALUES, "before=9999999999999999.1", 9),
}


@pytest.mark.parametrize("role", ["secretariat", "rcc_chair"])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_queue_pages_do_not_grow_with_the_waiting_rows(
    page, role, cast, client_for, loaded_libraries, small_pages, django_assert_num_queries
):
    path, query, pinned = PAGES[page]
    url = f"{path}?{query}"
    client = client_for(cast[role])
    _waiting(cast, 4)
    few = _queries(client, url)
    _waiting(cast, 60, start=4)
    # Every branch has rows: more than a page waits, with earlier and later pages.
    assert set(_links(client, url)) == ({"prev", "next"} if "page" in page else {"next"})
    assert _queries(client, url) == few, f"{page} grows with the queue"
    with django_assert_num_queries(pinned):
        client.get(url)


def _shown(client, url: str, pattern: str) -> list[int]:
    return [int(pk) for pk in re.findall(pattern, client.get(url).content.decode())]


def _walk(client, path: str, query: str, rel: str, pattern: str) -> tuple[list, str]:
    """The pages met following `rel` links from `query`, and the query of the last one."""
    pages = []
    while True:
        pages.append(_shown(client, f"{path}?{query}", pattern))
        following = _links(client, f"{path}?{query}").get(rel)
        if following is None:
            return pages, query
        query = following


@pytest.mark.parametrize(
    ("path", "pattern", "waiting"),
    [
        (UPDATES, r'href="/tracking/updates/(\d+)/"', lambda: StatusUpdate.objects.all()),
        (
            VALUES,
            r'href="/indicators/observations/(\d+)/"',
            lambda: Observation.objects.filter(import_job__isnull=True),
        ),
    ],
)
def test_a_queue_is_walked_oldest_first_with_no_gap_or_repeat(
    path, pattern, waiting, cast, client_for, loaded_libraries, small_pages
):
    _waiting(cast, 11)  # pairs submitted at the same instant straddle the page breaks
    client = client_for(cast["secretariat"])
    pages, last = _walk(client, path, "", "next", pattern)
    expected = (
        waiting()
        .filter(review_state=ReviewState.SUBMITTED)
        .exclude(author=cast["secretariat"])
        .order_by("submitted_at", "id")
        .values_list("pk", flat=True)
    )
    assert len(pages) == 4 and all(len(p) == 3 for p in pages[:-1])
    assert [pk for page in pages for pk in page] == list(expected)
    back, _first = _walk(client, path, last, "prev", pattern)
    assert back[::-1] == pages


def test_the_library_filter_is_kept_from_page_to_page(
    cast, client_for, loaded_libraries, small_pages
):
    _waiting(cast, 8)
    client = client_for(cast["secretariat"])
    links = _links(client, f"{UPDATES}?library={IWP}")
    assert f"library={IWP}" in links["next"]
    assert f"library={IWP}" in _links(client, f"{UPDATES}?{links['next']}")["prev"]


def test_counts_stop_past_the_cap_and_say_more_than(
    cast, client_for, loaded_libraries, monkeypatch
):
    from ictspace.portal.selectors import nav_counts
    from ictspace.review import selectors

    monkeypatch.setattr(selectors, "CAP", 3)
    chair = cast["rcc_chair"]
    for n in range(3):
        status_update(cast["ncpoc"])
        observation(cast["ncpoc"], period=str(2000 + n))
        applied_upload(cast["ncpoc"], values=2)
    status_update(chair)  # the chair's own: never counted
    observation(chair)
    applied_upload(chair)
    exact = {"status_updates": 3, "values": 3, "uploads": 3}
    assert selectors.review_queue(chair).counts() == exact  # at the cap: exact
    page = client_for(chair).get(UPDATES).content.decode()
    assert "3 updates waiting" in page and "3 uploads wait." in page
    for n in range(3):
        status_update(cast["ncpoc"], code="JM")
        observation(cast["ncpoc"], code="JM", period=str(2010 + n))
        applied_upload(cast["ncpoc"], values=2, code="JM")
    queue = selectors.review_queue(chair)
    assert queue.counts() == {"status_updates": 4, "values": 4, "uploads": 4}
    assert len(queue.status_updates) == len(queue.values) == 4  # the oldest, for the home page
    assert len(queue.waiting_updates) == len(queue.waiting_values) == 6  # the pages: all
    assert len(queue.uploads) == 6
    chair._ictspace_grants = None
    assert nav_counts(chair) == {"review_statuses": 4, "review_values": 4, "review_uploads": 4}
    page = client_for(chair).get(UPDATES).content.decode()
    assert "More than 3 updates waiting" in page
    assert "More than 3 indicator values wait." in page and "More than 3 uploads wait." in page
    assert "More than 3 status updates wait." in client_for(chair).get(VALUES).content.decode()
    # The navigation and the home page say "3+", not the 4 the capped count stopped at.
    assert "Review queue (3+)" in page and "Values to review (3+)" in page
    home = client_for(chair).get("/").content.decode()
    assert "<strong>3+</strong> statuses waiting" in home
    assert "All 4" not in home
