"""Answers shared by every app's views."""

from django.http import HttpResponse, HttpResponseNotAllowed

from ictspace import access


def refuse_unless_post(request, *, allowed: bool) -> HttpResponse | None:
    """404 when the user may not act (as for a missing object), 405 for anything but POST.

    In that order, so that a GET tells a stranger nothing about what exists.
    """
    access.require(allowed)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None
