"""Stop storing an uploaded file once it passes the largest size any form accepts.

Django writes an upload to a temporary file before any form sees it; without this
handler a 2 GB upload would fill the disk before being refused. The handler counts the
bytes of each file as they arrive, and past the limit stops the upload (the rest of the
request is read and discarded) and marks the request, so the view can say why.
"""

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils.translation import gettext as _

from ictspace.files.names import display_name

MB = 1024 * 1024
MAX_UPLOAD_BYTES = 20 * MB


class UploadSizeLimit(FileUploadHandler):
    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > MAX_UPLOAD_BYTES:
            self.request.upload_too_large = self.file_name
            raise StopUpload(connection_reset=False)
        return raw_data  # the next handlers store it

    def file_complete(self, file_size):
        return None


def refuse_if_too_large(request, form, field: str = "file") -> bool:
    """True, with the reason on the form's field, when UploadSizeLimit stopped the upload."""
    too_large = getattr(request, "upload_too_large", None)
    if not too_large:
        return False
    form.is_valid()  # so the other fields show their own errors too
    form.errors.pop(field, None)  # "required": the handler dropped the file, say why instead
    form.add_error(
        field,
        _("“%(name)s” is larger than %(limit)s MB, the limit; nothing was stored.")
        % {"name": display_name(too_large), "limit": MAX_UPLOAD_BYTES // MB},
    )
    return True
