"""The public pages: no login, built from published releases only, never from live data."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from ictspace import access
from ictspace.catalogue.models import Indicator, Item
from ictspace.releases import selectors, visuals


@require_safe
def overview(request):
    """The region at the latest release: shares met per jurisdiction, as tile maps and a table."""
    release = selectors.latest()
    context = {"release": release}
    if release is not None:
        libraries, rows = selectors.overview(release)
        context.update(
            libraries=libraries,
            rows=rows,
            maps=[
                visuals.shares_map(lib, rows, i, release=release) for i, lib in enumerate(libraries)
            ],
        )
    return render(request, "releases/overview.html", context)


@require_safe
def release_list(request):
    releases = access.releases_visible_to(request.user)
    return render(request, "releases/release_list.html", {"releases": releases})


@require_safe
def release_detail(request, number: int):
    release = selectors.get_release(number)
    since = selectors.previous(release)
    libraries, rows = selectors.overview(release)
    context = {
        "release": release,
        "since": since,
        "changes": selectors.changes(release, since),
        "libraries": libraries,
        "rows": rows,
        "indicators": selectors.indicators_in(release),
        "can_publish": access.can_publish_release(request.user),
    }
    return render(request, "releases/release_detail.html", context)


@require_safe
def country(request, number: int, code: str):
    release = selectors.get_release(number)
    jurisdiction = get_object_or_404(release.jurisdictions.all(), code=code)
    since = selectors.previous(release)
    context = {
        "release": release,
        "jurisdiction": jurisdiction,
        "since": since,
        "libraries": selectors.country(release, jurisdiction),
        "changes": selectors.changes(release, since, jurisdiction=jurisdiction),
        "indicators": selectors.indicators_in(release, jurisdiction=jurisdiction),
    }
    return render(request, "releases/country.html", context)


@require_safe
def indicator(request, number: int, slug: str, code: str):
    release = selectors.get_release(number)
    found = get_object_or_404(
        Indicator.objects.select_related("library"),
        library__slug=slug,
        code=code,
        pk__in=selectors.indicators_in(release).values("pk"),
    )
    rows = list(selectors.values(release, indicator=found))
    context = {
        "release": release,
        "indicator": found,
        "rows": rows,
        "chart": visuals.latest_values_map(found, rows, release=release),
    }
    return render(request, "releases/indicator.html", context)


@require_safe
def libraries(request):
    """The plans are public documents: every library, with its items on its own page."""
    return render(
        request,
        "releases/libraries.html",
        {"libraries": access.public_libraries().order_by("title")},
    )


@require_safe
def library(request, slug: str):
    found = get_object_or_404(access.public_libraries(), slug=slug)
    items = Item.objects.filter(library=found, retired_in_version__isnull=True).order_by("position")
    return render(request, "releases/library.html", {"library": found, "items": items})
