import datetime
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ictspace import access
from ictspace.accounts.models import Role, RoleGrant
from ictspace.audit.models import AuditEntry
from ictspace.catalogue.models import Item
from ictspace.conftest import make_user
from ictspace.directory.models import Jurisdiction
from ictspace.files import kinds
from ictspace.files.tests import samples
from ictspace.tracking import actions
from ictspace.tracking.evidence import actions as evidence_actions
from ictspace.tracking.evidence.forms import EvidenceFileForm
from ictspace.tracking.models import Evidence, StatusUpdate

pytestmark = pytest.mark.django_db
IWP = "single-ict-space-iwp-2017"
DAY = datetime.date(2025, 3, 1)
MB = 1024 * 1024
STUDY = "OAS and IDB – 2016 – Cybersecurity: Are we ready in Latin America and the Caribbean?"
NOT_ACCEPTED = "is not a PDF, image, office document or CSV file"
SIGNED_IN = list(Role.values)


# Checking in the form ---------------------------------------------------------------


class _Unreadable:
    def read(self, *args):
        raise AssertionError("the size check must not read the content")

    seek = read


def test_the_form_checks_the_size_before_reading():
    upload = samples.upload("big.pdf", b"%PDF-")
    upload.size, upload.file = 25 * MB, _Unreadable()
    form = EvidenceFileForm(data={"citation": STUDY}, files={"file": upload})
    assert not form.is_valid()
    assert form.errors["file"] == ["“big.pdf” is 25.0 MB; the limit is 20 MB."]


# Actions -------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def item(loaded_libraries):
    return Item.objects.get(library__slug=IWP, ref="3.1.4")


@pytest.fixture
def draft(cast, item):
    return actions.do_draft_status_update(
        jurisdiction=Jurisdiction.objects.get(code="BB"),
        item=item,
        status="in_progress",
        effective_date=DAY,
        acting_user=cast["ncpoc"],
    )


def _stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _attach_pdf(update, user, name="Contract.pdf", content=None):
    return evidence_actions.do_attach_file(
        update,
        uploaded_file=samples.upload(name, content or samples.pdf()),
        citation=STUDY,
        acting_user=user,
    )


def test_an_attached_file_is_stored_under_its_hash_and_audited(cast, draft, settings):
    item = _attach_pdf(draft, cast["ncpoc"])
    digest = hashlib.sha256(samples.pdf()).hexdigest()
    assert item.file.name == f"blobs/{digest[:2]}/{digest}"
    assert (settings.MEDIA_ROOT / item.file.name).read_bytes() == samples.pdf()
    assert (item.sha256, item.content_type, item.size) == (
        digest,
        "application/pdf",
        len(samples.pdf()),
    )
    assert (item.original_name, item.citation, item.added_by) == (
        "Contract.pdf",
        STUDY,
        cast["ncpoc"],
    )
    entry = AuditEntry.objects.get(action="attach_evidence", object_id=str(item.pk))
    assert entry.changes["sha256"] == [None, digest]
    assert entry.changes["update"] == [None, draft.pk]


def test_identical_content_shares_one_blob(cast, draft, settings):
    first = _attach_pdf(draft, cast["ncpoc"], "a.pdf")
    second = _attach_pdf(draft, cast["ncpoc"], "b.pdf")
    assert first.file.name == second.file.name
    assert len(_stored_files(settings)) == 1
    assert Evidence.objects.filter(update=draft).count() == 2


def test_a_failure_after_the_write_leaves_no_blob(cast, draft, settings, monkeypatch):
    def broken_audit(*args, **kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(evidence_actions, "record", broken_audit)
    with pytest.raises(RuntimeError):
        _attach_pdf(draft, cast["ncpoc"])
    assert _stored_files(settings) == []
    assert not Evidence.objects.exists()


def test_a_failure_keeps_a_blob_that_other_evidence_uses(cast, draft, settings, monkeypatch):
    kept = _attach_pdf(draft, cast["ncpoc"])
    monkeypatch.setattr(evidence_actions, "record", lambda **kwargs: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        _attach_pdf(draft, cast["ncpoc"])
    assert (settings.MEDIA_ROOT / kept.file.name).exists()


def test_a_submitted_update_takes_no_evidence(cast, draft, settings):
    stale = StatusUpdate.objects.get(pk=draft.pk)
    actions.do_submit_status_update(draft, acting_user=cast["ncpoc"])
    with pytest.raises(PermissionDenied):
        _attach_pdf(stale, cast["ncpoc"])  # re-read under lock: not the copy it was given
    assert _stored_files(settings) == []


@pytest.mark.parametrize("role", ["secretariat", "rcc_chair", "focal_point", "steering"])
def test_only_the_author_adds_evidence(cast, draft, role):
    with pytest.raises(PermissionDenied):
        _attach_pdf(draft, cast[role])
    assert not Evidence.objects.exists()


def test_a_refused_file_names_the_field(cast, draft):
    with pytest.raises(ValidationError) as refused:
        _attach_pdf(draft, cast["ncpoc"], "setup.exe", samples.EXE)
    assert list(refused.value.message_dict) == ["file"]


def _link(update, user, **fields):
    values = {
        "url": "https://www.oas.org/en/sms/cicte/",
        "title": "OAS cyber security programme",
        "accessed_on": DAY,
        "citation": STUDY,
        **fields,
    }
    return evidence_actions.do_attach_link(update, **values, acting_user=user)


def test_a_link_is_recorded_and_audited(cast, draft):
    link = _link(draft, cast["ncpoc"])
    assert (link.kind, link.url, link.accessed_on, link.sha256) == ("link", link.url, DAY, "")
    assert AuditEntry.objects.get(action="attach_evidence").changes["url"][1] == link.url


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"url": "ftp://files.example.org/report.pdf"}, "url"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"title": "  "}, "title"),
        ({"accessed_on": timezone.localdate() + datetime.timedelta(days=1)}, "accessed_on"),
        ({"citation": ""}, "citation"),
    ],
)
def test_link_validation(cast, draft, fields, field):
    with pytest.raises(ValidationError) as refused:
        _link(draft, cast["ncpoc"], **fields)
    assert list(refused.value.message_dict) == [field]
    assert (
        not Evidence.objects.exists()
        and not AuditEntry.objects.filter(action="attach_evidence").exists()
    )


