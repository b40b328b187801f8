""".docx to clean HTML, with legacy-font runs converted to Unicode first.

mammoth only sees a run's direct ``w:ascii`` font, so the fonts are resolved here:
for every run, its effective font comes from the run's ``w:rFonts`` (``w:hAnsi`` before
``w:ascii``, theme fonts through ``theme1.xml``), then its character style chain, then
the paragraph style chain (or the default paragraph style), then ``w:docDefaults``.
Consecutive runs with the same legacy encoding are converted together (so a VNI letter
split across runs survives), the text is written back with a neutral font, and the
rewritten package is handed to mammoth.
"""

from __future__ import annotations

import base64
import contextlib
import io
import os
import re
import unicodedata
import xml.etree.ElementTree as ET  # building and writing only; parsing uses defusedxml
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Final

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from .convert import convert_pieces
from .detect import detect_text
from .errors import (
    CorruptDocxError,
    DocxError,
    EmptyInputError,
    EncryptedDocxError,
    InputTooLargeError,
    LegacyDocError,
)
from .fonts import font_encoding
from .html import ConversionReport, _Collector

__all__ = ["DocxImage", "DocxResult", "convert_docx", "docx_to_html", "docx_to_html_with_images"]

W: Final[str] = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A: Final[str] = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
XML_SPACE: Final[str] = "{http://www.w3.org/XML/1998/namespace}space"

MAX_INPUT_BYTES: Final[int] = 100 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES: Final[int] = 512 * 1024 * 1024
NEUTRAL_FONT: Final[str] = "Times New Roman"
TEXT_PARTS: Final[tuple[str, ...]] = (
    "word/document.xml",
    "word/footnotes.xml",
    "word/endnotes.xml",
    "word/comments.xml",
)
STYLE_MAP: Final[str] = """
p[style-name='Title'] => h1:fresh
p[style-name='Subtitle'] => h2:fresh
u => u
"""
_CFB_MAGIC: Final[bytes] = bytes.fromhex("D0CF11E0A1B11AE1")
_EXTENSIONS: Final[dict[str, str]] = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/bmp": ".bmp",
    "image/tiff": ".tif",
    "image/svg+xml": ".svg",
    "image/x-emf": ".emf",
    "image/x-wmf": ".wmf",
    "image/webp": ".webp",
}


@dataclass(frozen=True, slots=True)
class DocxImage:
    filename: str
    content_type: str
    data: bytes

    def __iter__(self) -> Iterator[object]:  # unpack as (filename, content_type, data)
        return iter((self.filename, self.content_type, self.data))


@dataclass(frozen=True, slots=True)
class DocxResult:
    html: str
    images: list[DocxImage] = field(default_factory=list)
    report: ConversionReport = field(default_factory=ConversionReport)
    warnings: list[str] = field(default_factory=list)


# --- input -------------------------------------------------------------------------------


def _read_input(file: str | os.PathLike[str] | bytes | IO[bytes]) -> bytes:
    if isinstance(file, (bytes, bytearray, memoryview)):
        data = bytes(file)
    elif isinstance(file, (str, os.PathLike)):
        try:
            with open(file, "rb") as fh:
                data = fh.read(MAX_INPUT_BYTES + 1)
        except OSError as exc:
            raise DocxError(str(exc), f"Không mở được tệp: {os.fspath(file)}") from exc
    else:
        data = file.read(MAX_INPUT_BYTES + 1)
        if not isinstance(data, (bytes, bytearray)):
            raise DocxError(
                "file object must be opened in binary mode", "Tệp phải được mở ở chế độ nhị phân."
            )
        data = bytes(data)
    if not data:
        raise EmptyInputError("empty .docx input")
    if len(data) > MAX_INPUT_BYTES:
        raise InputTooLargeError("docx input too large", "Tệp Word quá lớn (tối đa 100 MB).")
    return data


