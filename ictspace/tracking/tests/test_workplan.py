import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ictspace.catalogue.library_file import due_period_end
from ictspace.catalogue.models import Item, Library
from ictspace.directory.models import Jurisdiction
from ictspace.review.models import ReviewState
from ictspace.tracking import workplan as work_plan_module
from ictspace.tracking.models import StatusUpdate
from ictspace.tracking.workplan import filter_rows, is_overdue, phase_bars, timeline, work_plan

pytestmark = pytest.mark.django_db
IWP = "single-ict-space-iwp-2017"
D = datetime.date
# Session, user, MFA check, role grants (context processor); library, jurisdictions, items
# and their two prefetches, statuses, jurisdictions for the scope: the same whatever the
# number of items or updates.
PAGE_QUERIES = 11


def _validated(item, state, status, effective):
    return StatusUpdate.objects.create(
        jurisdiction=state,
        item=item,
        status=status,
        effective_date=effective,
        review_state=ReviewState.VALIDATED,
        created_at=timezone.now(),
    )


def _item(ref):
    return Item.objects.get(library__slug=IWP, ref=ref)


def _state(code):
    return Jurisdiction.objects.get(code=code)


def _rows(jurisdiction, as_of):
    rows = work_plan(Library.objects.get(slug=IWP), jurisdiction=jurisdiction, as_of=as_of)
    return {row.item.ref: row for row in rows}


def _url(**params):
    return reverse("tracking:workplan", kwargs={"slug": IWP}), params


# The overdue rule ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "as_of", "overdue"),
    [
        ("2018", D(2018, 12, 31), False),  # year precision: the whole of 2018 is in time
        ("2018", D(2019, 1, 1), True),
        ("2018-12", D(2018, 12, 31), False),  # "December 2018" covers the whole month
        ("2018-12", D(2019, 1, 1), True),
        ("2018-02", D(2018, 2, 28), False),
        ("2018-02", D(2018, 3, 1), True),
        ("2018-06-30", D(2018, 6, 30), False),
        ("2018-06-30", D(2018, 7, 1), True),
    ],
)
def test_overdue_only_after_the_whole_due_period(due, as_of, overdue):
    item = Item(assessable=True, due_value=due, due_by=due_period_end(due))
    assert is_overdue(item, met=False, as_of=as_of) is overdue
    assert is_overdue(item, met=True, as_of=as_of) is False


def test_no_due_date_or_not_assessable_is_never_overdue():
    far = D(2099, 1, 1)
    assert is_overdue(Item(assessable=True, due_by=None), met=False, as_of=far) is False
    component = Item(assessable=False, due_value="2018", due_by=D(2018, 12, 31))
    assert is_overdue(component, met=False, as_of=far) is False


def test_loaded_due_dates_end_at_their_precision(loaded_libraries):
    assert _item("1.1.1").due_by == D(2018, 6, 30)  # "June 30, 2018"
    assert _item("3.1.4").due_by == D(2018, 12, 31)  # "December 2018"
    assert _item("3.1.7").due_by is None


def test_year_precision_item_is_overdue_from_the_next_new_year(loaded_libraries):
    Item.objects.filter(library__slug=IWP, ref="3.1.5").update(
        due_text="2018", due_value="2018", due_precision="year", due_by=due_period_end("2018")
    )
    bb = _state("BB")  # national e-services: each state's own
    assert _rows(bb, D(2018, 12, 31))["3.1.5"].overdue is False
    assert _rows(bb, D(2019, 1, 1))["3.1.5"].overdue is True


# The selector on the real plan ----------------------------------------------------------


def test_statuses_and_overdue_follow_validated_updates(loaded_libraries):
    region, bb = _state("CARICOM"), _state("BB")
    _validated(_item("1.1.1"), region, "completed", D(2018, 5, 1))  # done before it was due
    _validated(_item("1.1.2"), region, "in_progress", D(2018, 3, 1))
    _validated(_item("3.1.4"), bb, "completed", D(2019, 3, 1))  # done late
    StatusUpdate.objects.create(
        jurisdiction=region,
        item=_item("4.5"),  # the regional e-government strategy, due December 2018
        status="completed",
        effective_date=D(2018, 1, 1),
        review_state=ReviewState.SUBMITTED,
        created_at=timezone.now(),
    )

    rows = _rows(region, D(2019, 1, 1))
    assert (rows["1.1.1"].status_label, rows["1.1.1"].overdue) == ("Completed", False)
    assert (rows["1.1.2"].status_label, rows["1.1.2"].overdue) == ("In progress", True)
    assert (rows["4.5"].status_label, rows["4.5"].overdue) == ("no data", True)
    assert rows["3.1.7"].overdue is False  # no due date
    assert rows["1"].status_label == "" and rows["1"].overdue is False  # a component
    # The IXP row is each state's to do: the region has no status of its own there.
    assert (rows["3.1.4"].concerns, rows["3.1.4"].overdue) == (False, False)
    assert _rows(bb, D(2019, 1, 1))["3.1.4"].overdue is True  # not yet completed then
    assert _rows(bb, D(2019, 3, 1))["3.1.4"].overdue is False
    assert _rows(bb, D(2019, 1, 1))["1.1.2"].concerns is False  # a regional row
    assert _rows(region, D(2018, 6, 30))["1.1.2"].overdue is False  # due that very day


