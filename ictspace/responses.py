"""Answers shared by every app's views."""

from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render

from ictspace import access


def refuse_unless_post(request, *, allowed: bool) -> HttpResponse | None:
    """404 when the user may not act (as for a missing object), 405 for anything but POST.

    In that order, so that a GET tells a stranger nothing about what exists.
    """
    access.require(allowed)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


def bad_request(request, reason: str) -> HttpResponse:
    """The site's own page for a request we cannot answer, saying why (status 400)."""
    return render(request, "400.html", {"reason": reason}, status=400)
