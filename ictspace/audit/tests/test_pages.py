"""The audit log read a page at a time from a cursor (ictspace.keyset), newest first."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from ictspace.audit import views
from ictspace.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
NOON = datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)
LINK = re.compile(r'<a href="\?([^"]*)" rel="(prev|next)">')


@pytest.fixture
def entries(monkeypatch):
    """Eleven entries, in threes at the same instant (ties across page boundaries), by id."""
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    AuditEntry.objects.all().delete()
    made = []
    for n in range(11):
        action = "create" if n % 2 else "update"
        made.append(
            AuditEntry.objects.create(
                at=NOON + datetime.timedelta(minutes=n // 3),
                actor_label="someone@example.org",
                action=action,
                object_type="directory.person",
                object_id=str(n),
                object_repr=f"entry-{n:02d}",
            )
        )
    return made


def _read(client, query: str) -> tuple[list[str], dict[str, str]]:
    """The entries a page lists, in order, and its links by rel."""
    response = client.get(reverse("audit:log") + "?" + query)
    assert response.status_code == 200
    text = response.content.decode()
    links = {rel: html.unescape(href) for href, rel in LINK.findall(text)}
    return re.findall(r"entry-\d\d", text), links


def _newest_first(made) -> list[str]:
    return [e.object_repr for e in sorted(made, key=lambda e: (e.at, e.pk), reverse=True)]


def _flat(pages: list[list[str]]) -> list[str]:
    return [shown for page in pages for shown in page]


def _walk(client, query: str, rel: str) -> list[list[str]]:
    pages = []
    while True:
        shown, links = _read(client, query)
        pages.append(shown)
        if rel not in links:
            return pages
        query = links[rel]


def test_older_links_walk_every_entry_once_newest_first(entries, cast, client_for):
    client = client_for(cast["auditor"])
    pages = _walk(client, "", "next")
    assert [len(p) for p in pages] == [3, 3, 3, 2]
    assert _flat(pages) == _newest_first(entries)  # no duplicate, no gap, at equal times


def test_newer_links_walk_back_to_the_newest(entries, cast, client_for):
    client = client_for(cast["auditor"])
    forward = _walk(client, "", "next")
    _shown, links = _read(client, "")
    last = _walk(client, links["next"], "next")[-1]
    assert last == forward[-1]
    # From the oldest page back: the same pages, in reverse.
    query = _read(client, "")[1]["next"]
    while "next" in _read(client, query)[1]:
        query = _read(client, query)[1]["next"]
    backward = _walk(client, query, "prev")
    assert backward[::-1] == forward


def test_the_first_page_has_no_newer_link_and_the_last_no_older(entries, cast, client_for):
    client = client_for(cast["auditor"])
    _shown, links = _read(client, "")
    assert "prev" not in links and "next" in links
    pages = _walk(client, "", "next")
    assert pages[-1] == _newest_first(entries)[-2:]


def test_links_keep_the_filters(entries, cast, client_for):
    client = client_for(cast["auditor"])
    pages = _walk(client, "action=create&since=2026-03-01&until=2026-03-01", "next")
    created = [e for e in entries if e.action == "create"]
    assert _flat(pages) == _newest_first(created)
    assert [len(p) for p in pages] == [3, 2]
    _shown, links = _read(client, "action=create")
    assert "action=create" in links["next"]
    # The day filter bounds whole UTC days: nothing on the day after.
    assert _read(client, "since=2026-03-02")[0] == []
    assert len(_flat(_walk(client, "until=2026-03-01", "next"))) == 11


def test_a_cursor_that_is_not_one_gives_the_first_page(entries, cast, client_for):
    client = client_for(cast["auditor"])
    first = _read(client, "")[0]
    for bad in ("x", "1.", "١٢.٣", "99999999999999999999.1", "1.2.3"):
        assert _read(client, f"after={bad}")[0] == first
        assert _read(client, f"before={bad}")[0] == first
