"""A refusal raised anywhere in a view answers like a missing object."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import override_settings
from django.urls import path

from ictspace import access, urls


def _refuse(request):
    raise PermissionDenied


def _missing(request):
    raise Http404


urlpatterns = [path("refuse", _refuse), path("missing", _missing), *urls.urlpatterns]
handler403 = urls.handler403


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_permission_denied_answers_like_a_missing_object(client):
    refused = client.get("/refuse")
    missing = client.get("/missing")
    assert refused.status_code == missing.status_code == 404
    # The same page (only per-request tokens differ).
    assert refused.templates[0].name == missing.templates[0].name == "404.html"


def test_system_is_not_a_user():
    assert access.is_system(access.SYSTEM)
    assert not access.is_system(None)
    assert access.SYSTEM.pk is None
    assert not access.SYSTEM.is_authenticated