def _check_container(data: bytes) -> zipfile.ZipFile:
    if data.startswith(_CFB_MAGIC):
        if (
            "EncryptionInfo".encode("utf-16-le") in data
            or "EncryptedPackage".encode("utf-16-le") in data
        ):
            raise EncryptedDocxError("encrypted (password-protected) OOXML file")
        raise LegacyDocError("legacy binary .doc (OLE compound file), not .docx")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise CorruptDocxError(f"not a zip file: {exc}") from exc
    names = set(zf.namelist())
    if "word/document.xml" not in names:
        raise CorruptDocxError("word/document.xml missing: not a Word document")
    total = 0
    for info in zf.infolist():
        if info.flag_bits & 0x1:
            raise EncryptedDocxError("zip entry is encrypted")
        total += info.file_size
        if total > MAX_UNCOMPRESSED_BYTES:
            raise InputTooLargeError("docx expands too much", "Tệp Word giải nén ra quá lớn.")
    return zf


def _parse(data: bytes, name: str) -> tuple[ET.Element, list[tuple[str, str]]]:
    if b"<!DOCTYPE" in data[:2048] or b"<!ENTITY" in data[:4096]:
        raise CorruptDocxError(f"{name}: DTDs are not allowed in OOXML")
    namespaces: list[tuple[str, str]] = []
    try:
        for event, item in SafeET.iterparse(io.BytesIO(data), events=("start-ns",)):
            if event == "start-ns":
                namespaces.append(item)  # type: ignore[arg-type]
        root = SafeET.fromstring(data)
    except (ET.ParseError, DefusedXmlException) as exc:
        raise CorruptDocxError(f"{name}: {exc}") from exc
    return root, namespaces


