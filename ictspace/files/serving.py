"""Handing a stored private file back to someone already allowed to see it."""

from django.http import FileResponse, Http404

from ictspace.files.names import content_disposition


def file_response(stored, *, name: str, content_type: str) -> FileResponse:
    """An attachment download of `stored` (a FieldFile), never rendered by the browser.

    The caller fetched the row through an access `*_visible_to` queryset; this only
    answers. A blob missing from storage is a 404, like a row the user may not see.
    """
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, content_type=content_type)
    protect(response, name=name)
    return response


def protect(response, *, name: str):
    """Headers of every file download: named attachment, no sniffing, no scripts, no cache."""
    response["Content-Disposition"] = content_disposition(name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
