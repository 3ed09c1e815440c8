"""Names a reader understands for the libraries' codes (`specific_activity` → "Specific activity")."""

from django.utils.translation import gettext_lazy as _

# The item kinds the shipped libraries use. A library may bring others: `words` reads
# them with spaces, but add them here so that they are translated.
KINDS = {
    "activity": _("Activity"),
    "body": _("Body"),
    "component": _("Component"),
    "council": _("Council"),
    "department": _("Department"),
    "entry": _("Entry"),
    "figure": _("Figure"),
    "framework_area": _("Framework area"),
    "group": _("Group"),
    "indicator": _("Indicator"),
    "indicator_group": _("Indicator group"),
    "measurement_area": _("Measurement area"),
    "minimum_standard": _("Minimum standard"),
    "mission": _("Mission"),
    "mission_track": _("Mission track"),
    "need": _("Need"),
    "objective": _("Objective"),
    "office": _("Office"),
    "outcome": _("Outcome"),
    "point": _("Point"),
    "principle": _("Principle"),
    "priority_area": _("Priority area"),
    "programme": _("Programme"),
    "requirement": _("Requirement"),
    "role": _("Role"),
    "section": _("Section"),
    "solution": _("Solution"),
    "source": _("Source"),
    "specific_activity": _("Specific activity"),
    "term_of_reference": _("Term of reference"),
    "theme": _("Theme"),
    "vision": _("Vision"),
    "working group": _("Working group"),
}


def words(code) -> str:
    """Any code read as words: "recommended_sector" → "Recommended sector"."""
    text = str(code or "").replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]


def kind_label(kind: str) -> str:
    return str(KINDS.get(kind) or words(kind))


def scale_words(library) -> dict[str, str]:
    """The library's own words for each status bucket, so legends, counts and cells agree.

    A scale folds into met (its `met` level and above), not started (its lowest level)
    and in progress (between); a library with several scales joins their words.
    """
    words_of = {"met": [], "in_progress": [], "not_started": []}
    for scale in library.scales:
        codes = [level["code"] for level in scale.get("levels", [])]
        met = codes.index(scale["met"]) if scale.get("met") in codes else len(codes)
        for position, level in enumerate(scale.get("levels", [])):
            bucket = "met" if position >= met else "not_started" if position == 0 else "in_progress"
            if level["label"] not in words_of[bucket]:
                words_of[bucket].append(level["label"])
    fallback = {"met": _("Met"), "in_progress": _("In progress"), "not_started": _("Not started")}
    out = {b: " / ".join(w) if w else str(fallback[b]) for b, w in words_of.items()}
    out["no_data"] = str(_("No data"))
    return out


def scale_word(library, bucket: str) -> str:
    return scale_words(library).get(bucket, words(bucket))


def level_word(item, status: str) -> str:
    """A status code in the words of the item's own scale ("completed" → "Completed")."""
    library = getattr(item, "library", None)
    levels = library.scale(item.scale).get("levels", []) if library is not None else []
    for level in levels:
        if level["code"] == status:
            return level["label"]
    return words(status)
