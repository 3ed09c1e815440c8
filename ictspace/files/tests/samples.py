"""Real files of every kind the file service meets, made here (no binary fixtures)."""

import io
import struct
import zipfile
import zlib

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from ictspace.files import kinds


def pdf() -> bytes:
    """A minimal valid one-page PDF with a correct cross-reference table."""
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(bodies, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(bodies) + 1,
        xref,
    )
    return bytes(out)


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1×1, 8-bit RGB
    pixels = zlib.compress(b"\x00\x0b\x4f\x71")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Jurisdiction", "Status"])
    book.active.append(["Barbados", "in progress"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def zip_of(members: list[tuple[str, str]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members:
            compression = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, text, compress_type=compression)
    return buffer.getvalue()


DOCX_MEMBERS = [
    (
        "[Content_Types].xml",
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats'
        '-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="'
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>",
    ),
    (
        "_rels/.rels",
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>",
    ),
    (
        "word/document.xml",
        '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>IXP tender awarded</w:t></w:r>'
        "</w:p></w:body></w:document>",
    ),
]


def docx() -> bytes:
    return zip_of(DOCX_MEMBERS)


def ods() -> bytes:
    return zip_of(
        [
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", '<?xml version="1.0"?><office:document-content/>'),
            ("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest/>'),
        ]
    )


def ole(stream: str, *others: tuple[str, int]) -> bytes:
    """A compound-file header and one directory sector: the root, one stream, and others
    given as (name, entry type: 1 a storage, 2 a stream)."""

    def entry(name: str, kind: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\0\0"
        return (encoded.ljust(64, b"\0") + struct.pack("<HB", len(encoded), kind)).ljust(128, b"\0")

    header = kinds.OLE_MAGIC.ljust(512, b"\0")
    entries = [entry("Root Entry", 5), entry(stream, 2), *(entry(n, k) for n, k in others)]
    return header + b"".join(entries).ljust(512, b"\0")


EXE = b"MZ\x90\x00" + bytes(60) + b"This program cannot be run in DOS mode.\r\n" + bytes(200)
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(120)
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)
