"""Content written in another language than the page: say so with `lang`.

Library content (titles, descriptions quoted from the documents) stays in the document's
language; a screen reader must read it with that language's voice.
"""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language

register = template.Library()


def _other_than_page(language: str | None) -> bool:
    page = (get_language() or "").split("-")[0]
    return bool(language) and language.split("-")[0].lower() != page.lower()


@register.filter(needs_autoescape=True)
def in_language(text, language, autoescape=True):
    """`text`, in a `<span lang>` when its language is not the page's."""
    if not text or not _other_than_page(language):
        return conditional_escape(text) if autoescape else text
    return format_html('<span lang="{}">{}</span>', language, text)


@register.filter
def lang_attr(language):
    """` lang="…"` for an element whose content is in `language`, when that is not the page's."""
    if not _other_than_page(language):
        return ""
    return format_html(' lang="{}"', language)
