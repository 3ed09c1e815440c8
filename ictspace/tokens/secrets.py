"""Making and checking token strings: high-entropy secrets, so a plain SHA-256 suffices."""

import hashlib
import secrets

from django.utils import timezone

from ictspace.tokens.models import ApiToken

PREFIX = "ict_"


class InvalidToken(Exception):
    """Unknown, revoked or expired: one error for all three, so nothing is learnt."""


def new_secret() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def digest(token_string: str) -> str:
    return hashlib.sha256(token_string.encode("utf-8")).hexdigest()


def authenticate(token_string: str):
    """(user, token) for a live token; InvalidToken otherwise. Used by the API and TAXII."""
    if not token_string.startswith(PREFIX) or len(token_string) > 100:
        raise InvalidToken
    token = ApiToken.objects.select_related("user").filter(digest=digest(token_string)).first()
    now = timezone.now()
    if token is None or not token.is_active(now) or not token.user.is_active:
        raise InvalidToken
    # One conditional UPDATE a minute at most: a busy client does not write on every call.
    ApiToken.objects.filter(pk=token.pk).exclude(
        last_used_at__gt=now - timezone.timedelta(minutes=1)
    ).update(last_used_at=now)
    return token.user, token
