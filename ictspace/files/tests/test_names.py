import pytest

from ictspace.files import names


@pytest.mark.parametrize(
    ("original", "extension", "expected"),
    [
        ("../../etc/passwd", "csv", "passwd.csv"),
        ("C:\\Users\\nia\\Rapport d'étape.docx", "pdf", "Rapport détape.pdf"),
        ('bad"name\x00\r\n.pdf', "pdf", "badname.pdf"),
        ("invoice\u202efdp.exe", "pdf", "invoicefdp.pdf"),
        ("...", "png", "evidence.png"),
        ("con.txt", "csv", "con_.csv"),
        ("Budget 2025 v2.5 final", "xlsx", "Budget 2025 v2.5 final.xlsx"),
    ],
)
def test_safe_download_name(original, extension, expected):
    assert names.safe_download_name(original, extension) == expected


def test_content_disposition_has_an_ascii_fallback_and_utf8_name():
    header = names.content_disposition("Rapport détape 報告.pdf")
    assert header == (
        'attachment; filename="Rapport detape.pdf"; '
        "filename*=UTF-8''Rapport%20d%C3%A9tape%20%E5%A0%B1%E5%91%8A.pdf"
    )
    assert names.content_disposition("報告.pdf").startswith('attachment; filename="evidence.pdf";')