def test_visible_evidence_is_narrowed_by_a_subquery(cast):
    sql = str(access.evidence_visible_to(cast["ncpoc"]).query)
    assert "IN (SELECT" in sql.upper()


# Views ---------------------------------------------------------------------------------


def _add_url(update):
    return reverse("tracking:evidence_add", args=[update.pk])


def _download(client, item):
    return client.get(reverse("tracking:evidence_download", args=[item.pk]))


def test_the_author_uploads_and_downloads_a_file(cast, client_for, draft):
    client = client_for(cast["ncpoc"])
    answer = client.post(
        _add_url(draft),
        {
            "kind": "file",
            "citation": STUDY,
            "file": samples.upload("Rapport d'étape.pdf", samples.pdf()),
        },
    )
    assert answer.status_code == 302
    assert answer["Location"] == reverse("tracking:update", args=[draft.pk])
    item = Evidence.objects.get(update=draft)
    response = _download(client, item)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == samples.pdf()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Rapport detape.pdf\"; filename*=UTF-8''Rapport%20d%C3%A9tape.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Cache-Control"] == "private, no-store"


def test_an_upload_spooled_to_disk_is_stored_whole(cast, client_for, draft, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every upload becomes a temporary file
    content = samples.pdf() + b"%" + b"x" * (3 * kinds.CHUNK)
    answer = client_for(cast["ncpoc"]).post(
        _add_url(draft),
        {"kind": "file", "citation": STUDY, "file": samples.upload("big.pdf", content)},
    )
    assert answer.status_code == 302
    item = Evidence.objects.get(update=draft)
    assert item.sha256 == hashlib.sha256(content).hexdigest()
    assert (settings.MEDIA_ROOT / item.file.name).read_bytes() == content


def test_the_author_adds_a_link(cast, client_for, draft):
    answer = client_for(cast["ncpoc"]).post(
        _add_url(draft),
        {
            "kind": "link",
            "url": "https://www.oas.org/",
            "title": "OAS",
            "accessed_on": "2025-02-01",
            "citation": STUDY,
        },
    )
    assert answer.status_code == 302
    link = Evidence.objects.get(update=draft)
    assert (link.kind, link.accessed_on) == ("link", datetime.date(2025, 2, 1))
    assert _download(client_for(cast["ncpoc"]), link).status_code == 404  # links are not served


def test_get_from_the_author_is_405(cast, client_for, draft):
    assert client_for(cast["ncpoc"]).get(_add_url(draft)).status_code == 405


@pytest.mark.parametrize("role", ["secretariat", "rcc_chair", "focal_point", "steering", "auditor"])
def test_others_cannot_add_evidence(cast, client_for, draft, role):
    answer = client_for(cast[role]).post(
        _add_url(draft),
        {"kind": "file", "citation": STUDY, "file": samples.upload("a.pdf", samples.pdf())},
    )
    assert answer.status_code == 404
    assert not Evidence.objects.exists()


def test_anonymous_is_sent_to_sign_in(client_for, draft):
    answer = client_for(None).post(_add_url(draft), {"kind": "link"})
    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]


def test_a_rejected_upload_answers_400_and_writes_nothing(cast, client_for, draft, settings):
    answer = client_for(cast["ncpoc"]).post(
        _add_url(draft),
        {"kind": "file", "citation": STUDY, "file": samples.upload("setup.exe", samples.EXE)},
    )
    assert answer.status_code == 400
    html = answer.content.decode()
    assert f"“setup.exe” {NOT_ACCEPTED} (it looks like a Windows program)." in html
    assert 'enctype="multipart/form-data"' in html and 'name="citation"' in html
    assert not Evidence.objects.exists()
    assert not AuditEntry.objects.filter(action="attach_evidence").exists()
    assert _stored_files(settings) == []


