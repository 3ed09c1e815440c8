"""A release's tables as CSV, JSON and SDMX-CSV, through the platform's one set of exporters."""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from ictspace.indicators import exports as values_export
from ictspace.indicators.values import Spec
from ictspace.releases.models import Release
from ictspace.releases.selectors import values
from ictspace.tracking import exports as tracking_export

STATUS_COLUMNS = ("jurisdiction", "library", "ref", "item", "status", "status_label", "bucket")


def statuses_table(release: Release) -> tuple[list, list[list]]:
    rows = (
        release.statuses.select_related("jurisdiction", "item__library")
        .order_by("jurisdiction__code", "item__library__slug", "item__position")
        .iterator(chunk_size=2000)
    )
    return list(STATUS_COLUMNS), [
        [
            s.jurisdiction.code,
            s.item.library.slug,
            s.item.ref,
            s.item.title,
            s.status,
            s.status_label,
            s.bucket,
        ]
        for s in rows
    ]


def statuses_csv(release: Release) -> bytes:
    return tracking_export.as_csv(*statuses_table(release))


def value_lines(release: Release, *, indicator=None) -> Iterator[values_export.Line]:
    """The released values as the indicator exporters' lines."""
    specs: dict = {}
    for v in values(release, indicator=indicator).iterator(chunk_size=2000):
        spec = specs.get(v.indicator_id) or specs.setdefault(v.indicator_id, Spec.of(v.indicator))
        yield values_export.Line(
            indicator=v.indicator,
            spec=spec,
            place=v.jurisdiction,
            period=v.period,
            period_kind=values_export.period_kind(v.period_start, v.period_end),
            breakdown=v.disaggregation,
            number=v.value_number,
            text=v.value_text,
            source=v.source,
            note="",
        )


def values_csv(release: Release, *, indicator=None):
    """Tidy CSV (the importer's columns) as a finished file, as the indicators' download."""
    return values_export.tidy_csv_of(value_lines(release, indicator=indicator))


def values_sdmx(release: Release, *, indicator=None):
    """SDMX-CSV as a finished file: a failing row is an error, never a short download."""
    return values_export.sdmx_csv_of(value_lines(release, indicator=indicator))


def about(release: Release) -> dict:
    """What every JSON download starts with: where it comes from and under which licence."""
    return {
        "release": release.number,
        "title": release.title,
        "as_of": release.as_of.isoformat(),
        "tlp": release.tlp,
        "licence": release.licence,
        "licence_url": release.licence_url,
        "withdrawn": release.is_withdrawn,
        "note": _("Validated data as of the release date, frozen when it was published."),
    }


def statuses_json(release: Release) -> dict:
    header, rows = statuses_table(release)
    return {**about(release), "statuses": [dict(zip(header, r, strict=True)) for r in rows]}


def values_json(release: Release, *, indicator=None) -> dict:
    return {
        **about(release),
        "values": [
            {
                "jurisdiction": line.place.code,
                "library": line.indicator.library.slug,
                "indicator": line.indicator.code,
                "period": line.period,
                "disaggregation": line.breakdown,
                "value": line.value,
                "source": line.source,
            }
            for line in value_lines(release, indicator=indicator)
        ],
    }
