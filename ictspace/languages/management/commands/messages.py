"""`ictspace messages`: refresh the fr/nl/es catalogues from the code, then compile them."""

import subprocess
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

from ictspace.languages.catalogues import MAKEMESSAGES_OPTIONS, TRANSLATED, po_path

STAMP = '"POT-Creation-Date:'


class Command(BaseCommand):
    help = "Extract the interface's messages into the catalogues and compile them (.mo)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--compendium",
            type=Path,
            help="a folder of <lang>.po files whose translations fill the untranslated messages",
        )

    def handle(self, *args, compendium=None, **options):
        before = {code: _read(po_path(code)) for code in TRANSLATED}
        call_command("makemessages", **MAKEMESSAGES_OPTIONS)
        for code in TRANSLATED:
            path = po_path(code)
            drop_fuzzy_guesses(path)
            if compendium and (compendium / f"{code}.po").exists():
                fill_from(path, compendium / f"{code}.po")
            if _without_stamp(_read(path)) == _without_stamp(before[code]):
                path.write_text(before[code], encoding="utf-8")  # only the date moved
            compile_catalogue(path)
            self.stdout.write(f"{path.relative_to(path.parents[3])}: compiled")


def drop_fuzzy_guesses(po: Path) -> None:
    """makemessages guesses a new message's translation from a similar one and marks it
    fuzzy; such a guess is usually wrong ("loaded" → "uploaded"), so it is emptied for a
    translator (or the compendium) to fill. The header keeps its own flag."""
    blocks = po.read_text(encoding="utf-8").split("\n\n")
    po.write_text("\n\n".join(_unguessed(block) for block in blocks), encoding="utf-8")


def _unguessed(block: str) -> str:
    lines = block.split("\n")
    flags = [line for line in lines if line.startswith("#,")]
    if not flags or "fuzzy" not in flags[0] or 'msgid ""' in lines:
        return block
    out, in_msgstr = [], False
    for line in lines:
        if line.startswith("#|"):  # the previous msgid the guess came from
            continue
        if line.startswith("#,"):
            rest = [flag.strip() for flag in line[2:].split(",") if flag.strip() != "fuzzy"]
            if rest:
                out.append("#, " + ", ".join(rest))
            continue
        if line.startswith("msgstr"):
            out.append(line.split(" ", 1)[0] + ' ""')
            in_msgstr = True
        elif in_msgstr and line.startswith('"'):
            continue
        else:
            out.append(line)
            in_msgstr = False
    return "\n".join(out)


def fill_from(po: Path, compendium: Path) -> None:
    """Untranslated messages of `po` take their translation from `compendium`, if it has one."""
    options = ["--quiet", "--no-wrap", "--no-location", "--no-fuzzy-matching"]
    command = ["msgmerge", *options, "--compendium", str(compendium), "-o", str(po), str(po)]
    subprocess.run([*command, str(po)], check=True)  # noqa: S603


def compile_catalogue(po, mo=None) -> None:
    """The .mo beside the .po (or at `mo`); placeholders are checked against the msgid."""
    mo = mo or po.with_suffix(".mo")
    # GNU gettext's msgfmt from PATH, as Django's compilemessages runs it; our own paths.
    command = ["msgfmt", "--check-format", "-o", str(mo), str(po)]
    subprocess.run(command, check=True)  # noqa: S603


def _read(path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _without_stamp(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith(STAMP))
