"""What a file is, from its first bytes (and a zip's or OLE2 file's member names).

The extension says what a file claims to be; the content says what it is. ``sniff`` looks only
at the content and returns one of:

- ``docx`` / ``xlsx``: an OOXML zip holding ``word/document.xml`` / ``xl/workbook.xml``;
- ``odf``: an OpenDocument zip (.odt/.ods), ``zip``: any other zip;
- ``doc`` / ``xls``: a legacy OLE2 compound file with a WordDocument / Workbook stream,
  ``ole2``: one with neither (the extension decides), ``encrypted``: a password-protected
  Office file (OOXML encrypted into an OLE2 ``EncryptedPackage``);
- ``pdf``, ``rtf``, ``html`` (``<html``, ``<!doctype html``, ``<table``, ``<meta`` … first);
- ``text``: anything else (the text reader decides whether it really is text).
"""

from __future__ import annotations

import codecs
import io
import re

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# what each extension claims
SUFFIX_KIND = {
    ".docx": "docx",
    ".docm": "docx",
    ".doc": "doc",
    ".wps": "doc",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".et": "xls",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
    ".text": "text",
}

LABELS = {
    "docx": "Word .docx file",
    "xlsx": "Excel .xlsx file",
    "doc": "Word .doc file",
    "xls": "Excel .xls file",
    "pdf": "PDF file",
    "html": "HTML page",
    "rtf": "RTF file",
    "odf": "OpenDocument file",
    "zip": "zip archive",
    "ole2": "OLE2 compound file",
    "encrypted": "password-protected Office file",
    "text": "text file",
}

_HTML_START = re.compile(rb"<(!doctype\s+html|html|table|meta|head|body)[\s>/]", re.I)
_SKIP = re.compile(rb"\s*(<\?xml[^>]*\?>|<!--.*?-->)", re.S)


def sniff(data: bytes) -> str:
    head = data[:8]
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(data)
    if head.startswith(OLE2_MAGIC):
        return _ole2_kind(data)
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "rtf"
    if looks_like_html(data):
        return "html"
    return "text"


def looks_like_html(data: bytes) -> bool:
    head = data[:2048]
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            head = head[2:].decode(enc, "ignore").encode("ascii", "ignore")
            break
    head = head.removeprefix(codecs.BOM_UTF8)
    while True:
        m = _SKIP.match(head)
        if not m or not m.group(1):
            break
        head = head[m.end() :]
    return bool(_HTML_START.match(head.lstrip()))


def _zip_kind(data: bytes) -> str:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except Exception:  # truncated: the local headers still carry the member names
        names = {m.decode("latin-1") for m in re.findall(rb"PK\x03\x04.{26}([ -~]{1,80})", data)}
        names = {n for n in names if "/" in n or n.endswith(".xml")} | {
            n for n in ("word/document.xml", "xl/workbook.xml", "mimetype") if n.encode() in data
        }
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "mimetype" in names and b"opendocument" in data[:200]:
        return "odf"
    return "zip"


def _ole2_kind(data: bytes) -> str:
    def has(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if has("EncryptedPackage"):
        return "encrypted"
    if has("WordDocument"):
        return "doc"
    if has("Workbook") or has("Book\x00"):
        return "xls"
    return "ole2"


def describe(data: bytes, kind: str) -> str:
    """What the content is, for "not a Word .docx file (content is …)": a kind code, said in
    the run's language by the error catalogue (``messages._KINDS``)."""
    if kind != "text":
        return kind
    sample = data[:4096]
    if b"\x00" in sample:
        return "binary"
    for enc in ("utf-8", "gb18030"):
        try:
            sample.decode(enc)
            return "plain-text"
        except UnicodeDecodeError as exc:
            if exc.start > len(sample) - 4:  # a character cut at the sample's end
                return "plain-text"
    return "unknown-binary"
