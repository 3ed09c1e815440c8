"""The sharing pages through HTTP: forms, filters, search, CSV, downloads, request buttons."""

import csv
import io

import pytest
from django.urls import reverse

from ictspace.accounts.models import Role
from ictspace.audit.models import AuditEntry
from ictspace.directory.models import Jurisdiction
from ictspace.sharing.models import Post
from ictspace.sharing.tests.factories import (
    IncidentFactory,
    ObservableFactory,
    OfferFactory,
    RequestFactory,
)

pytestmark = pytest.mark.django_db


def test_the_form_shows_first_definitions_beside_each_label(cast, client_for):
    page = client_for(cast[Role.NCPOC]).get(reverse("sharing:new", args=["incident"]))
    text = page.content.decode()
    for label in ("TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"):
        assert label in text
    assert "For the eyes and ears of individual recipients only" in text
    assert 'class="tlp tlp-red"' in text


def test_sharing_an_incident_with_observables(cast, client_for):
    response = client_for(cast[Role.NCPOC]).post(
        reverse("sharing:new", args=["incident"]),
        {
            "title": "Credential phishing",
            "body": "Fake bank pages.",
            "label": "amber",
            "audience": "origin",
            "first_seen": "2026-11-20",
            "sector": "finance",
            "incident_type": "phishing",
            "impact": "medium",
            "incident_status": "open",
            "observables": "domain login-bank.example\nipv4 192.0.2.5",
        },
    )
    post = Post.objects.get()
    assert response.status_code == 302
    assert (post.jurisdiction.code, post.author, post.label) == ("BB", cast[Role.NCPOC], "amber")
    assert sorted(post.observables.values_list("type", "value")) == [
        ("domain", "login-bank.example"),
        ("ipv4", "192.0.2.5"),
    ]


def test_a_bad_observable_is_shown_on_the_form(cast, client_for):
    response = client_for(cast[Role.NCPOC]).post(
        reverse("sharing:new", args=["incident"]),
        {"title": "T", "body": "B", "label": "amber", "audience": "origin",
         "first_seen": "2026-11-20", "sector": "finance", "incident_type": "phishing",
         "impact": "medium", "incident_status": "open", "observables": "ipv4 999.1.1.1"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "is not a valid IPv4 address" in response.content.decode()
    assert not Post.objects.exists()


def test_list_filters_search_observables_and_exports_what_is_seen(cast, client_for):
    ncpoc = cast[Role.NCPOC]
    seen = IncidentFactory(author=ncpoc, title="=HYPERLINK bad", label="green")
    ObservableFactory(post=seen, type="domain", value="evil-cdn.example")
    IncidentFactory(title="Not for you", audience="origin",
                    jurisdiction=Jurisdiction.objects.get(code="JM"))  # fmt: skip
    OfferFactory(author=ncpoc, title="Lab time", label="green")
    client = client_for(cast[Role.STEERING])
    found = client.get(reverse("sharing:list"), {"q": "evil-cdn"}).content.decode()
    assert "HYPERLINK bad" in found and "Lab time" not in found
    offers = client.get(reverse("sharing:list"), {"kind": "offer"}).content.decode()
    assert "Lab time" in offers and "HYPERLINK" not in offers
    export = client.get(reverse("sharing:export")).content.decode()
    rows = list(csv.reader(io.StringIO(export)))
    assert sorted(row[3] for row in rows[1:]) == ["'=HYPERLINK bad", "Lab time"]


def test_the_registry_searches_offers_by_type(cast, client_for):
    OfferFactory(title="Mobile forensics lab", resource_type="forensic_lab", label="green")
    OfferFactory(title="SIEM trainer", resource_type="trainer", label="green")
    client = client_for(cast[Role.NCPOC])
    page = client.get(reverse("sharing:registry"), {"resource_type": "trainer"}).content.decode()
    assert "SIEM trainer" in page and "Mobile forensics lab" not in page


def test_the_detail_page_shows_the_label_in_words_and_colour(cast, client_for):
    post = IncidentFactory(author=cast[Role.NCPOC], label="amber+strict", audience="committee")
    page = client_for(cast[Role.NCPOC]).get(reverse("sharing:detail", args=[post.pk]))
    assert '<span class="tlp tlp-amber+strict">TLP:AMBER+STRICT</span>' in page.content.decode()


def test_the_request_buttons_name_their_consequence(cast, client_for):
    ncpoc = cast[Role.NCPOC]
    bb, jm = Jurisdiction.objects.get(code="BB"), Jurisdiction.objects.get(code="JM")
    request = RequestFactory(
        author=cast[Role.SECRETARIAT], jurisdiction=jm, addressed_to=bb, named_jurisdictions=[bb]
    )
    client = client_for(ncpoc)
    page = client.get(reverse("sharing:detail", args=[request.pk])).content.decode()
    assert "Accepting tells Jamaica that your jurisdiction will provide this assistance." in page
    response = client.post(reverse("sharing:request_move", args=[request.pk, "accept"]))
    assert response.status_code == 302
    assert Post.objects.get(pk=request.pk).request_state == "accepted"
    assert AuditEntry.objects.filter(action="move_request").exists()
