"""The spreadsheet round trip: template, upload, background read into a preview, apply or discard.

`actions` holds every write (its functions are also this package's API), `files` reads CSV
and XLSX, `rows` checks each row, `replay` applies a preview whose checks still hold,
`store` writes the values in bulk, `template` builds the workbook to fill in, `forms` and
`views` are the pages.
"""

from ictspace.indicators.imports.actions import (
    STALE_AFTER,
    do_apply_import,
    do_discard_import,
    do_queue_apply,
    do_read_import,
    do_retry_import,
    do_upload_import,
)

__all__ = [
    "STALE_AFTER",
    "do_apply_import",
    "do_discard_import",
    "do_queue_apply",
    "do_read_import",
    "do_retry_import",
    "do_upload_import",
]
