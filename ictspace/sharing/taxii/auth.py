"""Who calls TAXII: the owner of a personal API token, never a browser session."""

import base64
import binascii
import math
from functools import wraps
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.views.decorators.csrf import csrf_exempt

from ictspace.api.throttles import PerToken
from ictspace.sharing.taxii import responses
from ictspace.tokens.secrets import InvalidToken, authenticate


def _secret(header: str) -> str | None:
    """The token from `Bearer <token>`, or from Basic with the token as the password.

    Basic is there for TAXII clients that offer nothing else (the user name is ignored);
    `Token <token>` is what taxii2-client's TokenAuth sends.
    """
    scheme, _sep, credentials = header.strip().partition(" ")
    if scheme.lower() in {"bearer", "token"}:
        return credentials.strip()
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(credentials.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return decoded.partition(":")[2]


def token_user(request):
    """(owner, token), or (None, None) for a missing, unknown, expired or revoked token."""
    secret = _secret(request.headers.get("Authorization", ""))
    if not secret:
        return None, None
    try:
        return authenticate(secret)
    except InvalidToken:
        return None, None


def _wait(request, user, token) -> int | None:
    """Seconds to wait when the token is over its rate: the REST API's budget, shared."""
    throttle = PerToken()
    caller = SimpleNamespace(auth=token, user=user, META=request.META)
    if throttle.allow_request(caller, None):
        return None
    return max(1, math.ceil(throttle.wait() or 1))


def endpoint(view):
    """Read-only (405), token (401), media type (406), then the view as the token's owner.

    A refusal inside the view answers exactly like a missing resource (404).
    """

    @csrf_exempt  # no cookie is ever read here, so there is no session to forge
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in {"GET", "HEAD"}:
            return responses.read_only(request.method)
        user, token = token_user(request)
        if user is None:
            return responses.unauthorised()
        wait = _wait(request, user, token)
        if wait is not None:
            return responses.too_many(wait)
        if not responses.accepts_taxii(request):
            return responses.not_acceptable()
        try:
            return view(request, user, *args, **kwargs)
        except (Http404, PermissionDenied):
            return responses.not_found()

    return wrapped
