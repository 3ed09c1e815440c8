"""Reads of review rounds: one round, its rows, its summary and tile map, open rounds."""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from ictspace import access
from ictspace.charts import tilemap
from ictspace.charts.colours import legend_entry
from ictspace.governance.models import ReviewRound
from ictspace.governance.rounds import progress

STATE_FILLS = {
    progress.NOT_STARTED: "#ffffff",
    progress.IN_PROGRESS: "#fee391",
    progress.SUBMITTED: "#6baed6",
    progress.VALIDATED: "#08519c",
}


def get_round(user, pk: int) -> ReviewRound:
    rnd = access.review_rounds_visible_to(user).filter(pk=pk).first()
    if rnd is None:
        raise Http404
    return rnd


def round_rows(rnd: ReviewRound) -> list[progress.Progress]:
    return progress.round_progress(rnd)


def summary(rows: list[progress.Progress]) -> dict:
    """Counts per state and how many answered in full on time."""
    counts = dict.fromkeys(progress.STATE_LABELS, 0)
    for row in rows:
        counts[row.state] += 1
    return {
        "states": [(progress.STATE_LABELS[s], n) for s, n in counts.items()],
        "on_time": sum(1 for row in rows if row.on_time),
        "total": len(rows),
    }


def round_tile_map(rnd: ReviewRound, rows: list[progress.Progress]):
    legend = {s: legend_entry(progress.STATE_LABELS[s], f) for s, f in STATE_FILLS.items()}
    tiles = [
        tilemap.Tile(
            code=row.jurisdiction.code,
            name=row.jurisdiction.name,
            text=f"{row.state_label} {row.completeness if row.completeness is not None else '—'} %",
            fill=legend[row.state].fill,
            ink=legend[row.state].ink,
        )
        for row in rows
    ]
    title = _("%(title)s: where each jurisdiction stands") % {"title": rnd.title}
    return tilemap.tile_map(
        title=title, tiles=tiles, legend=list(legend.values()), id_prefix="round"
    )


def open_rounds_for(user, jurisdiction) -> list[tuple[ReviewRound, progress.Progress]]:
    """The open rounds that expect something from the jurisdiction, with where it stands."""
    rounds = access.review_rounds_visible_to(user).filter(
        state=ReviewRound.State.OPEN, jurisdictions=jurisdiction
    )
    out = []
    for rnd in rounds:
        mine = [p for p in progress.compute(rnd) if p.jurisdiction.pk == jurisdiction.pk]
        out.extend((rnd, p) for p in mine)
    return out


def overdue_rounds(user) -> list[tuple[ReviewRound, int]]:
    """Open rounds past their due date, with how many jurisdictions have not answered."""
    rounds = access.review_rounds_visible_to(user).filter(
        state=ReviewRound.State.OPEN, due_on__lt=timezone.localdate()
    )
    out = []
    for rnd in rounds:
        late = sum(1 for p in progress.compute(rnd) if p.state not in progress.ANSWERED)
        out.append((rnd, late))
    return out