def test_an_upload_past_the_limit_is_not_even_stored_in_a_temporary_file(
    cast, client_for, draft, settings, monkeypatch
):
    from ictspace.files import uploads

    spooled = []
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 100 * 1024)
    original = TemporaryUploadedFile.__init__

    def spy(self, *args, **kwargs):
        original(self, *args, **kwargs)
        spooled.append(self)

    monkeypatch.setattr(TemporaryUploadedFile, "__init__", spy)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every file would go to disk
    big = samples.upload("annual-report.pdf", samples.pdf() + b"%" * (200 * 1024))
    answer = client_for(cast["ncpoc"]).post(
        _add_url(draft), {"kind": "file", "citation": STUDY, "file": big}
    )
    assert answer.status_code == 400
    assert "“annual-report.pdf” is larger than" in answer.content.decode()
    assert all(f.closed for f in spooled)  # what was spooled before the limit is gone
    assert not Evidence.objects.exists()
    assert _stored_files(settings) == []


def test_a_link_dated_in_the_future_answers_400(cast, client_for, draft):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    answer = client_for(cast["ncpoc"]).post(
        _add_url(draft),
        {"kind": "link", "url": "https://example.org/", "title": "x", "accessed_on": tomorrow,
         "citation": STUDY},
    )  # fmt: skip
    assert answer.status_code == 400
    assert "The date accessed cannot be in the future." in answer.content.decode()
    assert not Evidence.objects.exists()


def test_an_unknown_kind_is_400(cast, client_for, draft):
    assert client_for(cast["ncpoc"]).post(_add_url(draft), {"kind": "x"}).status_code == 400


@pytest.fixture
def other_draft_evidence(item):
    """A file on a Jamaican draft, attached by Jamaica's NCPOC."""
    author = make_user(None, email="ncpoc-jm@test.example")
    jamaica = Jurisdiction.objects.get(code="JM")
    RoleGrant.objects.create(user=author, role=Role.NCPOC, jurisdiction=jamaica)
    update = StatusUpdate.objects.create(
        jurisdiction=jamaica, item=item, status="in_progress", effective_date=DAY,
        author=author, created_at=timezone.now(),
    )  # fmt: skip
    return _attach_pdf(update, author)


@pytest.mark.parametrize("role", SIGNED_IN)
def test_another_jurisdictions_draft_is_hidden_from_all_but_the_secretariat(
    cast, client_for, other_draft_evidence, role
):
    expected = 200 if role == Role.SECRETARIAT else 404
    assert _download(client_for(cast[role]), other_draft_evidence).status_code == expected


@pytest.mark.parametrize("role", SIGNED_IN)
def test_validated_evidence_is_downloadable_by_every_signed_in_role(cast, client_for, draft, role):
    item = _attach_pdf(draft, cast["ncpoc"])
    actions.do_submit_status_update(draft, acting_user=cast["ncpoc"])
    actions.do_review_status_update(draft, decision="validate", acting_user=cast["rcc_chair"])
    assert _download(client_for(cast[role]), item).status_code == 200


def test_download_needs_sign_in(client_for, cast, draft):
    item = _attach_pdf(draft, cast["ncpoc"])
    assert _download(client_for(None), item).status_code == 302


def test_download_query_count_is_fixed(cast, client_for, draft, django_assert_max_num_queries):
    item = _attach_pdf(draft, cast["ncpoc"])
    client = client_for(cast["ncpoc"])
    with django_assert_max_num_queries(5):
        assert _download(client, item).status_code == 200


# The partial -----------------------------------------------------------------------------


def test_the_partial_lists_files_and_links(cast, draft, rf):
    pdf = _attach_pdf(draft, cast["ncpoc"])
    _link(draft, cast["ncpoc"])
    html = render_to_string(
        "tracking/_evidence.html",
        {"update": draft, "evidence_list": draft.evidence.all(), "can_add_evidence": True},
        request=rf.get("/"),
    )
    assert reverse("tracking:evidence_download", args=[pdf.pk]) in html
    assert f'<code title="{pdf.sha256}">{pdf.sha256[:12]}</code>' in html
    assert 'rel="noopener noreferrer"' in html and "1 Mar 2025" in html
    assert html.count(f"Source: {STUDY}") == 2
    assert f'accept="{kinds.EVIDENCE.accept}"' in html  # the template's list is the sniffer's list
    assert html.count(f'action="{_add_url(draft)}"') == 2


def test_the_partial_has_an_empty_state_and_no_forms_for_readers(draft, rf):
    html = render_to_string(
        "tracking/_evidence.html",
        {"update": draft, "evidence_list": [], "can_add_evidence": False},
        request=rf.get("/"),
    )
    assert "No evidence has been attached to this update." in html
    assert "<form" not in html
