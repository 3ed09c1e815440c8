"""The report's files: the HTML fragment, the PDF made from it, the XLSX tables, the DOCX."""
