"""Safe spreadsheet cells: text that a spreadsheet would run as a formula is escaped."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
# A leading quote is escaped too, so that unescaping gives back text that began with one.
ESCAPED_STARTS = (*FORMULA_STARTS, QUOTE)


def safe_cell(value):
    """A value for a CSV/XLSX cell; text starting like a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(ESCAPED_STARTS):
        return QUOTE + value
    return value


def unescape_cell(text: str) -> str:
    """Undo safe_cell's leading quote, so that an exported text reads back as it was."""
    if text[:1] == QUOTE and text[1:2] and text[1:2] in ESCAPED_STARTS:
        return text[1:]
    return text
