import csv
import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from ictspace.catalogue.models import Item
from ictspace.directory.models import Jurisdiction
from ictspace.review.models import ReviewState
from ictspace.tracking.models import StatusUpdate
from ictspace.tracking.selectors import gaps

pytestmark = pytest.mark.django_db
IWP = "single-ict-space-iwp-2017"


def _run(*args) -> str:
    out = io.StringIO()
    call_command("gaps", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def ixp_in_progress(loaded_libraries):
    return StatusUpdate.objects.create(
        jurisdiction=Jurisdiction.objects.get(code="BB"),
        item=Item.objects.get(library__slug=IWP, ref="3.1.4"),
        status="in_progress",
        effective_date=datetime.date(2019, 3, 1),
        review_state=ReviewState.VALIDATED,
        created_at=timezone.now(),
    )


def test_json_lists_every_gap_with_its_status(ixp_in_progress):
    document = json.loads(_run("--jurisdiction", "BB", "--library", IWP, "--as-of", "2020-01-01"))
    assert (document["jurisdiction"], document["as_of"]) == ("BB", "2020-01-01")
    bb = Jurisdiction.objects.get(code="BB")
    expected = gaps(bb, ixp_in_progress.item.library, datetime.date(2020, 1, 1))
    assert [g["ref"] for g in document["gaps"]] == [row.item.ref for row in expected]
    ixp = next(g for g in document["gaps"] if g["ref"] == "3.1.4")
    assert ixp == {
        "ref": "3.1.4",
        "title": ixp_in_progress.item.title,
        "status": "in_progress",
        "required": "completed",
        "effective_date": "2019-03-01",
        "evidence_count": 0,
    }
    before = json.loads(_run("--jurisdiction", "bb", "--library", IWP, "--as-of", "2019-02-28"))
    assert next(g for g in before["gaps"] if g["ref"] == "3.1.4")["status"] == "no_data"


def test_csv_has_a_header_and_one_row_per_gap(ixp_in_progress):
    rows = list(
        csv.DictReader(
            io.StringIO(_run("--jurisdiction", "BB", "--library", IWP, "--format", "csv"))
        )
    )
    assert list(rows[0]) == [
        "ref",
        "title",
        "status",
        "required",
        "effective_date",
        "evidence_count",
    ]
    assert {"ref": "3.1.4", "status": "in_progress"}.items() <= next(
        r for r in rows if r["ref"] == "3.1.4"
    ).items()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--jurisdiction", "XX", "--library", IWP], "No jurisdiction"),
        (["--jurisdiction", "BB", "--library", "nope"], "No library 'nope'"),
        (["--jurisdiction", "BB", "--library", IWP, "--as-of", "2020-02-30"], "is not a date"),
        (["--jurisdiction", "BB", "--library", IWP, "--as-of", "2999-01-01"], "in the future"),
    ],
)
def test_bad_arguments_say_what_is_wrong(loaded_libraries, args, message):
    with pytest.raises(CommandError, match=message):
        _run(*args)
