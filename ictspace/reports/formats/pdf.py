"""The PDF: the same HTML as the page, with the print rules and the TLP in the running header."""

from pathlib import Path

from django.contrib.staticfiles import finders

from ictspace.reports.formats import weasy

PRINT_CSS = Path(__file__).resolve().parent.parent / "print.css"


def _header_css(tlp_label: str, title: str) -> str:
    # Both strings are ours (a TLP label, the report's title), quoted for CSS.
    label = tlp_label.replace('"', "")
    title = title.replace('"', "").replace("\\", "")[:90]
    return (
        f"@page {{ @top-right {{ content: \"{label}\"; font: bold 9pt 'DejaVu Sans', sans-serif; }} "
        f"@top-left {{ content: \"{title}\"; font: 8pt 'DejaVu Sans', sans-serif; color: #4a5560; }} }}"
    )


def render(fragment: str, *, language: str, title: str, tlp_label: str) -> bytes:
    weasyprint = weasy.load()
    document = (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        f"<title>{_escape(title)}</title></head><body>{fragment}</body></html>"
    )
    stylesheets = [
        weasyprint.CSS(filename=finders.find("ictspace/report.css")),
        weasyprint.CSS(filename=str(PRINT_CSS)),
        weasyprint.CSS(string=_header_css(tlp_label, title)),
    ]
    return weasyprint.HTML(string=document, base_url=str(PRINT_CSS.parent)).write_pdf(
        stylesheets=stylesheets
    )


def _escape(text: str) -> str:
    from django.utils.html import escape

    return escape(text)
