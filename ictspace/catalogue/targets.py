"""Targets and baselines as the documents write them, and their parsed form."""

import re

_NUMBER = re.compile(
    r"^\s*(?P<cmp><=|>=|<|>|≥|≤)?\s*(?P<num>\d+(?:[.,]\d+)?)\s*"
    r"(?P<mult>million\b|thousand\b|[KkMm](?![A-Za-z]))?\s*(?P<unit>%|.*?)\s*$",
    re.IGNORECASE,
)
_CMP = {"≥": ">=", "≤": "<="}
_MULT = {"k": 1_000, "m": 1_000_000, "thousand": 1_000, "million": 1_000_000}


def parse_target(text: str, levels: list[str] | None = None) -> dict:
    """Parse `30%`, `>25%`, `Low`, `500K`, `1 bus` into comparator, number, unit, level.

    Returns {} when the text has no machine-readable form; the text itself is always kept
    by the caller, so nothing is lost.
    """
    text = (text or "").strip()
    if not text:
        return {}
    for index, level in enumerate(levels or []):
        if text.casefold() == level.casefold():
            return {"level": level, "level_index": index}
    match = _NUMBER.match(text)
    if not match:
        return {}
    number = float(match["num"].replace(",", "."))
    if match["mult"]:
        number *= _MULT[match["mult"].lower()]
    parsed = {"comparator": _CMP.get(match["cmp"], match["cmp"] or "="), "value": number}
    if match["unit"]:
        parsed["unit"] = match["unit"]
    if parsed["value"].is_integer():
        parsed["value"] = int(parsed["value"])
    return parsed
