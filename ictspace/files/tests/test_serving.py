import hashlib

import pytest
from django.core.files.base import ContentFile
from django.http import Http404

from ictspace.files import serving
from ictspace.files.tests.samples import pdf
from ictspace.tracking.models import Evidence


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


def _stored_pdf() -> Evidence:
    content = pdf()
    item = Evidence(sha256=hashlib.sha256(content).hexdigest())
    item.file.save("x", ContentFile(content), save=False)
    return item


def test_a_download_is_an_attachment_the_browser_never_renders():
    item = _stored_pdf()
    response = serving.file_response(
        item.file, name="Rapport d'étape.pdf", content_type="application/pdf"
    )
    assert b"".join(response.streaming_content) == pdf()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Rapport d_etape.pdf\"; filename*=UTF-8''Rapport%20d%27%C3%A9tape.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Cache-Control"] == "private, no-store"


def test_a_blob_missing_from_storage_is_a_404():
    item = Evidence(sha256="0" * 64, file="blobs/00/" + "0" * 64)
    with pytest.raises(Http404):
        serving.file_response(item.file, name="gone.pdf", content_type="application/pdf")
