"""Personal API tokens through their page and through the API's HTTP surface."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ictspace.accounts.models import Role
from ictspace.conftest import OWN
from ictspace.tokens.actions import do_create_token, do_revoke_token
from ictspace.tokens.models import ApiToken
from ictspace.tokens.secrets import InvalidToken, authenticate, digest

IWP = "single-ict-space-iwp-2017"


def bearer(secret):
    return {"Authorization": f"Bearer {secret}"}


def draft_body():
    return {
        "jurisdiction": OWN,
        "library": IWP,
        "item": "3.1.4",
        "status": "completed",
        "effective_date": "2024-06-01",
    }


def test_only_the_digest_is_stored_and_authenticate_returns_the_owner(cast):
    user = cast[Role.NCPOC]
    token, secret = do_create_token(name="CI", scope="read", acting_user=user)
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret not in (stored.digest, stored.prefix, stored.name)
    assert stored.digest == digest(secret)
    assert authenticate(secret) == (user, stored)


def test_revoked_expired_and_unknown_tokens_are_refused_alike(cast):
    user = cast[Role.NCPOC]
    revoked, revoked_secret = do_create_token(name="a", scope="read", acting_user=user)
    do_revoke_token(revoked, acting_user=user)
    expiring, expired_secret = do_create_token(
        name="b",
        scope="read",
        expires_at=timezone.now() + datetime.timedelta(days=1),
        acting_user=user,
    )
    ApiToken.objects.filter(pk=expiring.pk).update(expires_at=timezone.now())
    for secret in (revoked_secret, expired_secret, "ict_" + "x" * 43, "nonsense"):
        with pytest.raises(InvalidToken):
            authenticate(secret)


def test_the_secret_is_shown_once_after_creation(cast, client_for):
    client = client_for(cast[Role.NCPOC])
    response = client.post(reverse("tokens:list"), {"name": "CI", "scope": "write"})
    assert response.status_code == 302
    first = client.get(reverse("tokens:list"))
    secret = first.context["secret"]
    assert secret.startswith("ict_") and secret in first.content.decode()
    assert "no-store" in first["Cache-Control"].split(", ")
    again = client.get(reverse("tokens:list"))
    assert again.context["secret"] is None and secret not in again.content.decode()


def test_a_read_only_token_is_refused_on_writes(cast, client):
    _token, secret = do_create_token(name="r", scope="read", acting_user=cast[Role.NCPOC])
    url = reverse("api:status_updates")
    assert client.get(url, headers=bearer(secret)).status_code == 200
    refused = client.post(
        url, draft_body(), content_type="application/json", headers=bearer(secret)
    )
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"


def test_a_write_token_writes_and_a_revoked_one_is_refused_from_the_next_call(cast, client):
    user = cast[Role.NCPOC]
    token, secret = do_create_token(name="w", scope="write", acting_user=user)
    url = reverse("api:status_updates")
    made = client.post(url, draft_body(), content_type="application/json", headers=bearer(secret))
    assert made.status_code == 201, made.content
    assert made.json()["review_state"] == "draft"
    do_revoke_token(token, acting_user=user)
    refused = client.get(url, headers=bearer(secret))
    assert refused.status_code == 401
    assert refused.json()["title"] == "Not signed in"


def test_another_users_token_cannot_be_revoked(cast, client_for):
    token, _secret = do_create_token(name="t", scope="read", acting_user=cast[Role.NCPOC])
    client = client_for(cast[Role.SECRETARIAT])
    assert client.post(reverse("tokens:revoke", args=[token.pk])).status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
