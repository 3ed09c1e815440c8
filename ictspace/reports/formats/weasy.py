"""WeasyPrint, imported on first use so that a missing system library is a clear message.

WeasyPrint loads Pango (and HarfBuzz, fontconfig) through ctypes when it is imported; on
a machine without them the import raises OSError deep inside cffi. Every caller goes
through `load()`, which turns that into one sentence naming the packages to install.
"""

from django.core.exceptions import ImproperlyConfigured

PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"
MISSING = (
    "WeasyPrint cannot load its system libraries ({error}). PDF reports need Pango: "
    "on Debian or Ubuntu run `apt-get install {packages}`."
)


class WeasyPrintMissing(ImproperlyConfigured):
    """The PDF library cannot run on this machine; the message says what to install."""


def load():
    """The weasyprint module, or WeasyPrintMissing naming the packages to install."""
    try:
        import weasyprint
    except OSError as error:
        raise WeasyPrintMissing(MISSING.format(error=error, packages=PACKAGES)) from None
    return weasyprint


def check() -> str | None:
    """None when PDFs can be made, else the message (for `make run` and the checks)."""
    try:
        load()
    except WeasyPrintMissing as missing:
        return str(missing)
    return None
