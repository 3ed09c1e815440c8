"""The interface's translation catalogues: how they are made, and reading them back.

One project catalogue per language, `ictspace/locale/<lang>/LC_MESSAGES/django.po`, with its
compiled `.mo` committed beside it, so that `make run` needs no gettext tools.
"""

import ast
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
# Every language but the one the source is written in.
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# makemessages, run from the repository root. No locations and no wrapping: a catalogue
# changes only when a message does, so branches that add strings merge cleanly.
MAKEMESSAGES_OPTIONS = {
    "locale": TRANSLATED,
    "domain": "django",
    "no_location": True,
    "no_obsolete": True,
    "no_wrap": True,
    "ignore_patterns": ["tests", "migrations", "var", "bench", "docs", "scripts", "vendor"],
    "verbosity": 0,
}


def po_path(language: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / language / "LC_MESSAGES" / "django.po"


@dataclass
class Entry:
    """One message of a catalogue: its key (context, singular, plural) and translations."""

    context: str | None = None
    msgid: str = ""
    plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    fuzzy: bool = False

    @property
    def key(self) -> tuple:
        return (self.context, self.msgid, self.plural)

    @property
    def translated(self) -> bool:
        return not self.fuzzy and bool(self.msgstr) and all(self.msgstr)


def read_po(path: Path) -> list[Entry]:
    """The catalogue's messages, header and obsolete entries left out."""
    entries, entry, part = [], Entry(), None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if not line:
            if part is not None and entry.msgid:
                entries.append(entry)
            entry, part = Entry(), None
        elif line.startswith("#,"):
            entry.fuzzy = "fuzzy" in line
        elif line.startswith("#"):
            continue  # comments and obsolete (#~) entries
        elif line.startswith('"'):
            _append(entry, part, ast.literal_eval(line))
        else:
            keyword, _space, text = line.partition(" ")
            part = keyword
            if keyword.startswith("msgstr"):
                entry.msgstr.append("")
            _append(entry, part, ast.literal_eval(text))
    return entries


def _append(entry: Entry, part: str, text: str) -> None:
    if part == "msgctxt":
        entry.context = (entry.context or "") + text
    elif part == "msgid":
        entry.msgid += text
    elif part == "msgid_plural":
        entry.plural = (entry.plural or "") + text
    else:
        entry.msgstr[-1] += text
