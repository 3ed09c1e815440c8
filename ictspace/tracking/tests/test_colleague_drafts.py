"""Two NCPOCs of one state: a draft is its author's until submitted (issue 11, item 8)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from ictspace import access
from ictspace.catalogue.models import Item
from ictspace.conftest import make_user
from ictspace.directory.models import Jurisdiction
from ictspace.review.models import ReviewState
from ictspace.tracking.actions import do_draft_status_update, do_submit_status_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(cast, loaded_libraries):
    item = Item.objects.get(library__slug="single-ict-space-iwp-2017", ref="3.1.4")
    return do_draft_status_update(
        jurisdiction=Jurisdiction.objects.get(code="BB"),
        item=item,
        status="in_progress",
        effective_date=datetime.date(2024, 1, 1),
        acting_user=cast["ncpoc"],
    )


@pytest.fixture
def colleague(directory):
    return make_user("ncpoc", email="second-ncpoc@test.example")


def test_a_colleague_reads_the_draft_but_cannot_submit_it(client_for, draft, colleague):
    client = client_for(colleague)
    page = client.get(reverse("tracking:update", args=[draft.pk]))
    assert page.status_code == 200
    assert reverse("tracking:update_submit", args=[draft.pk]) not in page.content.decode()
    response = client.post(reverse("tracking:update_submit", args=[draft.pk]))
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.review_state == ReviewState.DRAFT


def test_the_action_refuses_the_colleague_too(draft, colleague):
    assert access.can_draft_status(colleague, draft.jurisdiction, draft.item)
    with pytest.raises(PermissionDenied):
        do_submit_status_update(draft, acting_user=colleague)


def test_the_author_submits_and_loses_the_right_with_the_role(cast, client_for, draft):
    author = cast["ncpoc"]
    assert access.can_submit_status(author, draft)
    author.role_grants.all().delete()
    author = type(author).objects.get(pk=author.pk)  # grants are cached on the instance
    assert not access.can_submit_status(author, draft)
    client = client_for(author)
    assert client.post(reverse("tracking:update_submit", args=[draft.pk])).status_code == 404
    draft.refresh_from_db()
    assert draft.review_state == ReviewState.DRAFT
