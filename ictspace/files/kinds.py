"""What a file really is, judged by its bytes, and whether one use of files accepts it.

No third-party sniffing library: the accepted kinds are few and their signatures are
well known. A file's name is never trusted; it only helps to break a tie between two
legacy Office kinds found in the same compound file. Each use (evidence, an indicator
upload) has a `Policy`: the kinds it accepts and how its refusals read.
"""

import codecs
import hashlib
import math
import re
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ictspace.files import uploads
from ictspace.files.names import display_name, last_component
from ictspace.files.uploads import MB

# A multiple of 128 bytes, so that no OLE directory entry straddles two chunks.
CHUNK = 64 * 1024
HEAD = 4096

# Extension → MIME type of every kind that is accepted.
TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "csv": "text/csv",
}

MAGIC = [  # leading bytes → extension
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
]
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
REFUSED_MAGIC = [  # leading bytes → why the file is refused
    (b"MZ", gettext_lazy("it looks like a Windows program")),
    (b"\x7fELF", gettext_lazy("it looks like a Linux or Unix program")),
    (b"\xcf\xfa\xed\xfe", gettext_lazy("it looks like a macOS program")),
    (b"\xce\xfa\xed\xfe", gettext_lazy("it looks like a macOS program")),
    (b"\xca\xfe\xba\xbe", gettext_lazy("it looks like a macOS or Java program")),
    (b"#!", gettext_lazy("it looks like a script")),
    (b"\x1f\x8b", gettext_lazy("it looks like a compressed archive")),
    (b"7z\xbc\xaf\x27\x1c", gettext_lazy("it looks like a compressed archive")),
    (b"Rar!", gettext_lazy("it looks like a compressed archive")),
    (b"BZh", gettext_lazy("it looks like a compressed archive")),
    (b"\xfd7zXZ\x00", gettext_lazy("it looks like a compressed archive")),
    (b"{\\rtf", gettext_lazy("it is a Rich Text document; save it as PDF or DOCX")),
    (b"\xff\xfe", gettext_lazy("it is UTF-16 text; save it as “CSV UTF-8”")),
    (b"\xfe\xff", gettext_lazy("it is UTF-16 text; save it as “CSV UTF-8”")),
]
OOXML_PARTS = [("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")]
ODF_MIMETYPES = {TYPES[ext]: ext for ext in ("odt", "ods", "odp")}
# Stream names in a legacy Office compound file, in the order that wins a tie (a Word
# or Excel file may embed the other kind as an object).
OLE_STREAMS = [
    ("WordDocument", "doc"),
    ("PowerPoint Document", "ppt"),
    ("Workbook", "xls"),
    ("Book", "xls"),
]
# The container an office kind comes in, for a refusal worded per use.
FAMILY = dict.fromkeys(("docx", "xlsx", "pptx", "odt", "ods", "odp"), "zip") | dict.fromkeys(
    ("doc", "xls", "ppt"), "ole"
)
# Content types that declare code in an OOXML package ([Content_Types].xml), whatever its
# parts are named: a VBA project (and its signatures), Excel 4 macro sheets, and the main
# part of a macro-enabled document (.docm, .xlsm, .pptm).
MACRO_CONTENT_TYPES = ("vbaproject", "macroenabled", "macrosheet", "activex")
CONTENT_TYPES_LIMIT = 1024 * 1024  # bytes of [Content_Types].xml read: it lists parts only
# Storage and stream names that hold VBA code in a legacy Office compound file.
OLE_MACRO_NAMES = ("Macros", "_VBA_PROJECT_CUR", "VBA", "_VBA_PROJECT")
# A ZIP whose members expand beyond these is refused before anything reads it.
MAX_UNPACKED_BYTES = 512 * MB
MAX_RATIO = 100  # uncompressed : compressed, for a member over RATIO_FLOOR
RATIO_FLOOR = 1 * MB
# Bytes that never occur in text (tab, newlines, form feed and ESC-free text only).
BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f]")


@dataclass(frozen=True)
class Detected:
    content_type: str
    extension: str


def _detected(extension: str) -> Detected:
    return Detected(content_type=TYPES[extension], extension=extension)


@dataclass(frozen=True)
class Policy:
    """What one use of files accepts, and how its refusals read."""

    accepted: frozenset[str]
    refusal: Promise  # with %(name)s and %(why)s
    # Container family ("zip", "ole") → why, for a file of that family this use refuses.
    reasons: dict = field(default_factory=dict)
    # False where a command may bring bigger files than the web (whose upload handler
    # stops past the limit anyway).
    size_limited: bool = True

    @property
    def accept(self) -> str:
        """For the file picker's `accept` attribute: a hint to the browser, not a check."""
        extras = [".jpeg"] if "jpg" in self.accepted else []
        return ",".join([*(f".{ext}" for ext in TYPES if ext in self.accepted), *extras])


