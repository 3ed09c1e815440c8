"""A report's TLP label: the most restrictive label of anything it includes.

The rule (docs/user-guide.md, "Reports"):
- a governance record (risk, decision, action item, review round) is committee business:
  TLP:AMBER;
- a validated status or indicator value is shared with the whole community: TLP:GREEN,
  unless the very same status or value is in a published, not withdrawn, release, which
  made it public: TLP:CLEAR;
- so a report is TLP:CLEAR only when every status and value it includes is public and it
  includes no governance record. Narrative written for the report does not change it.
"""

from ictspace.releases.models import ReleasedStatus, ReleasedValue
from ictspace.reports.content import Inputs
from ictspace.reports.models import Tlp


def label(inputs: Inputs) -> str:
    if inputs.governance:
        return Tlp.AMBER
    if not inputs.statuses <= _released_statuses(inputs.statuses):
        return Tlp.GREEN
    if not inputs.values <= _released_values(inputs.values):
        return Tlp.GREEN
    return Tlp.CLEAR


def _released_statuses(statuses: set) -> set:
    if not statuses:
        return set()
    rows = ReleasedStatus.objects.filter(
        release__withdrawn_at__isnull=True,
        jurisdiction_id__in={s[0] for s in statuses},
        item_id__in={s[1] for s in statuses},
    ).values_list("jurisdiction_id", "item_id", "status", "effective_date")
    return set(rows)


def _released_values(values: set) -> set:
    if not values:
        return set()
    rows = ReleasedValue.objects.filter(
        release__withdrawn_at__isnull=True,
        indicator_id__in={v[0] for v in values},
        jurisdiction_id__in={v[1] for v in values},
        disaggregation="",
    ).values_list("indicator_id", "jurisdiction_id", "period", "value_number")
    return {(i, j, p, n) for i, j, p, n in rows}
