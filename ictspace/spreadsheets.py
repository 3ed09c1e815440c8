"""Safe spreadsheet cells: text that a spreadsheet would run as a formula is escaped."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A value for a CSV/XLSX cell; text starting like a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
