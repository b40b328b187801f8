"""Writes: a Word (.docx) file becomes a draft page, its images go into the school's collection."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import nh3
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import Page

import vntext

from .cleaning import CleaningReport

MAX_DOCX_BYTES = 20 * 1024 * 1024
RICH_TEXT_TAGS = {"p", "h2", "h3", "h4", "b", "strong", "i", "em", "ul", "ol", "li", "a", "br",
                  "blockquote", "sup", "sub"}  # fmt: skip
_IMG_RE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SRC_RE = re.compile(r'src="([^"]*)"')
_ALT_RE = re.compile(r'alt="([^"]*)"')
_TABLE_RE = re.compile(r"<table\b.*?</table>", re.IGNORECASE | re.DOTALL)
_HEADING1_RE = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.IGNORECASE | re.DOTALL)


@dataclass
class WordImportResult:
    page: Page
    report: CleaningReport
    image_count: int


def _error_for(exc: vntext.VntextError) -> ValidationError:
    if isinstance(exc, vntext.EncryptedDocxError):
        return ValidationError(
            _(
                "This Word file is protected by a password. Remove the password in Word and try again."
            )
        )
    if isinstance(exc, vntext.LegacyDocError):
        return ValidationError(
            _(
                "This is an old Word 97–2003 (.doc) file. Open it in Word, save it as .docx and try again."
            )
        )
    return ValidationError(_("This file is not a readable Word (.docx) document."))


def _text(html: str) -> str:
    return vntext.normalize(nh3.clean(html, tags=set()))


def _table_block(table_html: str) -> tuple[str, dict] | None:
    rows = []
    for row in re.findall(r"<tr\b.*?</tr>", table_html, re.IGNORECASE | re.DOTALL):
        cells = re.findall(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", row, re.IGNORECASE | re.DOTALL)
        rows.append([_text(c) for c in cells])
    rows = [r for r in rows if any(r)]
    if not rows:
        return None
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    header, body = rows[0], rows[1:]
    return (
        "table",
        {
            "columns": [{"type": "text", "heading": h} for h in header],
            "rows": [{"values": r} for r in body],
            "caption": "",
        },
    )


def html_to_stream(html: str, images: dict[str, object]) -> list[tuple[str, object]]:
    """Split converted HTML into StreamField blocks: sanitised rich text, images, tables."""
    blocks: list[tuple[str, object]] = []
    pieces = re.split(
        f"({_TABLE_RE.pattern}|{_IMG_RE.pattern})", html, flags=re.IGNORECASE | re.DOTALL
    )
    for piece in pieces:
        if not piece or not piece.strip():
            continue
        if _IMG_RE.fullmatch(piece):
            src = _SRC_RE.search(piece)
            image = images.get(src.group(1)) if src else None
            if image is not None:
                alt = _ALT_RE.search(piece)
                blocks.append(
                    (
                        "image",
                        {"image": image, "alt_text": alt.group(1) if alt else "", "caption": ""},
                    )
                )
            continue
        if _TABLE_RE.fullmatch(piece):
            table = _table_block(piece)
            if table:
                blocks.append(table)
            continue
        piece = re.sub(r"<(/?)h1\b", r"<\1h2", piece, flags=re.IGNORECASE)
        clean = nh3.clean(piece, tags=RICH_TEXT_TAGS, attributes={"a": {"href"}}, link_rel=None,
                          url_schemes={"http", "https", "mailto"}).strip()  # fmt: skip
        if _text(clean):
            blocks.append(("paragraph", clean))
    return blocks


@transaction.atomic
def import_word_document(
    *, parent: Page, uploaded_file, actor, title: str = ""
) -> WordImportResult:
    """Create a draft StandardPage under ``parent`` from a .docx. All or nothing."""
    from schools.selectors import school_for_page
    from sections.models import StandardPage

    if not parent.permissions_for_user(actor).can_add_subpage() or not StandardPage.can_create_at(
        parent
    ):
        raise PermissionDenied
    if uploaded_file.size > MAX_DOCX_BYTES:
        raise ValidationError(
            _("The file is larger than %(size)s MB.") % {"size": MAX_DOCX_BYTES // 2**20}
        )
    try:
        result = vntext.convert_docx(uploaded_file.read())
    except vntext.VntextError as exc:
        raise _error_for(exc) from None
    school = school_for_page(parent)

    report = CleaningReport()
    report.add(*result.report.encodings)
    Image = get_image_model()
    images = {}
    for picture in result.images:
        if not _is_web_image(picture.data):
            continue  # a picture browsers cannot show (e.g. WMF) is left out, not fatal
        image = Image(title=f"{title or uploaded_file.name} – {picture.filename}", collection=school.collection,
                      uploaded_by_user=actor)  # fmt: skip
        image.file = ImageFile(io.BytesIO(picture.data), name=picture.filename)
        image.save()
        images[picture.filename] = image

    html = result.html
    heading = _HEADING1_RE.search(html)
    if not title and heading:
        title = _text(heading.group(1))
        html = html[: heading.start()] + html[heading.end() :]
    title = vntext.normalize(title or uploaded_file.name.rsplit(".", 1)[0])[:255]
    page = StandardPage(
        title=title,
        slug=_free_slug(parent, vntext.slugify(title) or "bai-viet"),
        body=html_to_stream(html, images),
        live=False,
        owner=actor,
    )
    parent.add_child(instance=page)
    page.save_revision(user=actor, log_action=True)
    return WordImportResult(page=page, report=report, image_count=len(images))


def _is_web_image(data: bytes) -> bool:
    from PIL import Image as PILImage

    try:
        with PILImage.open(io.BytesIO(data)) as picture:
            picture.verify()
            return picture.format in {"PNG", "JPEG", "GIF", "WEBP"}
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for broken data
        return False


def _free_slug(parent: Page, slug: str) -> str:
    slug, candidate, n = slug[:240], slug[:240], 1
    while not Page._slug_is_available(candidate, parent):
        n += 1
        candidate = f"{slug}-{n}"
    return candidate
