"""Open data: every public table as CSV and JSON, values as SDMX-CSV, a catalogue and a feed."""

from django.conf import settings
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ictspace import access
from ictspace.catalogue.models import Indicator
from ictspace.releases import opendata, selectors

CSV = "text/csv; charset=utf-8"


def _licensed(response, release, name: str):
    """Every download names its licence (RFC 8288 Link) and its file name."""
    response["Link"] = f'<{release.licence_url}>; rel="license"'
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _indicator(release, slug, code):
    if not slug:
        return None
    return get_object_or_404(
        Indicator, library__slug=slug, code=code, pk__in=selectors.indicators_in(release)
    )


@require_safe
def statuses(request, number: int, fmt: str):
    release = selectors.get_release(number)
    name = f"release-{release.number}-statuses.{fmt}"
    if fmt == "csv":
        return _licensed(
            HttpResponse(opendata.statuses_csv(release), content_type=CSV), release, name
        )
    return _licensed(JsonResponse(opendata.statuses_json(release)), release, name)


@require_safe
def values(request, number: int, fmt: str, slug: str = "", code: str = ""):
    release = selectors.get_release(number)
    indicator = _indicator(release, slug, code)
    stem = f"release-{release.number}-values" + (f"-{slug}-{code}" if indicator else "")
    if fmt == "json":
        body = opendata.values_json(release, indicator=indicator)
        return _licensed(JsonResponse(body), release, f"{stem}.json")
    build = opendata.values_sdmx if fmt == "sdmx.csv" else opendata.values_csv
    response = FileResponse(build(release, indicator=indicator), content_type=CSV)
    return _licensed(response, release, f"{stem}.{fmt}")


def _abs(request, name, *args) -> str:
    return request.build_absolute_uri(reverse(name, args=args))


@require_safe
def catalogue(request):
    """A DCAT-US style catalogue (data.json) of every published release's datasets."""
    datasets = []
    for release in selectors.published().order_by("-number"):
        n = release.number
        files = [
            ("releases:statuses", "csv", "text/csv"),
            ("releases:statuses", "json", "application/json"),
            ("releases:values", "csv", "text/csv"),
            ("releases:values", "json", "application/json"),
            ("releases:values", "sdmx.csv", "application/vnd.sdmx.data+csv;version=1.0.0"),
        ]
        datasets.append(
            {
                "@type": "dcat:Dataset",
                "identifier": _abs(request, "releases:release", n),
                "title": release.title,
                "description": _("Validated statuses and indicator values as of %(d)s.")
                % {"d": release.as_of.isoformat()},
                "issued": release.published_at.isoformat(),
                "temporal": f"/{release.as_of.isoformat()}",
                "license": release.licence_url,
                "accessLevel": "public",
                "keyword": [lib.slug for lib in release.libraries.all()],
                "spatial": ",".join(j.code for j in release.jurisdictions.all()),
                "publisher": {"@type": "org:Organization", "name": settings.SITE_NAME},
                "distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "downloadURL": _abs(request, view, n, fmt),
                        "mediaType": media,
                        "license": release.licence_url,
                    }
                    for view, fmt, media in files
                ],
            }
        )
    body = {
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "@type": "dcat:Catalog",
        "dataset": datasets,
    }
    return JsonResponse(body)


@require_safe
def feed(request):
    """An Atom feed of releases, withdrawals included (their entry says so)."""
    atom = Atom1Feed(
        title=_("%(site)s releases") % {"site": settings.SITE_NAME},
        link=_abs(request, "releases:list"),
        description=_("Published releases of validated data."),
        feed_url=_abs(request, "releases:feed"),
        language=request.LANGUAGE_CODE,
    )
    for release in access.releases_visible_to(request.user).order_by("-number")[:50]:
        title = release.title
        if release.is_withdrawn:
            title = _("Withdrawn: %(title)s") % {"title": title}
        atom.add_item(
            title=title,
            link=_abs(request, "releases:release", release.number),
            description=_("As of %(d)s. Licence: %(l)s.")
            % {"d": release.as_of.isoformat(), "l": release.licence},
            unique_id=_abs(request, "releases:release", release.number),
            pubdate=release.published_at,
            updateddate=release.withdrawn_at or release.published_at,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    atom.write(response, "utf-8")
    return response
