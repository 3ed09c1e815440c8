"""`ictspace messages`: refresh the fr/nl/es catalogues from the code, then compile them."""

import subprocess

from django.core.management import call_command
from django.core.management.base import BaseCommand

from ictspace.languages.catalogues import MAKEMESSAGES_OPTIONS, TRANSLATED, po_path

STAMP = '"POT-Creation-Date:'


class Command(BaseCommand):
    help = "Extract the interface's messages into the catalogues and compile them (.mo)."

    def handle(self, *args, **options):
        before = {code: _read(po_path(code)) for code in TRANSLATED}
        call_command("makemessages", **MAKEMESSAGES_OPTIONS)
        for code in TRANSLATED:
            path = po_path(code)
            if _without_stamp(_read(path)) == _without_stamp(before[code]):
                path.write_text(before[code], encoding="utf-8")  # only the date moved
            compile_catalogue(path)
            self.stdout.write(f"{path.relative_to(path.parents[3])}: compiled")


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
