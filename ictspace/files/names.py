"""Names fit to show and to hand back: never a path, a quote or an invisible character."""

import re
import unicodedata
from urllib.parse import quote

from django.utils.translation import gettext as _

# Path separators, quotes and the characters Windows does not allow in a name.
UNSAFE_IN_NAME = re.compile(r"[<>:/\\|?*]")
QUOTES = re.compile(r"[\"'`]")
NOT_PLAIN_ASCII = re.compile(r"[^A-Za-z0-9 ._()+,-]")
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{p}{i}" for p in ("COM", "LPT") for i in "123456789"
}
MAX_BASE_LENGTH = 100


def last_component(name) -> str:
    return re.split(r"[/\\]", str(name or ""))[-1]


def clean(name: str) -> str:
    """Without control, invisible formatting (e.g. right-to-left override) or line breaks."""
    name = unicodedata.normalize("NFC", name)
    kept = (ch for ch in name if unicodedata.category(ch)[0] != "C")
    return " ".join("".join(kept).split())


def safe_download_name(original_name, extension: str) -> str:
    """A readable name without path, quotes or control characters, ending in `extension`."""
    base = clean(last_component(original_name))
    stem, dot, suffix = base.rpartition(".")
    if dot and stem and re.fullmatch(r"[A-Za-z0-9]{1,5}", suffix):
        base = stem  # whatever extension the name claimed, the detected one wins
    base = UNSAFE_IN_NAME.sub("_", QUOTES.sub("", base))
    base = base[:MAX_BASE_LENGTH].strip(" .") or "evidence"
    if base.upper() in WINDOWS_RESERVED:
        base += "_"
    return f"{base}.{extension}"


def ascii_fallback(name: str) -> str:
    """The same name in plain ASCII, for clients that ignore `filename*`."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    stem, dot, extension = NOT_PLAIN_ASCII.sub("_", plain).rpartition(".")
    if not dot:
        stem, extension = extension, ""
    stem = " ".join(stem.split()).strip(" ._") or "evidence"
    return f"{stem}{dot}{extension}"


def content_disposition(name: str) -> str:
    """An attachment header per RFC 6266: an ASCII `filename` and a UTF-8 `filename*`."""
    # Django's FileResponse writes one of the two, never both; older clients need the
    # first, and the second keeps accents and non-Latin scripts for everyone else.
    return (
        f"attachment; filename=\"{ascii_fallback(name)}\"; filename*=UTF-8''{quote(name, safe='')}"
    )


def display_name(name) -> str:
    """The file's own name, fit to quote back in a message."""
    return clean(last_component(name))[:120] or _("the file")
