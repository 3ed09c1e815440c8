"""Reads over indicator data: series, baselines and targets, progress, comparisons."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q

from ictspace import access
from ictspace.catalogue.models import Indicator, Library
from ictspace.indicators import seeks
from ictspace.indicators.models import Observation, Target
from ictspace.indicators.periods import Period, parse_period, resolve
from ictspace.indicators.progress import Mark, Progress, assess
from ictspace.indicators.values import Spec, format_value
from ictspace.review.models import ReviewState


def indicators_of(library: Library):
    return (
        Indicator.objects.filter(library=library, retired_in_version__isnull=True)
        .select_related("item", "library")
        .order_by("item__position", "position")
    )


def libraries_with_indicators(libraries):
    return libraries.filter(indicators__isnull=False).distinct().order_by("title")


# Baselines and targets ------------------------------------------------------------------


@dataclass(frozen=True)
class Goal:
    """A baseline or target as people read it, and as a Mark when it has a number."""

    kind: str  # baseline | target
    period: Period | None
    text: str
    comparator: str
    value: Decimal | None
    source: str  # "library" or who set it

    @property
    def mark(self) -> Mark | None:
        if self.value is None or self.period is None:
            return None
        return Mark(self.period.end, self.value, self.comparator)


def _library_goals(indicator: Indicator, jurisdiction) -> list[Goal]:
    """A national plan's own baseline and targets, for the jurisdiction the plan is about."""
    attributes = indicator.library.header.get("attributes", {})
    if attributes.get("jurisdiction") != jurisdiction.code:
        return []
    spec = Spec.of(indicator)
    plan_start = attributes.get("plan_start")
    goals = []
    definition = indicator.definition
    entries = [("baseline", definition["baseline"])] if definition.get("baseline") else []
    entries += [("target", t) for t in definition.get("targets", [])]
    for kind, entry in entries:
        try:
            period = resolve(entry["period"], plan_start) if entry.get("period") else None
        except ValueError:
            period = None
        value = entry.get("value")
        if "level_index" in entry:
            value = entry["level_index"]
        if spec.value_type == "percent" and entry.get("unit") not in (None, "%"):
            value = None  # a target in other units than the indicator's is kept as text
        if value is not None and not _in_range(spec, Decimal(str(value))):
            value = None  # e.g. "500K" written against a percentage: kept as text only
        goals.append(
            Goal(
                kind=kind,
                period=period,
                text=entry.get("text", ""),
                comparator=entry.get("comparator", "="),
                value=None if value is None else Decimal(str(value)),
                source="library",
            )
        )
    return goals


def _in_range(spec: Spec, value: Decimal) -> bool:
    low_ok = spec.minimum is None or value >= spec.minimum
    return low_ok and (spec.maximum is None or value <= spec.maximum)


def goals_for(indicator: Indicator, jurisdiction, rows=None) -> list[Goal]:
    """The library's goals for this jurisdiction, overridden period by period by set ones."""
    if rows is None:
        rows = Target.objects.filter(indicator=indicator, jurisdiction=jurisdiction)
    goals = {
        (g.kind, g.period.code if g.period else g.text): g
        for g in _library_goals(indicator, jurisdiction)
    }
    for row in rows:
        goals[(row.kind, row.period)] = Goal(
            kind=row.kind,
            period=parse_period(row.period),
            text=row.text,
            comparator=row.comparator,
            value=row.value_number,
            source=str(row.set_by or ""),
        )
    return sorted(goals.values(), key=lambda g: (g.kind != "baseline", g.period or _FAR))


_FAR = parse_period("2100")


# Series and progress -------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    period: Period
    number: Decimal | None
    text: str
    observation_id: int

    def mark(self) -> Mark | None:
        return None if self.number is None else Mark(self.period.end, self.number)


