"""Serving uploaded files safely: never inline unless previewable, never sniffed, sandboxed."""

from __future__ import annotations

from urllib.parse import quote

from django.http import FileResponse, Http404

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


def serve_file_or_404(
    fieldfile, *, kind_code: str, filename: str, inline: bool = False
) -> FileResponse:
    """``file_response``, with a file missing from storage answering 404 instead of an error."""
    try:
        return file_response(fieldfile, kind_code=kind_code, filename=filename, inline=inline)
    except FileNotFoundError:
        raise Http404 from None


def access_attached_file(model, *, parent_field: str, visible_parents, pk: int):
    """The ``AttachedFile`` ``pk`` whose parent is among ``visible_parents`` and whose content
    kind is known and file present; ``Http404`` otherwise (missing, another school's, private)."""
    found = (
        model.objects.filter(pk=pk, **{f"{parent_field}__in": visible_parents})
        .select_related(parent_field)
        .first()
    )
    if found is None or found.kind not in KINDS or not found.file:
        raise Http404
    return found
