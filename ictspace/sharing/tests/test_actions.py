"""Writing posts: per-kind fields, observables, labels (lowering and raising), requests."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ictspace.accounts.models import Role, RoleGrant
from ictspace.audit.models import AuditEntry
from ictspace.conftest import make_user
from ictspace.directory.models import Jurisdiction
from ictspace.sharing import actions
from ictspace.sharing.models import Observable, Post

pytestmark = pytest.mark.django_db
INCIDENT = {
    "first_seen": "2026-11-01",
    "sector": "finance",
    "incident_type": "phishing",
    "impact": "low",
    "incident_status": "open",
}


def _bb():
    return Jurisdiction.objects.get(code="BB")


def _share(user, **overrides):
    values = {
        "kind": "incident",
        "title": "Phishing",
        "body": "Details",
        "jurisdiction": _bb(),
        "label": "amber",
        "audience": "committee",
        "fields": INCIDENT,
    }
    return actions.do_create_post(**(values | overrides), acting_user=user)


def test_an_incident_needs_its_fields(cast):
    with pytest.raises(ValidationError) as caught:
        _share(cast[Role.NCPOC], fields={"sector": "finance"})
    assert {"first_seen", "incident_type", "impact", "incident_status"} <= set(
        caught.value.message_dict
    )
    assert not Post.objects.exists()


def test_a_field_of_another_kind_is_refused(cast):
    with pytest.raises(ValidationError) as caught:
        _share(cast[Role.NCPOC], kind="lesson", fields={"location": "Bridgetown"})
    assert "location" in caught.value.message_dict


def test_only_clear_goes_to_every_signed_in_user(cast):
    with pytest.raises(ValidationError) as caught:
        _share(cast[Role.NCPOC], label="green", audience="public")
    assert "audience" in caught.value.message_dict
    assert _share(cast[Role.NCPOC], label="clear", audience="public").audience == "public"


@pytest.mark.parametrize(
    ("label", "missing"),
    [("amber+strict", "recipient_organisations"), ("red", "recipients")],
)
def test_strict_labels_need_their_recipients(cast, label, missing):
    with pytest.raises(ValidationError) as caught:
        _share(cast[Role.NCPOC], label=label)
    assert missing in caught.value.message_dict


def test_an_ncpoc_shares_only_for_their_own_state(cast):
    with pytest.raises(PermissionDenied):
        _share(cast[Role.NCPOC], jurisdiction=Jurisdiction.objects.get(code="JM"))


@pytest.mark.parametrize(
    ("type_", "good", "stored", "bad"),
    [
        ("domain", "Bad.Example.COM.", "bad.example.com", "bad_example"),
        ("ipv4", "192.0.2.10", "192.0.2.10", "192.0.2.300"),
        ("ipv6", "2001:DB8::0:1", "2001:db8::1", "192.0.2.1"),
        ("md5", "D41D8CD98F00B204E9800998ECF8427E", "d41d8cd98f00b204e9800998ecf8427e", "d41d8"),
        ("sha1", "da39a3ee5e6b4b0d3255bfef95601890afd80709", None, "x" * 40),
        ("sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", None, "0" * 63),
        ("url", "https://bad.example/login", None, "javascript:alert(1)"),
        ("email", "phisher@bad.example", None, "phisher at bad"),
    ],
)  # fmt: skip
def test_each_observable_is_checked_by_its_type(cast, type_, good, stored, bad):
    post = _share(cast[Role.NCPOC])
    observable = actions.do_add_observable(
        post, type=type_, value=good, acting_user=cast[Role.NCPOC]
    )
    assert observable.value == (stored or good)
    with pytest.raises(ValidationError):
        actions.do_add_observable(post, type=type_, value=bad, acting_user=cast[Role.NCPOC])
    assert Observable.objects.filter(post=post).count() == 1


def test_only_an_incident_carries_observables(cast):
    post = _share(cast[Role.NCPOC], kind="lesson", fields={})
    with pytest.raises(ValidationError):
        actions.do_add_observable(post, type="ipv4", value="192.0.2.1", acting_user=cast["ncpoc"])


def _label_changes(post):
    return list(
        AuditEntry.objects.filter(action="change_label", object_id=str(post.pk)).values_list(
            "actor_label", "changes"
        )
    )


def test_only_the_originator_lowers_a_label(cast):
    post = _share(cast[Role.NCPOC], label="amber")
    with pytest.raises(PermissionDenied):
        actions.do_change_label(post, label="green", acting_user=cast[Role.SECRETARIAT])
    assert Post.objects.get(pk=post.pk).label == "amber"
    actions.do_change_label(post, label="green", acting_user=cast[Role.NCPOC])
    assert Post.objects.get(pk=post.pk).label == "green"
    assert [changes for _who, changes in _label_changes(post)] == [{"label": ["amber", "green"]}]


def test_the_secretariat_raises_a_label_and_the_change_is_audited(cast):
    post = _share(cast[Role.NCPOC], label="green")
    actions.do_change_label(post, label="amber", acting_user=cast[Role.SECRETARIAT])
    [(who, changes)] = _label_changes(post)
    assert changes == {"label": ["green", "amber"]}
    assert who.startswith("secretariat")


def test_other_readers_neither_raise_nor_lower(cast):
    post = _share(cast[Role.NCPOC], label="green")
    for role in (Role.STEERING, Role.RCC_CHAIR, Role.FOCAL_POINT):
        for label in ("clear", "amber"):
            with pytest.raises(PermissionDenied):
                actions.do_change_label(post, label=label, acting_user=cast[role])
    assert _label_changes(post) == []


def test_raising_to_red_needs_named_people(cast):
    post = _share(cast[Role.NCPOC], label="green")
    with pytest.raises(ValidationError):
        actions.do_change_label(post, label="red", acting_user=cast[Role.NCPOC])
    actions.do_change_label(
        post, label="red", recipients=[cast[Role.STEERING]], acting_user=cast[Role.NCPOC]
    )
    assert list(Post.objects.get(pk=post.pk).recipients.all()) == [cast[Role.STEERING]]


def _jm_ncpoc():
    user = make_user(None, email="jm-ncpoc@test.example")
    RoleGrant.objects.create(
        user=user, role=Role.NCPOC, jurisdiction=Jurisdiction.objects.get(code="JM")
    )
    return user


def test_a_request_is_accepted_by_the_state_asked_then_done_by_either(cast):
    asked = _jm_ncpoc()
    request = _share(
        cast[Role.NCPOC],
        kind="request",
        audience="origin",
        fields={"addressed_to": Jurisdiction.objects.get(code="JM"), "resource_type": "expert"},
    )
    assert request.audience == "named"
    assert list(request.named_jurisdictions.values_list("code", flat=True)) == ["JM"]
    with pytest.raises(PermissionDenied):  # the requester cannot accept its own request
        actions.do_accept_request(request, acting_user=cast[Role.NCPOC])
    with pytest.raises(PermissionDenied):  # not yet accepted
        actions.do_complete_request(request, acting_user=asked)
    request = actions.do_accept_request(request, acting_user=asked)
    assert request.request_state == "accepted"
    with pytest.raises(PermissionDenied):  # answered once
        actions.do_decline_request(request, acting_user=asked)
    request = actions.do_complete_request(request, acting_user=cast[Role.NCPOC])
    moves = AuditEntry.objects.filter(action="move_request", object_id=str(request.pk))
    assert [m.changes["request_state"] for m in moves.order_by("pk")] == [
        ["requested", "accepted"],
        ["accepted", "done"],
    ]


def test_a_request_cannot_be_addressed_to_its_own_state(cast):
    with pytest.raises(ValidationError):
        _share(
            cast[Role.NCPOC],
            kind="request",
            fields={"addressed_to": _bb(), "resource_type": "expert"},
        )


def test_an_attachment_is_checked_by_the_file_service(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    post = _share(cast[Role.NCPOC])
    program = SimpleUploadedFile("invoice.pdf", b"MZ\x90\x00" + b"\x00" * 64)
    with pytest.raises(ValidationError) as caught:
        actions.do_attach_file(post, uploaded_file=program, acting_user=cast[Role.NCPOC])
    assert "program" in str(caught.value)
    pdf = SimpleUploadedFile("report.PDF", b"%PDF-1.4\n%%EOF\n")
    item = actions.do_attach_file(post, uploaded_file=pdf, acting_user=cast[Role.NCPOC])
    assert (item.content_type, item.original_name) == ("application/pdf", "report.pdf")
    with pytest.raises(PermissionDenied):  # attachments are the originator's
        actions.do_attach_file(post, uploaded_file=pdf, acting_user=cast[Role.SECRETARIAT])