def test_rows_follow_document_order_with_plan_content_only(loaded_libraries):
    rows = list(_rows(_state("CARICOM"), D(2019, 1, 1)).values())
    positions = [row.item.position for row in rows]
    assert positions == sorted(positions)
    refs = [row.item.ref for row in rows]
    assert "acknowledgements" not in refs
    assert refs[:4] == ["1", "1.1", "1.1.1", "1.1.2"]
    assert [r.item.depth for r in rows[:3]] == [0, 1, 2]
    first = rows[2]
    assert first.component.ref == "1"
    assert [lead.code for lead in first.leads] == ["CTU", "CARICAD", "CBU", "IMPACS"]
    assert first.leads[0].name  # resolved from the directory
    assert first.phases == [("1", "2017 (Last quarter) – 2018")]


def test_states_met_over_states_concerned(loaded_libraries):
    item = _item("3.1.4")  # national, associate members included: 20 states
    _validated(item, _state("BB"), "completed", D(2018, 6, 1))
    _validated(item, _state("JM"), "completed", D(2019, 6, 1))
    _validated(item, _state("TT"), "in_progress", D(2018, 6, 1))
    _validated(item, _state("GY"), "completed", D(2018, 6, 1))  # not named, yet concerned
    _validated(item, _state("CARICOM"), "completed", D(2018, 6, 1))  # the region: not a state
    row = _rows(_state("CARICOM"), D(2019, 1, 1))["3.1.4"]
    assert (row.states_met, row.states_concerned) == (2, 20)
    assert _rows(_state("CARICOM"), D(2020, 1, 1))["3.1.4"].states_met == 3
    assert _rows(_state("CARICOM"), D(2020, 1, 1))["4.5"].states_concerned == 0  # regional


def test_state_counts_are_computed_for_the_rows_shown_only(loaded_libraries):
    library = Library.objects.get(slug=IWP)
    _validated(_item("3.1.4"), _state("BB"), "completed", D(2018, 6, 1))
    _validated(_item("2.1.1"), _state("BB"), "completed", D(2018, 6, 1))
    rows = work_plan(
        library, jurisdiction=_state("CARICOM"), as_of=D(2019, 1, 1), count_states=False
    )
    third = filter_rows(rows, component="3")
    work_plan_module.add_state_counts(library, third, as_of=D(2019, 1, 1))
    by_ref = {row.item.ref: row for row in rows}
    assert (by_ref["3.1.4"].states_met, by_ref["3.1.4"].states_concerned) == (1, 20)
    # 2.1.1 concerns 20 states too, but sits outside the component shown: not counted.
    assert (by_ref["2.1.1"].states_met, by_ref["2.1.1"].states_concerned) == (0, 0)


def test_filters_keep_ancestors_of_overdue_rows(loaded_libraries):
    region = _state("CARICOM")
    _validated(_item("1.1.1"), region, "completed", D(2018, 5, 1))
    rows = list(_rows(region, D(2018, 7, 1)).values())
    overdue = filter_rows(rows, overdue_only=True)
    refs = [row.item.ref for row in overdue]
    assert "1.1.1" not in refs and "1.1.2" in refs
    assert refs[:2] == ["1", "1.1"]
    assert all(row.overdue or row.item.kind in {"component", "activity"} for row in overdue)
    third = filter_rows(rows, component="3")
    assert third and {row.component.ref for row in third} == {"3"}


# The timeline ---------------------------------------------------------------------------


def test_due_markers_group_by_component_in_date_order(loaded_libraries):
    library = Library.objects.get(slug=IWP)
    rows = work_plan(library, jurisdiction=_state("CARICOM"), as_of=D(2019, 1, 1))
    markers = timeline(library, rows, as_of=D(2019, 1, 1)).markers
    first = [m for m in markers if m.group.startswith("1 ")]
    assert [m.on for m in first] == sorted(m.on for m in first)
    assert sum(m.count for m in markers) == sum(1 for r in rows if r.item.due_by)
    assert sum(m.overdue for m in markers) == sum(r.overdue for r in rows)


def test_phase_bars_cover_their_periods():
    bars = phase_bars(
        [
            {"code": "1", "label": "a", "start": "2017-10", "end": "2018"},
            {"code": "2", "label": "b"},  # no dates: listed by label only
        ]
    )
    assert [(b.start, b.end) for b in bars] == [(D(2017, 10, 1), D(2018, 12, 31))]


# The page -------------------------------------------------------------------------------


