import re
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from ictspace import access
from ictspace.catalogue import selectors
from ictspace.catalogue.actions import LIBRARIES_DIR
from ictspace.catalogue.exports import EXPORTERS
from ictspace.catalogue.models import Item
from ictspace.files.serving import protect

SOURCES_DIR = LIBRARIES_DIR / "sources"
CONTENT_TYPES = {
    "json": "application/json",
    "yaml": "application/yaml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
@require_safe
def library_list(request):
    return render(
        request, "catalogue/library_list.html", {"libraries": selectors.libraries_with_counts()}
    )


# ASCII digits only (str.isdigit takes "²" and "٣"), and a year a date can have.
YEAR = re.compile(r"[1-9][0-9]{3}")


def _filters(request) -> selectors.TreeFilters:
    year = request.GET.get("due_year", "")
    return selectors.TreeFilters(
        q=request.GET.get("q", "").strip()[:200],
        kind=request.GET.get("kind", ""),
        lead=request.GET.get("lead", ""),
        jurisdiction=request.GET.get("jurisdiction", ""),
        phase=request.GET.get("phase", ""),
        due_year=int(year) if YEAR.fullmatch(year) else None,
    )


@login_required
@require_safe
def library_tree(request, slug: str):
    library = access.get_library(request.user, slug)
    filters = _filters(request)
    items = selectors.library_items(library, filters)
    context = {
        "library": library,
        "items": items,
        "filters": filters,
        "choices": selectors.filter_choices(library),
    }
    if filters.active:
        paths = selectors.ancestors_by_ref(library)
        for item in items:
            item.path = paths.get(item.pk, [])
    return render(request, "catalogue/library_tree.html", context)


@login_required
@require_safe
def item_detail(request, slug: str, ref: str):
    library = access.get_library(request.user, slug)
    item = get_object_or_404(
        Item.objects.select_related("parent", "library").prefetch_related(
            "jurisdictions", "lead_organisations", "indicators", "children"
        ),
        library=library,
        ref=ref,
    )
    ancestors = selectors.ancestors_by_ref(library).get(item.pk, [])
    return render(
        request,
        "catalogue/item_detail.html",
        {
            "library": library,
            "item": item,
            "ancestors": ancestors,
            "scale": library.scale(item.scale) if item.assessable else {},
            "mappings": selectors.item_mappings(item),
        },
    )


@login_required
@require_safe
def library_export(request, slug: str, fmt: str):
    library = access.get_library(request.user, slug)
    if fmt not in EXPORTERS:
        raise Http404
    response = HttpResponse(EXPORTERS[fmt](library.slug), content_type=CONTENT_TYPES[fmt])
    filename = f"{library.slug}-v{library.version}.{fmt}"
    return protect(response, name=filename)


@login_required
@require_safe
def library_source(request, slug: str):
    """The source document's text, behind a link named by its title."""
    library = access.get_library(request.user, slug)
    name = library.source.get("file", "")
    path = SOURCES_DIR / name
    # Only a plain file name of the sources folder: nothing a library could point elsewhere.
    if not name or Path(name).name != name or not path.is_file():
        raise Http404
    response = HttpResponse(path.read_bytes(), content_type="text/plain; charset=utf-8")
    return protect(response, name=f"{library.slug}-source.txt")
