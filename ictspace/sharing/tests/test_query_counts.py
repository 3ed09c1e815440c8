"""Sharing pages cost a pinned number of queries, whatever the number of posts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ictspace.directory.models import Jurisdiction, Organisation
from ictspace.sharing import actions
from ictspace.sharing.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def _share(cast, n: int) -> list:
    """n incidents of every label and audience the NCPOC reads, each with a comment."""
    ncpoc, state = cast["ncpoc"], Jurisdiction.objects.get(code="BB")
    labels = [
        ("green", "committee", {}),
        ("amber", "named", {"named_jurisdictions": [Jurisdiction.objects.get(code="JM")]}),
        ("amber+strict", "origin", {"recipient_organisations": [Organisation.objects.get(code="CTU")]}),
        ("red", "origin", {"recipients": [cast["secretariat"]]}),
    ]  # fmt: skip
    posts = []
    for i in range(n):
        label, audience, lists = labels[i % len(labels)]
        post = actions.do_create_post(
            kind="incident", title=f"Incident {i}", body="B", jurisdiction=state, label=label,
            audience=audience, fields={"first_seen": "2026-11-01", "sector": "finance",
            "incident_type": "phishing", "impact": "low", "incident_status": "open"},
            observables=[("domain", f"bad{i}.example"), ("ipv4", f"192.0.2.{i % 250}")],
            acting_user=ncpoc, **lists,
        )  # fmt: skip
        actions.do_add_comment(post, body="Noted.", acting_user=ncpoc)
        actions.do_attach_file(
            post, uploaded_file=SimpleUploadedFile(f"r{i}.pdf", PDF), acting_user=ncpoc
        )
        posts.append(post)
    for i in range(n):
        OfferFactory(author=ncpoc, title=f"Offer {i}", audience="committee", label="green")
    return posts


@pytest.mark.parametrize(
    ("name", "pinned"),
    [("sharing:list", 8), ("sharing:registry", 9), ("sharing:export", 5)],
)
def test_list_pages_do_not_grow_with_the_posts(name, pinned, cast, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(cast["ncpoc"])
    _share(cast, 2)
    few = _queries(client, reverse(name))
    _share(cast, 8)
    assert _queries(client, reverse(name)) == few == pinned


def test_a_post_page_does_not_grow_with_its_comments(cast, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(cast["ncpoc"])
    post = _share(cast, 1)[0]
    url = reverse("sharing:detail", args=[post.pk])
    few = _queries(client, url)
    for i in range(6):
        actions.do_add_observable(post, type="sha256", value=f"{i:064x}", acting_user=cast["ncpoc"])
        actions.do_add_comment(post, body=f"More {i}", acting_user=cast["ncpoc"])
        actions.do_attach_file(
            post,
            uploaded_file=SimpleUploadedFile(f"m{i}.pdf", PDF + bytes([i])),
            acting_user=cast["ncpoc"],
        )
    assert _queries(client, url) == few == 14
