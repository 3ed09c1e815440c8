import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db
IWP = "single-ict-space-iwp-2017"


def test_library_list_counts_items_by_kind(cast, client_for, loaded_libraries):
    html = client_for(cast["steering"]).get(reverse("catalogue:libraries")).content.decode()
    assert "Integrated Work Plan for the CARICOM Single ICT Space" in html
    assert "Component: 9" in html  # the kind in words, not its code


def test_tree_filters_by_lead_organisation(cast, client_for, loaded_libraries):
    client = client_for(cast["ncpoc"])
    url = reverse("catalogue:library", args=[IWP])
    everything = client.get(url).context["items"]
    cxc = client.get(url, {"lead": "CXC"}).context["items"]
    assert 0 < len(cxc) < len(everything)
    assert all("CXC" in item.leads for item in cxc)


def test_tree_filters_by_jurisdiction_phase_and_year(cast, client_for, loaded_libraries):
    client = client_for(cast["ncpoc"])
    url = reverse("catalogue:library", args=[IWP])
    ixp = client.get(url, {"jurisdiction": "BZ"}).context["items"]
    assert "3.1.4" in {i.ref for i in ixp}
    for item in client.get(url, {"phase": "2"}).context["items"]:
        assert "2" in item.phases
    for item in client.get(url, {"due_year": "2019"}).context["items"]:
        assert item.due_by.year == 2019
    empty = client.get(url, {"q": "no such words anywhere"})
    assert "No item matches these filters" in empty.content.decode()


def test_item_page_shows_source_and_attributes(cast, client_for, loaded_libraries):
    html = (
        client_for(cast["auditor"])
        .get(reverse("catalogue:item", args=[IWP, "3.1.4"]))
        .content.decode()
    )
    # The source document by its title, its text behind a link; never the file's name.
    source = reverse("catalogue:source", args=[IWP])
    assert f'<a href="{source}">Integrated Work Plan for the CARICOM Single ICT Space' in html
    assert "000_eda2d38509e35120.txt" not in html
    assert "Barbados" in html and "Belize" in html
    # "December 2018" is due at month precision: no invented day.
    assert '<time datetime="2018-12">Dec 2018</time>' in html
    # The item links to its status across jurisdictions.
    assert f'href="{reverse("tracking:item", args=[IWP, "3.1.4"])}"' in html
    assert "Not started · In progress · Completed" in html


def test_the_source_document_is_served_as_text(cast, client_for, loaded_libraries):
    response = client_for(cast["auditor"]).get(reverse("catalogue:source", args=[IWP]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert b"INTEGRATED WORK PLAN FOR THE CARICOM SINGLE ICT SPACE" in response.content


def test_unknown_library_or_item_is_404(cast, client_for, loaded_libraries):
    client = client_for(cast["auditor"])
    assert client.get("/libraries/nope/").status_code == 404
    assert client.get(f"/libraries/{IWP}/items/99.99/").status_code == 404
    assert client.get(f"/libraries/{IWP}/export.exe").status_code == 404


def test_export_download_has_a_safe_name(cast, client_for, loaded_libraries):
    response = client_for(cast["auditor"]).get(reverse("catalogue:export", args=[IWP, "xlsx"]))
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"{IWP}-v2.xlsx\"; filename*=UTF-8''{IWP}-v2.xlsx"
    )
    assert response.content[:2] == b"PK"


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


def test_catalogue_pages_run_a_constant_number_of_queries(cast, client_for, loaded_libraries):
    """Small and large libraries cost the same number of queries."""
    client = client_for(cast["auditor"])
    counts = {
        slug: _queries(client, reverse("catalogue:library", args=[slug]))
        for slug in ("caribbean-ig-framework", IWP)
    }
    assert len(set(counts.values())) == 1, counts
    tree = reverse("catalogue:library", args=[IWP])
    many = _queries(client, tree, {"lead": "CTU"})
    few = _queries(client, tree, {"lead": "CXC"})
    assert many == few
    # One mapping and one jurisdiction list against three mappings and more attributes.
    item_a = _queries(client, reverse("catalogue:item", args=[IWP, "3.1.3"]))
    item_b = _queries(client, reverse("catalogue:item", args=[IWP, "2.1.1"]))
    assert item_a == item_b
    assert max(*counts.values(), item_a) <= 14