EVIDENCE = Policy(
    accepted=frozenset(TYPES),
    refusal=gettext_lazy("“%(name)s” is not a PDF, image, office document or CSV file (%(why)s)."),
)
SPREADSHEET = Policy(
    accepted=frozenset({"csv", "xlsx"}),
    refusal=gettext_lazy("“%(name)s” is not a CSV or XLSX file (%(why)s)."),
    reasons={
        "zip": gettext_lazy("it is a ZIP archive, not an Excel workbook"),
        "ole": gettext_lazy("it is an old Excel (.xls) or Office file; save it as .xlsx or CSV"),
    },
    size_limited=False,  # `import_observations` loads statistics offices' back-series
)


class _Refused(Exception):
    """Internal: carries the reason up to `inspect`, which names the file."""

    def __init__(self, reason, family: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.family = family  # set when a use may word the refusal its own way


# Reading -------------------------------------------------------------------------------


def chunks(file) -> Iterator[bytes]:
    """The file's bytes from the start, in CHUNK-sized pieces (works for files on disk)."""
    file.seek(0)
    while data := file.read(CHUNK):
        yield data
    file.seek(0)


def sha256_of(file) -> str:
    digest = hashlib.sha256()
    for data in chunks(file):
        digest.update(data)
    return digest.hexdigest()


def _head(file) -> bytes:
    file.seek(0)
    head = file.read(HEAD)
    file.seek(0)
    return head


# Checking ------------------------------------------------------------------------------


def check_size(file, policy: Policy) -> None:
    """Refuse empty and oversized files from their size alone, before reading a byte."""
    name = display_name(getattr(file, "name", ""))
    if not file.size:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="empty")
    limit = uploads.MAX_UPLOAD_BYTES
    if policy.size_limited and file.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s MB; the limit is %(limit)s MB.")
            % {
                "name": name,
                "size": number_format(_megabytes_rounded_up(file.size), 1),
                "limit": limit // MB,
            },
            code="too_big",
        )


def _megabytes_rounded_up(size: int) -> float:
    # Up, so that a file just over the limit never reads as "20.0 MB; the limit is 20 MB".
    return math.ceil(size * 10 / MB) / 10


def inspect(file, policy: Policy) -> Detected:
    """The file's real kind; ValidationError saying why if the policy does not accept it."""
    check_size(file, policy)
    name = getattr(file, "name", "") or ""
    try:
        detected = _kind_of(file, name)
        if detected.extension not in policy.accepted:
            raise _Refused(_unaccepted(detected.extension), FAMILY.get(detected.extension, ""))
    except _Refused as refused:
        why = policy.reasons.get(refused.family, refused.reason)
        raise ValidationError(
            policy.refusal % {"name": display_name(name), "why": why}, code="type"
        ) from None
    return detected


def _unaccepted(extension: str) -> str:
    if extension == "csv":
        return _("it is text, not a table file")
    return _("it is a %(kind)s file") % {"kind": extension.upper()}


def _kind_of(file, name: str) -> Detected:
    head = _head(file)
    for magic, extension in MAGIC:
        if head.startswith(magic):
            return _detected(extension)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _detected("webp")
    if head.startswith(ZIP_MAGIC):
        return _detected(_zip_kind(file))
    if head.startswith(OLE_MAGIC):
        return _detected(_ole_kind(file, name))
    for magic, reason in REFUSED_MAGIC:
        if head.startswith(magic):
            raise _Refused(reason)
    _check_text(file, head)
    return _detected("csv")


def _zip_kind(file) -> str:
    """docx/xlsx/pptx by their main part, odt/ods/odp by their `mimetype` member."""
    try:
        with zipfile.ZipFile(file) as archive:
            _check_unpacked_size(archive.infolist())
            names = archive.namelist()
            mimetype = _odf_mimetype(archive, names)
            declared = _declared_content_types(archive, names)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise _Refused(_("it looks like a damaged ZIP archive"), "zip") from None
    finally:
        file.seek(0)
    if any(_is_macro_part(n) for n in names) or any(_is_macro_type(t) for t in declared):
        raise _Refused(_("it contains macros; save it as a document without macros"))
    if mimetype is not None:
        if mimetype not in ODF_MIMETYPES:
            raise _Refused(
                _("it is an OpenDocument file, but not a text, spreadsheet or slides"), "zip"
            )
        return ODF_MIMETYPES[mimetype]
    if "[Content_Types].xml" in names:
        kinds = {ext for prefix, ext in OOXML_PARTS if any(n.startswith(prefix) for n in names)}
        if len(kinds) == 1:
            return kinds.pop()
    raise _Refused(_("it looks like a ZIP archive that is not an office document"), "zip")


def _odf_mimetype(archive: zipfile.ZipFile, names: list[str]) -> str | None:
    # OpenDocument requires `mimetype` to be the first member, stored uncompressed.
    if not names or names[0] != "mimetype":
        return None
    try:
        with archive.open("mimetype") as member:
            return member.read(100).decode("ascii", "replace").strip()
    except (NotImplementedError, RuntimeError):  # an odd compression or encryption
        return ""