def test_page_shows_the_plan_for_a_signed_in_user(cast, client_for, loaded_libraries):
    _validated(_item("1.1.1"), _state("CARICOM"), "completed", D(2018, 5, 1))
    url, params = _url(as_of="2019-01-01")
    response = client_for(cast["auditor"]).get(url, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["jurisdiction"].code == "CARICOM"  # the region by default
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    assert "TOTAL US$ 23.5M - 26.5M" in html
    assert f'href="{reverse("catalogue:item", kwargs={"slug": IWP, "ref": "1.1.1"})}"' in html
    history = reverse("tracking:history", kwargs={"code": "CARICOM", "slug": IWP, "ref": "1.1.1"})
    assert f'href="{history}"' in html
    assert 'class="status st-met"' in html and 'class="status st-no_data"' in html
    assert "Overdue</strong>" in html
    assert "Due dates by component" in html and "(9 items, " in html
    assert '<th scope="col">' in html and "<caption>" in html


def test_anonymous_is_sent_to_sign_in_and_unknowns_are_404(cast, client_for, loaded_libraries):
    url, _ = _url()
    assert client_for(None).get(url).status_code == 302
    client = client_for(cast["ncpoc"])
    assert client.get(url, {"jurisdiction": "XX"}).status_code == 404
    assert client.get(reverse("tracking:workplan", kwargs={"slug": "nope"})).status_code == 404


def test_as_of_changes_what_the_page_shows(cast, client_for, loaded_libraries):
    _validated(_item("1.1.2"), _state("CARICOM"), "completed", D(2019, 6, 1))
    client = client_for(cast["ncpoc"])
    url, _ = _url()

    def row(as_of):
        response = client.get(url, {"jurisdiction": "CARICOM", "as_of": as_of})
        return next(r for r in response.context["rows"] if r.item.ref == "1.1.2")

    assert (row("2018-06-30").status_label, row("2018-06-30").overdue) == ("no data", False)
    assert (row("2019-01-01").status_label, row("2019-01-01").overdue) == ("no data", True)
    assert (row("2019-06-01").status_label, row("2019-06-01").overdue) == ("Completed", False)


@pytest.mark.parametrize("bad", ["31/12/2019", "2019-02-30", "2999-01-01"])
def test_bad_as_of_shows_a_message_and_today(cast, client_for, loaded_libraries, bad):
    response = client_for(cast["steering"]).get(*_url(as_of=bad))
    assert response.status_code == 200
    assert response.context["as_of"] == timezone.localdate()
    html = response.content.decode()
    assert 'class="message error"' in html and "was ignored" in html


def test_filters_in_the_page(cast, client_for, loaded_libraries):
    client = client_for(cast["steering"])
    overdue = client.get(*_url(as_of="2019-01-01", overdue="1")).context["rows"]
    assert any(r.overdue for r in overdue)
    assert all(r.overdue or not r.item.assessable for r in overdue)
    component = client.get(*_url(component="2")).context["rows"]
    assert {r.component.ref for r in component} == {"2"}
    none = client.get(*_url(as_of="2017-01-01", overdue="1"))
    assert "Nothing is overdue" in none.content.decode()


def test_library_without_phases_or_due_dates_says_so(cast, client_for, loaded_libraries):
    url = reverse("tracking:workplan", kwargs={"slug": "ccscap-2016"})
    html = client_for(cast["steering"]).get(url).content.decode()
    assert "sets no phases and no item has a due date" in html
    assert "No item of this library has a due date" in html
    assert "<svg" not in html


def test_national_plan_defaults_to_its_state(cast, client_for, loaded_libraries):
    url = reverse("tracking:workplan", kwargs={"slug": "belize-egov-2015"})
    response = client_for(cast["steering"]).get(url, {"as_of": "2020-01-01"})
    assert response.context["jurisdiction"].code == "BZ"
    assert "This library sets no phases." in response.content.decode()
    assert response.context["chart"].markers  # its due dates are still drawn


# Query count ----------------------------------------------------------------------------


def _page_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(*_url(as_of="2020-01-01", jurisdiction="BB"))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_the_data(
    cast, client_for, loaded_libraries, django_assert_max_num_queries
):
    client = client_for(cast["steering"])
    items = list(Item.objects.filter(library__slug=IWP, assessable=True).order_by("position"))
    states = list(Jurisdiction.objects.order_by("code"))
    _validated(items[0], states[0], "in_progress", D(2018, 1, 1))
    client.get(*_url())  # warm the session and any per-process cache
    one = _page_queries(client)
    for n in range(49):
        _validated(items[n % len(items)], states[n % len(states)], "completed", D(2019, 1, 1))
    assert StatusUpdate.objects.count() == 50
    assert _page_queries(client) == one
    with django_assert_max_num_queries(PAGE_QUERIES):
        client.get(*_url(as_of="2020-01-01", jurisdiction="BB"))