def validated_series(pairs_q: Q, *, disaggregation: str = "") -> dict[tuple[int, int], list[Value]]:
    """{(indicator id, jurisdiction id): [Value by period]} — the value that counts per period.

    One query; the latest validated observation of each period wins. The database keeps
    only those (`counting`), so a series corrected many times costs its periods, not its rows.
    """
    rows = (
        Observation.objects.filter(pairs_q, review_state=ReviewState.VALIDATED)
        .filter(counting(), disaggregation=disaggregation)
        .order_by("indicator_id", "jurisdiction_id", "period_start", "period", "-id")
        .values_list(
            "indicator_id", "jurisdiction_id", "period", "value_number", "value_text", "id"
        )
    )
    out: dict[tuple[int, int], list[Value]] = defaultdict(list)
    seen = set()
    for indicator_id, jurisdiction_id, period, number, text, pk in rows:
        key = (indicator_id, jurisdiction_id, period)
        if key in seen:
            continue
        seen.add(key)
        out[(indicator_id, jurisdiction_id)].append(Value(parse_period(period), number, text, pk))
    return out


def counting() -> Q:
    """A condition: the observation is the one that counts for its period and breakdown."""
    later = Observation.objects.filter(
        indicator=OuterRef("indicator"),
        jurisdiction=OuterRef("jurisdiction"),
        period=OuterRef("period"),
        disaggregation=OuterRef("disaggregation"),
        review_state=ReviewState.VALIDATED,
        pk__gt=OuterRef("pk"),
    )
    return ~Exists(later)


def progress(
    indicator: Indicator, values: list[Value], goals: list[Goal], *, as_of=None
) -> Progress:
    marks = [v.mark() for v in values if v.mark() and (as_of is None or v.period.end <= as_of)]
    targets = [g.mark for g in goals if g.kind == "target" and g.mark]
    baselines = [g.mark for g in goals if g.kind == "baseline" and g.mark]
    return assess(
        direction=indicator.direction
        if indicator.direction in ("increase", "decrease")
        else "none",
        observations=marks,
        targets=targets,
        baseline=baselines[0] if baselines else None,
    )


@dataclass
class Status:
    """One indicator in one jurisdiction: its latest value, its goals and its progress."""

    indicator: Indicator
    jurisdiction: object
    values: list
    goals: list
    progress: Progress

    @property
    def latest(self) -> Value | None:
        return self.values[-1] if self.values else None

    @property
    def latest_label(self) -> str:
        latest = self.latest
        return format_value(Spec.of(self.indicator), latest.number, latest.text) if latest else ""

    @property
    def final_target(self) -> Goal | None:
        targets = [g for g in self.goals if g.kind == "target"]
        return targets[-1] if targets else None


def statuses(indicators, jurisdictions) -> list[Status]:
    """Every indicator × jurisdiction with every value and progress: two queries in all.

    For reports, which chart every value. Pages use `standings`.
    """
    indicators, jurisdictions = list(indicators), list(jurisdictions)
    series = validated_series(_pairs(indicators, jurisdictions))
    return _statuses(indicators, jurisdictions, series)


def standings(indicators, jurisdictions, *, period: str = "") -> list[Status]:
    """Like `statuses`, but each Status holds only the values a page shows: two queries.

    Its `values`: the latest, the first and last that progress measures between, and
    `period`'s if asked. Progress and the latest value are the same as `statuses`' (the
    other values cannot change them); the cost follows the pairs, not the stream.
    """
    indicators, jurisdictions = list(indicators), list(jurisdictions)
    found = seeks.shown_observations(
        [i.pk for i in indicators], [j.pk for j in jurisdictions], period=period
    )
    series = defaultdict(list)
    for o in sorted(found, key=lambda o: (o.period_start, o.period)):
        value = Value(parse_period(o.period), o.value_number, o.value_text, o.pk)
        series[(o.indicator_id, o.jurisdiction_id)].append(value)
    return _statuses(indicators, jurisdictions, series)


def _pairs(indicators, jurisdictions) -> Q:
    return Q(
        indicator__in=[i.pk for i in indicators], jurisdiction__in=[j.pk for j in jurisdictions]
    )


