"""What an uploaded file really is, judged by its content, never by its name."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


@dataclass(frozen=True)
class FileKind:
    code: str
    extension: str
    content_type: str
    previewable: bool = False  # shown inline in the browser (PDF, images)


KINDS = {
    k.code: k
    for k in (
        FileKind("pdf", "pdf", "application/pdf", previewable=True),
        FileKind("doc", "doc", "application/msword"),
        FileKind(
            "docx",
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        FileKind("xls", "xls", "application/vnd.ms-excel"),
        FileKind(
            "xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        ),
        FileKind("ppt", "ppt", "application/vnd.ms-powerpoint"),
        FileKind(
            "pptx",
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        FileKind("odt", "odt", "application/vnd.oasis.opendocument.text"),
        FileKind("ods", "ods", "application/vnd.oasis.opendocument.spreadsheet"),
        FileKind("odp", "odp", "application/vnd.oasis.opendocument.presentation"),
        FileKind("zip", "zip", "application/zip"),
    )
}
OOXML_PARTS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
ODF_TYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
DOCUMENT_KINDS = ("pdf", "doc", "docx", "xls", "xlsx", "odt", "ods")
RESOURCE_KINDS = ("pdf", "doc", "docx", "ppt", "pptx", "xls", "xlsx", "odt", "ods", "odp", "zip")


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                mimetype = archive.read("mimetype").strip()
                if mimetype in ODF_TYPES:
                    return ODF_TYPES[mimetype]
            if "[Content_Types].xml" in names:
                for prefix, code in OOXML_PARTS.items():
                    if any(name.startswith(prefix) for name in names):
                        return code
    except (zipfile.BadZipFile, OSError, KeyError):
        return ""
    return "zip"


def _ole_kind(data: bytes) -> str:
    guess = filetype.guess(data)
    if guess is not None and guess.extension in {"doc", "xls", "ppt"}:
        return guess.extension
    # Compound files name their main stream; look for the UTF-16 stream names.
    for stream, code in ((b"W\x00o\x00r\x00d\x00D\x00o\x00c", "doc"), (b"W\x00o\x00r\x00k\x00b\x00o\x00o\x00k", "xls"),
                         (b"P\x00o\x00w\x00e\x00r\x00P\x00o\x00i\x00n\x00t", "ppt")):  # fmt: skip
        if stream in data:
            return code
    return ""


def sniff(data: bytes) -> str:
    """The kind code of ``data`` ("pdf", "docx", ...), or "" when it is none we accept."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if data.startswith(OLE_MAGIC):
        return _ole_kind(data)
    return ""


def check_upload(upload, *, allowed: tuple[str, ...], max_bytes: int) -> FileKind:
    """Validate an uploaded file by content and size; raise a Vietnamese ``ValidationError``."""
    if upload.size == 0:
        raise ValidationError(_("The file “%(name)s” is empty.") % {"name": upload.name})
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file “%(name)s” is larger than %(size)s MB.")
            % {"name": upload.name, "size": max_bytes // (1024 * 1024)}
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    code = sniff(data)
    if code not in allowed:
        raise ValidationError(
            _("The file “%(name)s” is not one of the accepted types (%(types)s).")
            % {"name": upload.name, "types": ", ".join(k.upper() for k in allowed)}
        )
    return KINDS[code]
