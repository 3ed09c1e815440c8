"""Requests whose parameters hold a NUL character are refused before any view runs.

PostgreSQL cannot store or compare text containing NUL, so such a value would turn into a
server error deep inside a query; no person types one. The API checks its own input and
answers with problem details naming the field, so its paths are left to it.
"""

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


def _has_nul(query_dict) -> bool:
    return any(
        "\x00" in key or any("\x00" in v for v in values) for key, values in query_dict.lists()
    )


class RefuseNulCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        in_api = request.path.startswith(API_PREFIX)
        if "\x00" in request.path or (not in_api and _has_nul(request.GET)):
            return HttpResponseBadRequest(
                _("The address contains a NUL character, which no field accepts."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