def _statuses(indicators, jurisdictions, series) -> list[Status]:
    rows = defaultdict(list)
    targets = Target.objects.filter(_pairs(indicators, jurisdictions)).select_related("set_by")
    for row in targets:
        rows[(row.indicator_id, row.jurisdiction_id)].append(row)
    out = []
    for indicator in indicators:
        for jurisdiction in jurisdictions:
            key = (indicator.pk, jurisdiction.pk)
            goals = goals_for(indicator, jurisdiction, rows[key])
            values = series.get(key, [])
            out.append(
                Status(indicator, jurisdiction, values, goals, progress(indicator, values, goals))
            )
    return out


def periods_with_data(indicator: Indicator, jurisdictions=None) -> list[str]:
    """The periods with a validated total, in `jurisdictions` (every one if None).

    Naming the jurisdictions lets the planner seek each series in a partial index instead
    of reading the indicator's every row (SQLite's sampled statistics rate both the same).
    """
    rows = Observation.objects.filter(
        indicator=indicator, review_state=ReviewState.VALIDATED, disaggregation=""
    )
    if jurisdictions is not None:
        rows = rows.filter(jurisdiction__in=[j.pk for j in jurisdictions])
    codes = (
        rows.values_list("period", flat=True)
        .order_by()  # DISTINCT over the period alone: an ordering would add its columns
        .distinct()
    )
    return [p.code for p in sorted(parse_period(c) for c in codes)]


def history(jurisdiction, indicator, disaggregation: str, *, excluding_period: str = ""):
    """The values that count in one series (all periods but one), for the outlier check.

    One per period: a corrected value is no longer the series' history.
    """
    return list(
        Observation.objects.filter(
            counting(),
            jurisdiction=jurisdiction,
            indicator=indicator,
            disaggregation=disaggregation,
            review_state=ReviewState.VALIDATED,
            value_number__isnull=False,
        )
        .exclude(period=excluding_period)
        .values_list("value_number", flat=True)
    )


def series_observations(user, indicator, jurisdiction):
    """Every value of one series the user may see, validated or not, newest period first."""
    return (
        access.observations_visible_to(user)
        .filter(indicator=indicator, jurisdiction=jurisdiction)
        .select_related("author", "reviewed_by")
        .order_by("-period_start", "disaggregation", "-id")
    )


def breakdowns_in(observations) -> list[str]:
    """The breakdowns (sex=female, …) that occur among `observations`, sorted."""
    found = observations.exclude(disaggregation="").values_list("disaggregation", flat=True)
    return sorted(set(found.distinct().order_by()))


# Sections: the library's top-level items, each with the indicators under it ----------


@dataclass(frozen=True)
class Section:
    """A top-level item of a library and its live indicators, in the document's order."""

    ref: str
    title: str
    indicators: list


def sections_of(library: Library) -> list[Section]:
    """The library's indicators grouped by top-level item: two queries, whatever the depth."""
    from ictspace.catalogue.models import Item

    items = {
        i["id"]: i
        for i in Item.objects.filter(library=library).values("id", "parent_id", "ref", "title")
    }

    def top(item_id):
        while items[item_id]["parent_id"] is not None:
            item_id = items[item_id]["parent_id"]
        return items[item_id]

    sections: dict[str, Section] = {}
    for indicator in indicators_of(library):
        head = top(indicator.item_id)
        section = sections.setdefault(head["ref"], Section(head["ref"], head["title"], []))
        section.indicators.append(indicator)
    return list(sections.values())


def previous_values(jurisdiction, indicators, period: Period) -> dict[int, str]:
    """indicator id → the validated total that counts for `period` or the latest before it."""
    rows = (
        Observation.objects.filter(
            counting(),  # the last row would count anyway: the others need not be read
            jurisdiction=jurisdiction,
            indicator__in=indicators,
            disaggregation="",
            review_state=ReviewState.VALIDATED,
            period_start__lte=period.start,
        )
        .order_by("indicator_id", "period_start", "id")
        .values_list("indicator_id", "period", "value_number", "value_text")
    )
    specs = {i.pk: Spec.of(i) for i in indicators}
    # Ordered oldest first: the last row per indicator is the one that counts.
    return {
        pk: f"{format_value(specs[pk], number, text)} ({code})" for pk, code, number, text in rows
    }
