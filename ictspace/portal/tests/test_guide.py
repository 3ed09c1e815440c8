"""The user guide rendered inside the platform: safe, linked, with its images."""

import pytest
from django.urls import reverse

from ictspace.portal import guide

pytestmark = pytest.mark.django_db


def test_the_guide_renders_with_its_headings_and_links_between_documents(client):
    html = client.get(reverse("portal:guide")).content.decode()
    assert '<h1 id="user-guide">User guide</h1>' in html
    assert '<h2 id="your-home-page">Your home page</h2>' in html
    # docs/user-guide.md links to indicators.md: the link stays inside the platform.
    assert f'href="{reverse("portal:guide_page", args=["indicators"])}"' in html
    assert 'href="indicators.md"' not in html


def test_raw_html_and_script_addresses_in_a_document_are_not_rendered(monkeypatch, tmp_path):
    (tmp_path / "user-guide.md").write_text(
        "# T\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) ![i](images/a.png)\n"
    )
    monkeypatch.setattr(guide, "DOCS", tmp_path)
    html = guide.render_page("user-guide")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html
    assert f'src="{reverse("portal:guide_image", args=["a.png"])}"' in html


def test_only_the_guides_documents_and_images_are_served(client):
    assert client.get(reverse("portal:guide_page", args=["development"])).status_code == 404
    image = client.get(reverse("portal:guide_image", args=["matrix.png"]))
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert client.get(reverse("portal:guide_image", args=["nothing.png"])).status_code == 404
    assert client.get("/guide/images/..%2Fuser-guide.md").status_code == 404
