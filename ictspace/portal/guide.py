"""The user guide and its companion documents, rendered inside the platform.

The Markdown files in docs/ are the one source: the repository shows them as they are,
the platform renders them with mistune, which escapes any raw HTML in them.
"""

import functools
from pathlib import Path

import mistune
from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

DOCS = settings.PROJECT_DIR / "docs"
# The documents written for the platform's users (the others are for its operators).
PAGES = ("user-guide", "indicators", "indicators-data", "libraries", "api")
IMAGES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp"}


class _GuideRenderer(mistune.HTMLRenderer):
    """Links between the documents and their images point at the platform's own pages."""

    def link(self, text: str, url: str, title=None) -> str:
        return super().link(text, _guide_url(url), title)

    def image(self, text: str, url: str, title=None) -> str:
        if url.startswith("images/") and "/" not in url.removeprefix("images/"):
            url = reverse("portal:guide_image", args=[url.removeprefix("images/")])
        return super().image(text, url, title)

    def heading(self, text: str, level: int, **attrs) -> str:
        # An id per heading, so that "#your-home-page" links and the contents work.
        attrs.setdefault("id", _anchor(text))
        return super().heading(text, level, **attrs)


def _anchor(text: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in mistune.util.striptags(text).lower())
    return "-".join(words.split())


def _guide_url(url: str) -> str:
    """`indicators.md#units` → that page of the guide; any other address unchanged."""
    path, _hash, fragment = url.partition("#")
    name = path.removesuffix(".md")
    if not path.endswith(".md") or name not in PAGES:
        return url
    target = (
        reverse("portal:guide") if name == PAGES[0] else reverse("portal:guide_page", args=[name])
    )
    return f"{target}#{fragment}" if fragment else target


@functools.cache
def _markdown():
    return mistune.create_markdown(
        escape=True, renderer=_GuideRenderer(escape=True), plugins=["table", "strikethrough"]
    )


def render_page(name: str) -> str:
    """The document's HTML; Http404 for a name that is not one of the guide's pages."""
    if name not in PAGES:
        raise Http404
    text = (DOCS / f"{name}.md").read_text(encoding="utf-8")
    return _markdown()(text)


@require_safe
def guide(request, name: str = PAGES[0]):
    body = render_page(name)
    return render(
        request,
        "portal/guide.html",
        {"body": mark_safe(body), "name": name, "pages": PAGES},  # noqa: S308  escaped by mistune
    )


@require_safe
def guide_image(request, filename: str):
    """An image of the guide, by its name in docs/images (nothing else is reachable)."""
    folder = DOCS / "images"
    path = folder / filename
    kind = IMAGES.get(Path(filename).suffix.lower())
    if kind is None or filename not in {p.name for p in folder.iterdir()}:
        raise Http404
    response = FileResponse(path.open("rb"), content_type=kind)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600"
    return response