def _check_unpacked_size(members: list[zipfile.ZipInfo]) -> None:
    """Refuse a ZIP bomb from its directory: zipfile never inflates past a declared size."""
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED_BYTES:
        raise _Refused(
            _("it expands to %(size)s MB when unpacked; the limit is %(limit)s MB")
            % {"size": math.ceil(total / MB), "limit": MAX_UNPACKED_BYTES // MB}
        )
    for member in members:
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise _Refused(
                _("its part “%(part)s” expands more than %(ratio)s times, like a ZIP bomb")
                % {"part": member.filename[:60], "ratio": MAX_RATIO}
            )


def _declared_content_types(archive: zipfile.ZipFile, names: list[str]) -> set[str]:
    """Every ContentType that [Content_Types].xml declares (lowercased); empty without one."""
    from defusedxml import ElementTree

    if "[Content_Types].xml" not in names:
        return set()
    with archive.open("[Content_Types].xml") as member:
        text = member.read(CONTENT_TYPES_LIMIT + 1)
    if len(text) > CONTENT_TYPES_LIMIT:
        raise ValueError("[Content_Types].xml is too long")
    try:
        root = ElementTree.fromstring(text)
    except Exception:  # ParseError and defusedxml's refusals (entities, DTDs)
        raise ValueError("[Content_Types].xml is not well-formed") from None
    return {e.get("ContentType", "").lower() for e in root.iter() if e.get("ContentType")}


def _is_macro_type(content_type: str) -> bool:
    return any(word in content_type for word in MACRO_CONTENT_TYPES)


def _is_macro_part(name: str) -> bool:
    lowered = name.lower()
    return lowered.endswith("vbaproject.bin") or lowered.startswith(("basic/", "scripts/"))


def _ole_kind(file, name: str) -> str:
    """doc/xls/ppt by the streams named in the compound file's directory."""
    found = _ole_streams(file)
    if "macros" in found:
        raise _Refused(_("it contains macros; save it as a document without macros"))
    if not found:
        # Windows installers (.msi) and Outlook messages are compound files too.
        raise _Refused(_("it is a compound file, but not a Word, Excel or PowerPoint file"), "ole")
    claimed = last_component(name).rpartition(".")[2].lower()
    if claimed in found:
        return claimed
    return next(ext for _stream, ext in OLE_STREAMS if ext in found)


def _ole_streams(file) -> set[str]:
    """The kinds whose streams the directory names, and "macros" if it holds VBA code."""
    # Directory entries are 128 bytes, aligned on 128 within the file: a 64-byte UTF-16
    # name, its length in bytes with the terminator at offset 64, the entry type at 66.
    wanted = [(_utf16(stream), ext, STREAM) for stream, ext in OLE_STREAMS]
    wanted += [(_utf16(n), "macros", STREAM | STORAGE) for n in OLE_MACRO_NAMES]
    found = set()
    for data in chunks(file):
        data = data.lower()  # names compare without case; lengths and types stay below "A"
        for encoded, ext, types in wanted:
            if ext not in found and _has_entry(data, encoded, types):
                found.add(ext)
    return found


STORAGE, STREAM = 1, 2  # directory entry types, used as bit flags of the types wanted


def _utf16(name: str) -> bytes:
    return name.lower().encode("utf-16-le") + b"\0\0"


def _has_entry(data: bytes, encoded: bytes, types: int) -> bool:
    start = data.find(encoded)
    while start != -1:
        entry = data[start : start + 128]
        if start % 128 == 0 and len(entry) == 128:
            (length,) = struct.unpack_from("<H", entry, 64)
            if length == len(encoded) and entry[66] in (1, 2) and entry[66] & types:
                return True
        start = data.find(encoded, start + 1)
    return False


def _check_text(file, head: bytes) -> None:
    """Accept text as CSV unless it is markup or not text at all.

    A one-column CSV has no delimiter, so delimiter sniffing cannot be the test: any
    text that decodes as UTF-8 or Windows-1252 and is not markup is served as text/csv.
    """
    start = head.removeprefix(codecs.BOM_UTF8).lstrip().lower()
    if start.startswith(b"<"):
        raise _Refused(_markup_reason(start))
    if not (_decodes(file, "utf-8-sig") or _decodes(file, "cp1252")):
        raise _Refused(_("its content is binary data of an unknown kind"))


def _markup_reason(start: bytes):
    if b"<svg" in start:
        return _("it looks like an SVG image, which can carry scripts")
    if start.startswith(b"<?xml"):
        return _("it looks like an XML document")
    return _("it looks like a web page")


def _decodes(file, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        for data in chunks(file):
            if BINARY_BYTES.search(data):
                return False
            decoder.decode(data)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def extension_for(content_type: str) -> str:
    return next((ext for ext, mime in TYPES.items() if mime == content_type), "bin")
