"""The demonstration data set: refused outside demo instances, marked, idempotent, alive."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Max, Min

from ictspace.accounts.models import User
from ictspace.audit.models import AuditEntry
from ictspace.catalogue.models import Indicator
from ictspace.demo import flag, pdf
from ictspace.demo.cast import member_states
from ictspace.demo.indicators import SERIES
from ictspace.demo.loader import DemoDataRefused, load_demo_data
from ictspace.demo.models import DemoDataSet
from ictspace.files import kinds
from ictspace.indicators.models import Observation
from ictspace.indicators.values import Spec
from ictspace.review.models import ReviewState
from ictspace.tracking.models import Evidence, StatusUpdate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


def _rows() -> tuple:
    return (
        User.objects.count(),
        StatusUpdate.objects.count(),
        Observation.objects.count(),
        Evidence.objects.count(),
        AuditEntry.objects.count(),
        DemoDataSet.objects.count(),
    )


def test_refused_unless_the_instance_is_a_demonstration(settings, loaded_libraries, client):
    settings.DEMO = False
    before = _rows()
    with pytest.raises(DemoDataRefused):
        load_demo_data()
    with pytest.raises(CommandError, match="ICTSPACE_DEMO=true"):
        call_command("load_demo_data")
    assert _rows() == before
    flag.forget()
    assert "Demonstration instance" not in client.get("/").content.decode()


def test_the_generated_evidence_is_a_real_pdf():
    content = pdf.document("Barbados: status (report)", ["line one", "line (two)"])
    detected = kinds.inspect(SimpleUploadedFile("r.pdf", content), kinds.EVIDENCE)
    assert detected.content_type == "application/pdf"
    assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")
    assert b"\\(report\\)" in content  # parentheses escaped inside the text string


def test_the_data_set_is_loaded_once_marked_and_alive(settings, loaded_libraries, client):
    settings.DEMO = True
    first = load_demo_data()
    assert first.created
    after_first = _rows()
    second = load_demo_data()
    assert not second.created and second.counts == first.counts
    assert _rows() == after_first, "a second run must not duplicate anything"

    marker = DemoDataSet.objects.get()
    assert marker.summary == first.counts
    assert AuditEntry.objects.filter(action="load_demo_data").count() == 1
    # Through the actions: each validated status has its draft, submit and validate entries.
    demo = StatusUpdate.objects.filter(source_citation="Demonstration data")
    validated = demo.filter(review_state=ReviewState.VALIDATED)
    assert validated.count() == first.counts["statuses"]
    assert AuditEntry.objects.filter(action="validated_status").count() >= validated.count()
    assert Evidence.objects.filter(update__in=validated, content_type="application/pdf").exists()
    # Every member state has statuses at several dates and series over several years.
    states = member_states()
    per_state = validated.values("jurisdiction").annotate(
        dates=Count("effective_date", distinct=True)
    )
    assert len(per_state) == len(states)
    assert min(row["dates"] for row in per_state) >= 1
    assert max(row["dates"] for row in per_state) >= 3
    years = Observation.objects.values("jurisdiction").annotate(n=Count("period", distinct=True))
    assert {row["n"] for row in years} == {6}
    assert len(years) == len(states)
    # Work in hand for the demo accounts: drafts, returned with a reason, waiting.
    for state in ("draft", "returned", "submitted"):
        assert demo.filter(review_state=state, jurisdiction__code="BB").exists(), state
    assert demo.filter(review_state="returned").exclude(return_reason="").exists()
    assert Observation.objects.filter(review_state=ReviewState.SUBMITTED).exists()
    # Everything is dated by today at the latest.
    assert demo.aggregate(last=Max("effective_date"))["last"] <= marker.loaded_at.date()

    _values_lie_within_their_bounds()
    # The committee exchanges something, and the public has written in.
    from ictspace.publicreports.models import PublicReport
    from ictspace.sharing.models import Post

    assert Post.objects.filter(kind="incident").exists()
    assert Post.objects.filter(kind="request", request_state="accepted").exists()
    assert PublicReport.objects.count() == 3
    assert first.counts["exchange"] == Post.objects.count() + PublicReport.objects.count()

    flag.forget()
    settings.DEMO = False  # the database's marker alone labels the pages
    assert "Demonstration instance" in client.get("/").content.decode()


def _values_lie_within_their_bounds() -> None:
    for indicator in Indicator.objects.filter(library__slug="ict-core-indicators", code__in=SERIES):
        spec = Spec.of(indicator)
        span = Observation.objects.filter(indicator=indicator).aggregate(
            low=Min("value_number"), high=Max("value_number")
        )
        assert span["low"] > Decimal(0), indicator.code
        if spec.maximum is not None:
            assert span["high"] <= spec.maximum, indicator.code