def _read_part(zf: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        return zf.read(name)
    except KeyError:
        return None
    except (zipfile.BadZipFile, RuntimeError, OSError, EOFError, zlib.error) as exc:
        raise CorruptDocxError(f"{name}: {exc}") from exc


# --- style resolution --------------------------------------------------------------------


@dataclass(slots=True)
class _Props:
    hansi: str | None = None
    ascii: str | None = None
    caps: bool | None = None


class _Styles:
    def __init__(self, styles: ET.Element | None, theme: ET.Element | None) -> None:
        self.theme_fonts: dict[str, str] = {}
        if theme is not None:
            for scheme, prefix in ((f"{A}majorFont", "major"), (f"{A}minorFont", "minor")):
                el = theme.find(f".//{scheme}/{A}latin")
                if el is not None and el.get("typeface"):
                    self.theme_fonts[prefix] = el.get("typeface", "")
        self.defaults = _Props()
        self.styles: dict[str, tuple[_Props, str | None, str]] = {}
        self.default_paragraph: str | None = None
        if styles is None:
            return
        rpr = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        if rpr is not None:
            self.defaults = self.props(rpr)
        for st in styles.iter(f"{W}style"):
            sid = st.get(f"{W}styleId")
            if not sid:
                continue
            based = st.find(f"{W}basedOn")
            kind = st.get(f"{W}type", "paragraph")
            props = self.props(st.find(f"{W}rPr"))
            self.styles[sid] = (props, based.get(f"{W}val") if based is not None else None, kind)
            if kind == "paragraph" and st.get(f"{W}default") in ("1", "true", "on"):
                self.default_paragraph = sid

    def _theme(self, value: str | None) -> str | None:
        if not value:
            return None
        return self.theme_fonts.get("major" if value.startswith("major") else "minor")

    def props(self, rpr: ET.Element | None) -> _Props:
        p = _Props()
        if rpr is None:
            return p
        fonts = rpr.find(f"{W}rFonts")
        if fonts is not None:
            p.hansi = self._theme(fonts.get(f"{W}hAnsiTheme")) or fonts.get(f"{W}hAnsi")
            p.ascii = self._theme(fonts.get(f"{W}asciiTheme")) or fonts.get(f"{W}ascii")
        caps = rpr.find(f"{W}caps")
        if caps is not None:
            p.caps = caps.get(f"{W}val", "1").lower() not in ("0", "false", "off")
        return p

    def chain(self, style_id: str | None) -> list[_Props]:
        out: list[_Props] = []
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            props, based, _ = self.styles[style_id]
            out.append(props)
            style_id = based
        return out


def _resolve(levels: list[_Props]) -> tuple[str | None, bool]:
    hansi = next((p.hansi for p in levels if p.hansi), None)
    ascii_font = next((p.ascii for p in levels if p.ascii), None)
    caps = next((p.caps for p in levels if p.caps is not None), False)
    font = hansi or ascii_font
    return font_encoding(font), bool(caps)


# --- run rewriting -----------------------------------------------------------------------


def _runs(p: ET.Element) -> Iterator[ET.Element]:
    """Runs of paragraph ``p`` in order, not descending into nested paragraphs (text boxes)."""
    for child in p:
        tag = child.tag
        if tag == f"{W}r":
            yield child
        elif tag in (f"{W}p", f"{W}tbl", f"{W}txbxContent"):
            continue
        else:
            yield from _runs(child)


def _set_neutral_font(run: ET.Element) -> None:
    rpr = run.find(f"{W}rPr")
    if rpr is None:
        rpr = ET.Element(f"{W}rPr")
        run.insert(0, rpr)
    fonts = rpr.find(f"{W}rFonts")
    if fonts is None:
        fonts = ET.Element(f"{W}rFonts")
        idx = 1 if rpr.find(f"{W}rStyle") is not None else 0
        rpr.insert(idx, fonts)
    for attr in ("asciiTheme", "hAnsiTheme"):
        fonts.attrib.pop(f"{W}{attr}", None)
    fonts.set(f"{W}ascii", NEUTRAL_FONT)
    fonts.set(f"{W}hAnsi", NEUTRAL_FONT)


def _flush(
    group: list[tuple[ET.Element, ET.Element]], enc: str | None, caps: bool, col: _Collector
) -> None:
    if not group:
        return
    texts = [t.text or "" for _, t in group]
    if enc is None:
        joined = "".join(texts)
        if not joined.strip():
            return
        result, _ = detect_text(joined)
        legacy = [e for e in result.encodings if e not in ("unicode", "nfd", "ascii")]
        if len(legacy) != 1:
            if any(not unicodedata.is_normalized("NFC", t) for t in texts):
                for _, t in group:
                    t.text = unicodedata.normalize("NFC", t.text or "")
            return
        enc = legacy[0]
        by_font = False
    else:
        by_font = True
    new = convert_pieces(texts, enc)
    if caps:
        new = [t.upper() for t in new]
    changed = False
    for (run, t_el), old, text in zip(group, texts, new, strict=True):
        if text != old:
            t_el.text = text
            t_el.set(XML_SPACE, "preserve")
            changed = True
            if by_font:
                _set_neutral_font(run)
    if changed:
        col.add(enc, by_font=by_font)


def _rewrite_part(root: ET.Element, styles: _Styles, col: _Collector) -> bool:
    before = col.pieces
    for p in root.iter(f"{W}p"):
        ppr = p.find(f"{W}pPr")
        pstyle_el = ppr.find(f"{W}pStyle") if ppr is not None else None
        pstyle = pstyle_el.get(f"{W}val") if pstyle_el is not None else styles.default_paragraph
        para_levels = styles.chain(pstyle)
        group: list[tuple[ET.Element, ET.Element]] = []
        group_key: tuple[str | None, bool] | None = None
        for run in _runs(p):
            rpr = run.find(f"{W}rPr")
            rstyle_el = rpr.find(f"{W}rStyle") if rpr is not None else None
            levels = [styles.props(rpr)]
            if rstyle_el is not None:
                levels += styles.chain(rstyle_el.get(f"{W}val"))
            levels += [*para_levels, styles.defaults]
            key = _resolve(levels)
            t_elements = [el for el in run if el.tag == f"{W}t"]
            if not t_elements:
                continue
            if key != group_key:
                _flush(group, *(group_key or (None, False)), col)
                group, group_key = [], key
            group.extend((run, t) for t in t_elements)
        _flush(group, *(group_key or (None, False)), col)
    return col.pieces != before


def _serialize(root: ET.Element, namespaces: list[tuple[str, str]]) -> bytes:
    for prefix, uri in namespaces:
        if prefix and not re.fullmatch(r"ns\d+", prefix):
            with contextlib.suppress(ValueError):
                ET.register_namespace(prefix, uri)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _preprocess(zf: zipfile.ZipFile, col: _Collector) -> bytes:
    styles_xml = _read_part(zf, "word/styles.xml")
    theme_xml = _read_part(zf, "word/theme/theme1.xml")
    styles = _Styles(
        _parse(styles_xml, "styles.xml")[0] if styles_xml else None,
        _parse(theme_xml, "theme1.xml")[0] if theme_xml else None,
    )
    replaced: dict[str, bytes] = {}
    for name in TEXT_PARTS:
        data = _read_part(zf, name)
        if data is None:
            continue
        root, namespaces = _parse(data, name)
        if _rewrite_part(root, styles, col):
            replaced[name] = _serialize(root, namespaces)
    if not replaced:
        return b""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in zf.infolist():
            data = replaced.get(info.filename)
            if data is None:
                data = _read_part(zf, info.filename) or b""
            new.writestr(info.filename, data)
    return out.getvalue()


# --- public API --------------------------------------------------------------------------


def convert_docx(
    file: str | os.PathLike[str] | bytes | IO[bytes], embed_images: bool = False
) -> DocxResult:
    """Convert a .docx to clean HTML, converting legacy-font text to Unicode.

    Images are returned in ``result.images`` as ``DocxImage(filename, content_type, data)``
    and referenced by file name in the HTML (``<img src="image1.png">``), unless
    ``embed_images`` is true (then they are inlined as data URIs).
    Raises a :class:`~vntext.errors.DocxError` subclass (with ``message_vi``) for corrupt,
    encrypted or legacy .doc files.
    """
    import mammoth

    data = _read_input(file)
    col = _Collector()
    with _check_container(data) as zf:
        rewritten = _preprocess(zf, col)
    source = rewritten or data
    images: list[DocxImage] = []

    def convert_image(image: mammoth.documents.Image) -> dict[str, str]:
        with image.open() as fh:
            blob = fh.read()
        ctype = image.content_type or "application/octet-stream"
        attrs: dict[str, str] = {}
        if embed_images:
            attrs["src"] = f"data:{ctype};base64,{base64.b64encode(blob).decode('ascii')}"
        else:
            filename = f"image{len(images) + 1}{_EXTENSIONS.get(ctype, '.bin')}"
            images.append(DocxImage(filename, ctype, blob))
            attrs["src"] = filename
        if image.alt_text:
            attrs["alt"] = image.alt_text
        return attrs

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(source),
            style_map=STYLE_MAP,
            convert_image=mammoth.images.img_element(convert_image),
        )
    except DocxError:
        raise
    except Exception as exc:  # mammoth raises many kinds on malformed packages
        raise CorruptDocxError(f"mammoth failed: {type(exc).__name__}: {exc}") from exc
    html = unicodedata.normalize("NFC", result.value)
    warnings = [m.message for m in result.messages if getattr(m, "type", "") == "warning"]
    return DocxResult(html, images, col.report(), warnings)


def docx_to_html(file: str | os.PathLike[str] | bytes | IO[bytes]) -> str:
    """.docx (path, bytes or binary file object) to clean HTML; images inlined as data URIs."""
    return convert_docx(file, embed_images=True).html


def docx_to_html_with_images(
    file: str | os.PathLike[str] | bytes | IO[bytes],
) -> tuple[str, list[tuple[str, str, bytes]]]:
    """.docx to HTML plus its images as ``(filename, content_type, bytes)``; the HTML refers
    to each image by its file name so the caller can store them and rewrite the ``src``."""
    res = convert_docx(file)
    return res.html, [(i.filename, i.content_type, i.data) for i in res.images]
