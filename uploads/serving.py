"""Serving uploaded files safely: never inline unless previewable, never sniffed, sandboxed."""

from __future__ import annotations

from urllib.parse import quote

from django.http import FileResponse

from .checks import KINDS


def file_response(
    fieldfile, *, kind_code: str, filename: str, inline: bool = False
) -> FileResponse:
    kind = KINDS[kind_code]
    show_inline = inline and kind.previewable
    response = FileResponse(fieldfile.open("rb"), content_type=kind.content_type)
    ascii_name = filename.encode("ascii", "ignore").decode() or f"tep.{kind.extension}"
    disposition = "inline" if show_inline else "attachment"
    response["Content-Disposition"] = (
        f"{disposition}; filename=\"{ascii_name.replace(chr(34), '')}\"; filename*=UTF-8''{quote(filename)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    if not show_inline:  # browsers' PDF viewers do not run under a sandbox policy
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, max-age=0, must-revalidate"
    return response
