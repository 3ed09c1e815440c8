"""The public pages' charts: a tile map of shares met, a tile map of an indicator's values."""

from django.urls import reverse
from django.utils.translation import gettext as _

from ictspace.charts import scales, tilemap
from ictspace.indicators.values import Spec, format_value


def _country(release, code: str) -> str:
    """The jurisdiction's page in the release: where a tile links."""
    return reverse("releases:country", args=[release.number, code]) if release else ""


def shares_map(library, rows, column: int, *, release=None):
    """Per jurisdiction, the share of the library's items met (darker = more met)."""
    shares = {row.jurisdiction.pk: row.shares[column] for row in rows}
    numbers = [s.percent for s in shares.values() if s and s.percent is not None]
    scale = scales.value_scale(numbers, direction="increase")
    tiles = []
    for row in rows:
        share = shares[row.jurisdiction.pk]
        percent = share.percent if share else None
        style = scale(percent)
        tiles.append(
            tilemap.Tile(
                code=row.jurisdiction.code,
                name=row.jurisdiction.name,
                text=f"{percent} %" if percent is not None else _("no data"),
                fill=style.fill,
                ink=style.ink,
                href=_country(release, row.jurisdiction.code),
            )
        )
    title = _("%(library)s: share of items met") % {"library": library.title}
    return tilemap.tile_map(
        title=title, tiles=tiles, legend=list(scale.legend), id_prefix=f"share-{library.pk}"
    )


def latest_values_map(indicator, rows, *, release=None):
    """Per jurisdiction, its latest released total value of the indicator."""
    spec = Spec.of(indicator)
    latest = {}
    for v in rows:
        if not v.disaggregation:
            latest[v.jurisdiction.pk] = v  # rows come in period order: the last one stays
    numbers = [float(v.value_number) for v in latest.values() if v.value_number is not None]
    scale = scales.value_scale(numbers, direction=indicator.direction)
    tiles = []
    for v in latest.values():
        number = float(v.value_number) if v.value_number is not None else None
        style = scale(number)
        tiles.append(
            tilemap.Tile(
                code=v.jurisdiction.code,
                name=v.jurisdiction.name,
                text=f"{format_value(spec, v.value_number, v.value_text)} ({v.period})",
                fill=style.fill,
                ink=style.ink,
                href=_country(release, v.jurisdiction.code),
            )
        )
    title = _("%(name)s: latest released value") % {"name": indicator.name[:120]}
    return tilemap.tile_map(
        title=title, tiles=tiles, legend=list(scale.legend), id_prefix=f"ind-{indicator.pk}"
    )
