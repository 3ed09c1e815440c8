"""Tracking pages through the HTTP surface: matrix, dashboard, drafts, review, exports."""

import csv
import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from ictspace.audit.models import AuditEntry
from ictspace.catalogue.models import Item, Library
from ictspace.directory.models import Jurisdiction
from ictspace.review.models import ReviewState
from ictspace.tracking.models import StatusUpdate

pytestmark = pytest.mark.django_db
IWP = "single-ict-space-iwp-2017"
D = datetime.date


@pytest.fixture
def ixp(loaded_libraries):
    return Item.objects.get(library__slug=IWP, ref="3.1.4")


def _validated(item, code, status, effective, **extra):
    return StatusUpdate.objects.create(
        jurisdiction=Jurisdiction.objects.get(code=code),
        item=item,
        status=status,
        effective_date=effective,
        review_state=ReviewState.VALIDATED,
        created_at=timezone.now(),
        **extra,
    )


def _text(response) -> str:
    return response.content.decode()


# The record → submit → validate cycle -------------------------------------------------


def test_ncpoc_records_submits_and_the_chair_validates(cast, client_for, ixp):
    client = client_for(cast["ncpoc"])
    new = reverse("tracking:update_new", args=["BB", IWP, "3.1.4"])
    assert "Record a status" in _text(client.get(new))
    response = client.post(
        new,
        {"status": "completed", "effective_date": "2024-05-02", "narrative": "IXP live."},
    )
    update = StatusUpdate.objects.get(item=ixp, jurisdiction__code="BB")
    assert response.status_code == 302
    assert response["Location"] == reverse("tracking:update", args=[update.pk])
    assert update.review_state == ReviewState.DRAFT
    assert client.post(reverse("tracking:update_submit", args=[update.pk])).status_code == 302
    update.refresh_from_db()
    assert update.review_state == ReviewState.SUBMITTED

    chair = client_for(cast["rcc_chair"])
    queue = _text(chair.get(reverse("tracking:review_queue")))
    assert reverse("tracking:update", args=[update.pk]) in queue
    detail = _text(chair.get(reverse("tracking:update", args=[update.pk])))
    assert "Validate" in detail
    response = chair.post(
        reverse("tracking:update_review", args=[update.pk]), {"decision": "validate"}
    )
    assert response.status_code == 302
    update.refresh_from_db()
    assert (update.review_state, update.reviewed_by) == (ReviewState.VALIDATED, cast["rcc_chair"])

    matrix = reverse("tracking:matrix") + f"?library={IWP}&component=3"
    bb_cell = reverse("tracking:history", args=["BB", IWP, "3.1.4"])
    today = _text(chair.get(matrix))
    assert (
        f'href="{bb_cell}?as_of={timezone.localdate():%Y-%m-%d}" aria-label="Barbados, 3.1.4: Completed"'
        in today
    )
    before = _text(chair.get(matrix + "&as_of=2024-05-01"))
    assert 'aria-label="Barbados, 3.1.4: no data"' in before


def test_return_needs_a_reason_and_the_author_sees_it(cast, client_for, ixp):
    update = StatusUpdate.objects.create(
        jurisdiction=Jurisdiction.objects.get(code="BB"),
        item=ixp,
        status="in_progress",
        effective_date=D(2024, 1, 1),
        review_state=ReviewState.SUBMITTED,
        author=cast["ncpoc"],
        created_at=timezone.now(),
    )
    chair = client_for(cast["secretariat"])
    url = reverse("tracking:update_review", args=[update.pk])
    chair.post(url, {"decision": "return", "reason": "  "})
    update.refresh_from_db()
    assert update.review_state == ReviewState.SUBMITTED
    chair.post(url, {"decision": "return", "reason": "Attach the regulator's notice."})
    update.refresh_from_db()
    assert update.review_state == ReviewState.RETURNED
    mine = _text(client_for(cast["ncpoc"]).get(reverse("tracking:my_drafts")))
    assert "Returned" in mine
    detail = _text(client_for(cast["ncpoc"]).get(reverse("tracking:update", args=[update.pk])))
    assert "Attach the regulator&#x27;s notice." in detail


def test_bad_input_names_the_field_and_writes_nothing(cast, client_for, ixp):
    client = client_for(cast["ncpoc"])
    new = reverse("tracking:update_new", args=["BB", IWP, "3.1.4"])
    before = AuditEntry.objects.count()
    future = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post(new, {"status": "completed", "effective_date": future})
    assert response.status_code == 400
    assert "The effective date cannot be in the future." in _text(response)
    response = client.post(new, {"status": "met", "effective_date": "2024-01-01"})
    assert response.status_code == 400
    assert "Select a valid choice" in _text(response)
    response = client.post(
        new, {"status": "completed", "effective_date": "2024-01-01", "percent_complete": "140"}
    )
    assert response.status_code == 400
    assert not StatusUpdate.objects.exists()
    assert AuditEntry.objects.count() == before


