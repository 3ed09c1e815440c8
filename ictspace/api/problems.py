"""Every API error as RFC 9457 problem details, naming the field at fault."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM = "application/problem+json"


def _field_errors(detail, prefix="") -> list[dict]:
    """Flatten DRF's nested error detail into [{"field": ..., "detail": ...}]."""
    if isinstance(detail, dict):
        out = []
        for key, value in detail.items():
            name = "" if key in ("non_field_errors", "__all__") else f"{prefix}{key}"
            out += _field_errors(value, f"{name}." if name else "")
        return out
    if isinstance(detail, list):
        out = []
        for value in detail:
            out += _field_errors(value, prefix)
        return out
    return [{"field": prefix.rstrip("."), "detail": str(detail)}]


def _as_drf(exc):
    """Django's refusals and validation errors in DRF terms; a refusal is a 404."""
    if isinstance(exc, DjangoPermissionDenied | Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return exceptions.ValidationError(detail)
    return exc


def problem(status_code: int, title: str, detail: str = "", errors=None) -> Response:
    body = {"type": "about:blank", "title": title, "status": status_code}
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    return Response(body, status=status_code, content_type=PROBLEM)


def handler(exc, context):
    exc = _as_drf(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None
    errors = []
    if isinstance(exc, exceptions.ValidationError):
        errors = _field_errors(exc.detail)
        detail = errors[0]["detail"] if errors else ""
    else:
        detail = str(getattr(exc, "detail", ""))
    title = _TITLES.get(response.status_code, "Error")
    out = problem(response.status_code, title, detail, errors)
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            out[header] = response[header]
    return out


_TITLES = {
    400: "Invalid request",
    401: "Not signed in",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    415: "Unsupported media type",
    429: "Too many requests",
}