def test_a_retired_item_takes_no_new_status_and_says_why(cast, client_for, ixp):
    Item.objects.filter(pk=ixp.pk).update(retired_in_version=2)
    client = client_for(cast["ncpoc"])
    new = reverse("tracking:update_new", args=["BB", IWP, "3.1.4"])
    response = client.post(new, {"status": "completed", "effective_date": "2024-01-01"})
    assert response["Location"] == reverse("tracking:history", args=["BB", IWP, "3.1.4"])
    page = _text(client.get(response["Location"]))
    assert "Item 3.1.4 was retired in version 2 of its library; it takes no updates." in page
    assert "Record a new status" not in page
    assert not StatusUpdate.objects.exists()


def test_two_editors_of_one_draft_the_second_sees_both_versions(cast, client_for, ixp):
    from ictspace.tracking.actions import do_draft_status_update, do_edit_draft

    ncpoc = cast["ncpoc"]
    update = do_draft_status_update(
        jurisdiction=Jurisdiction.objects.get(code="BB"),
        item=ixp,
        status="in_progress",
        effective_date=D(2024, 1, 1),
        narrative="first words",
        acting_user=ncpoc,
    )
    client = client_for(ncpoc)
    edit = reverse("tracking:update_edit", args=[update.pk])
    assert 'name="version" value="1"' in _text(client.get(edit))
    # Meanwhile the same draft is saved from another tab.
    do_edit_draft(update, expected_version=1, acting_user=ncpoc, narrative="their words")
    response = client.post(
        edit,
        {
            "status": "completed",
            "effective_date": "2024-01-01",
            "narrative": "my words",
            "version": "1",
        },
    )
    assert response.status_code == 409
    page = _text(response)
    assert "their words" in page and "my words" in page
    assert 'name="version" value="2"' in page
    update.refresh_from_db()
    assert (update.narrative, update.version) == ("their words", 2)
    response = client.post(
        edit,
        {
            "status": "completed",
            "effective_date": "2024-01-01",
            "narrative": "my words",
            "version": "2",
        },
    )
    assert response.status_code == 302
    update.refresh_from_db()
    assert (update.narrative, update.status, update.version) == ("my words", "completed", 3)


def test_nobody_reviews_their_own_update(cast, client_for, ixp):
    region = Jurisdiction.objects.get(kind="region")
    update = StatusUpdate.objects.create(
        jurisdiction=region,
        item=Item.objects.get(library__slug=IWP, ref="1.1.1"),
        status="in_progress",
        effective_date=D(2024, 1, 1),
        review_state=ReviewState.SUBMITTED,
        author=cast["secretariat"],
        created_at=timezone.now(),
    )
    client = client_for(cast["secretariat"])
    queue = _text(client.get(reverse("tracking:review_queue")))
    assert reverse("tracking:update", args=[update.pk]) not in queue
    response = client.post(
        reverse("tracking:update_review", args=[update.pk]), {"decision": "validate"}
    )
    assert response.status_code == 404
    update.refresh_from_db()
    assert update.review_state == ReviewState.SUBMITTED


# Dashboard, item page, exports -------------------------------------------------------


def test_dashboard_counts_gaps_and_changes(cast, client_for, ixp):
    _validated(ixp, "BB", "in_progress", D(2018, 1, 1))
    _validated(ixp, "BB", "completed", D(2020, 1, 1), source_citation="Annual report")
    url = reverse("tracking:dashboard", args=["BB", IWP])
    client = client_for(cast["steering"])
    page = _text(client.get(url + "?as_of=2019-06-01&since=2017-01-01"))
    # The tiles speak the work plan's scale, as its cells do.
    assert "<strong>1</strong> In progress" in page
    assert 'href="/tracking/BB/single-ict-space-iwp-2017/3.1.4/?as_of=2019-06-01"' in page
    assert "Changed after 1 Jan 2017" in page
    now = _text(client.get(url + "?since=2019-12-31"))
    assert "<strong>1</strong> Completed" in now
    assert 'href="/tracking/BB/single-ict-space-iwp-2017/3.1.4/' not in now  # no longer a gap
    assert "Annual report" in now  # the change since 31 Dec 2019


def test_a_bad_as_of_falls_back_to_today_with_a_message(cast, client_for, ixp):
    url = reverse("tracking:dashboard", args=["BB", IWP])
    page = _text(client_for(cast["steering"]).get(url + "?as_of=2019-13-45"))
    assert "is not a date (use YYYY-MM-DD)" in page
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in page


def test_library_picker_keeps_the_dates(cast, client_for, ixp):
    url = reverse("tracking:dashboard", args=["BB", IWP])
    response = client_for(cast["steering"]).get(url + "?library=ccscap-2016&as_of=2020-01-01")
    assert response.status_code == 302
    assert response["Location"] == "/tracking/BB/ccscap-2016/?as_of=2020-01-01"


def test_gaps_export_csv_and_xlsx_escape_formulas(cast, client_for, ixp):
    _validated(ixp, "BB", "in_progress", D(2018, 1, 1))
    Item.objects.filter(pk=ixp.pk).update(title="=HYPERLINK(1)")
    client = client_for(cast["ncpoc"])
    response = client.get(reverse("tracking:gaps_export", args=["BB", IWP, "csv"]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Ref", "Item", "Status", "Required", "Status effective from", "Evidence"]
    ixp_row = next(r for r in rows if r[0] == "3.1.4")
    assert ixp_row[1:5] == ["'=HYPERLINK(1)", "In progress", "Completed", "2018-01-01"]
    assert all(r[2] for r in rows[1:])  # every gap names its status or "no data"
    response = client.get(reverse("tracking:gaps_export", args=["BB", IWP, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["3.1.4", "'=HYPERLINK(1)", "In progress", "Completed", "2018-01-01", 1 - 1] in values
    assert len(values) == len(rows)


def test_matrix_export_has_one_column_per_jurisdiction(cast, client_for, ixp):
    _validated(ixp, "JM", "completed", D(2018, 1, 1))
    response = client_for(cast["auditor"]).get(
        reverse("tracking:matrix_export", args=["csv"]) + f"?library={IWP}&component=3"
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = rows[0]
    assert header[:2] == ["Ref", "Item"] and len(header) == 2 + Jurisdiction.objects.count()
    ixp_row = next(r for r in rows if r[0] == "3.1.4")
    by_code = dict(zip(header, ixp_row, strict=True))
    assert (by_code["JM"], by_code["BB"], by_code["GY"]) == ("Completed", "no data", "no data")
    # The region reports no IXP of its own: its column counts the 20 states concerned.
    assert by_code["CARICOM"] == "1 of 20 completed, 0 in progress, 0 not started, 19 no data"
    regional = dict(zip(header, next(r for r in rows if r[0] == "3.1.1"), strict=True))
    assert (regional["CARICOM"], regional["GY"]) == ("no data", "")
    assert all(r[0].startswith("3.") for r in rows[1:])
    assert (
        client_for(cast["auditor"]).get(reverse("tracking:matrix_export", args=["pdf"])).status_code
        == 404
    )


def test_item_page_lists_the_jurisdictions_it_concerns(cast, client_for, ixp):
    _validated(ixp, "DM", "completed", D(2017, 7, 6))
    page = _text(client_for(cast["steering"]).get(reverse("tracking:item", args=[IWP, "3.1.4"])))
    for name in ("Barbados", "Belize", "Dominica", "Guyana", "Haiti", "Suriname"):
        assert name in page  # "in remaining CARICOM States": every state
    assert "Completed" in page
    assert "1 of 20 completed" in page  # the region's row counts the states
    regional = _text(client_for(cast["steering"]).get(reverse("tracking:item", args=[IWP, "4.8"])))
    assert "Caribbean Community" in regional and "Guyana" not in regional


# Constant query counts ------------------------------------------------------------------


def _queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def _bulk_updates(n: int, author=None):
    """n updates over every jurisdiction, item and review state.

    The state follows k modulo 4 and the jurisdiction k modulo their count (21, coprime
    with 4), so each jurisdiction meets all four states; a state chosen by k modulo 3
    once gave Barbados nothing but submitted updates, hiding the "changes since" rows.
    """
    library = Library.objects.get(slug=IWP)
    items = list(Item.objects.filter(library=library, assessable=True))
    states = list(Jurisdiction.objects.all())
    cycle = list(ReviewState)
    made = StatusUpdate.objects.bulk_create(
        StatusUpdate(
            jurisdiction=states[k % len(states)],
            item=items[k % len(items)],
            status="in_progress",
            effective_date=D(2018, 1, 1) + datetime.timedelta(days=k),
            review_state=cycle[k % len(cycle)],
            return_reason="Cite the source." if cycle[k % len(cycle)] == "returned" else "",
            author=author,
            created_at=timezone.now(),
        )
        for k in range(n)
    )
    return made


@pytest.mark.parametrize(
    "url",
    [
        reverse("tracking:matrix") + f"?library={IWP}",
        reverse("tracking:dashboard", args=["BB", IWP]) + "?since=2017-01-01",
        reverse("tracking:item", args=[IWP, "3.1.4"]),
        reverse("tracking:history", args=["BB", IWP, "3.1.4"]),
        reverse("tracking:review_queue"),
    ],
)
def test_pages_run_a_constant_number_of_queries(url, cast, client_for, ixp):
    client = client_for(cast["secretariat"])
    _validated(ixp, "BB", "in_progress", D(2018, 1, 1))  # every list has a first page
    _bulk_updates(3, author=cast["ncpoc"])
    few = _queries(client, url)
    made = _bulk_updates(400, author=cast["ncpoc"])
    # The data reaches every branch: Barbados has a change since 2017 in each review state.
    assert {u.review_state for u in made if u.jurisdiction.code == "BB"} == set(ReviewState)
    many = _queries(client, url)
    assert len(many) == len(few), "\n".join(q for q in many if q not in few)
    assert len(few) <= 16


def test_gap_analysis_lists_validated_changes_since_a_date(cast, client_for, ixp):
    _bulk_updates(400, author=cast["ncpoc"])
    url = reverse("tracking:dashboard", args=["BB", IWP]) + "?since=2017-01-01"
    page = _text(client_for(cast["secretariat"]).get(url))
    assert "No validated update took effect in this period." not in page
    assert "(Integrated Work Plan for the CARICOM" in page  # each change names its library


@pytest.mark.parametrize(
    "url",
    [
        reverse("tracking:item", args=[IWP, "3.1.4"]),
        reverse("tracking:history", args=["BB", IWP, "3.1.4"]),
    ],
)
def test_one_items_pages_rank_only_that_items_updates(url, cast, client_for, ixp):
    # Their cost must follow the item's own stream, not the library's (issue 17).
    _bulk_updates(40, author=cast["ncpoc"])
    queries = _queries(client_for(cast["secretariat"]), url)
    ranked = [q for q in queries if "tracking_statusupdate" in q and "effective_date" in q]
    assert ranked
    narrowed = re.compile(rf'(item_id" = |item_id" IN \(|\bi\.id IN \(){ixp.pk}\b')
    for sql in ranked:
        assert narrowed.search(sql), sql


def test_gap_rows_name_their_component(cast, client_for, ixp):
    from django.utils.text import Truncator

    from ictspace.catalogue.wording import kind_label

    page = _text(client_for(cast["steering"]).get(reverse("tracking:dashboard", args=["BB", IWP])))
    parent = Item.objects.get(pk=ixp.parent_id)
    title = Truncator(parent.title).words(10)
    assert f'<span class="gap-parent">in {kind_label(parent.kind)}: {title}</span>' in page


def test_a_past_date_shows_a_banner_with_the_way_back(cast, client_for, ixp):
    client = client_for(cast["steering"])
    url = reverse("tracking:matrix")
    past = _text(client.get(url, {"library": IWP, "component": "3", "as_of": "2019-06-01"}))
    assert "You are looking at the past: statuses as they stood on 1 Jun 2019." in past
    assert '<a href="?library=single-ict-space-iwp-2017&amp;component=3">Back to today</a>' in past
    assert "You are looking at the past" not in _text(client.get(url, {"library": IWP}))


@pytest.mark.parametrize("made, note", [(50, False), (52, True)])
def test_gap_analysis_lists_the_50_latest_changes_and_says_when_there_are_more(
    made, note, cast, client_for, ixp
):
    items = list(Item.objects.filter(library__slug=IWP, assessable=True))
    for k in range(made):
        _validated(
            items[k % len(items)], "BB", "in_progress", D(2021, 1, 1) + datetime.timedelta(k)
        )
    url = reverse("tracking:dashboard", args=["BB", IWP]) + "?since=2020-12-31"
    page = _text(client_for(cast["secretariat"]).get(url))
    changes = page.split("Validated updates in the period")[1].split("</table>")[0]
    days = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)"', changes)
    newest = D(2021, 1, 1) + datetime.timedelta(made - 1)
    assert days == [(newest - datetime.timedelta(k)).isoformat() for k in range(50)]
    assert ("Only the 50 most recent changes of the period are listed." in page) is note


def test_record_lists_name_each_cell_for_the_phone_layout(cast, client_for, ixp):
    # On a phone these tables read one block per row, each cell labelled by data-label.
    _bulk_updates(40, author=cast["ncpoc"])
    for url in (reverse("tracking:review_queue"), reverse("audit:log")):
        page = _text(client_for(cast["secretariat"]).get(url))
        table = page[page.index('class="data') : page.index("</table>")]
        assert "stack" in table.split(">")[0]
        body = table[table.index("<tbody>") :]
        cells = re.findall(r"<td[^>]*>", body)
        assert cells and all("data-label=" in cell for cell in cells), cells[:3]
