"""Public conversion API: ``to_unicode``, ``detect_encoding``, ``from_unicode``."""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Final

from .detect import _STRONG, DetectionResult, convert_text, detect_text
from .encodings import DECODERS, ENCODERS, canonical, cp1252x, cp1258
from .errors import UnknownEncodingError
from .fonts import font_encoding
from .letters import UNICODE_ONLY_VIETNAMESE

__all__ = [
    "convert_pieces",
    "decode_bytes",
    "detect_encoding",
    "encode_bytes",
    "from_unicode",
    "to_unicode",
]

_UNICODE_VI_RE: Final[re.Pattern[str]] = re.compile(f"[{''.join(sorted(UNICODE_ONLY_VIETNAMESE))}]")
_LINE_RE: Final[re.Pattern[str]] = re.compile(r"[^\n]*\n?")


def _resolve(encoding: str | None, font: str | None) -> str | None:
    from_font = font_encoding(font) if font else None
    if encoding is None:
        return from_font
    enc = canonical(encoding)
    if enc is None:
        raise UnknownEncodingError(
            f"unknown encoding {encoding!r}",
            f"Bảng mã không được hỗ trợ: {encoding}. Dùng một trong: tcvn3, vni, viqr, cp1258, unicode.",
        )
    if enc == "tcvn3" and from_font == "tcvn3h":
        return "tcvn3h"
    return enc


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode bytes to ``str``: BOM, then strict UTF-8, then Windows-1252 (legacy view).

    Returns ``(text, how)`` where ``how`` is ``"utf-8"``, ``"utf-16"``, ``"cp1258"`` or
    ``"cp1252"``. Windows-1258 bytes are returned already converted when ``encoding``
    says so; otherwise they come back in their Windows-1252 view and content detection
    repairs them.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    enc = canonical(encoding) if encoding else None
    if enc == "cp1258":
        return cp1258.decode_bytes(data), "cp1258"
    if enc in (None, "unicode", "nfd", "mojibake"):
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    return cp1252x.decode(data), "cp1252"


_VNI_MARK_START_RE: Final[re.Pattern[str]] = re.compile(r"^[ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË]+")
_VIQR_MARK_START_RE: Final[re.Pattern[str]] = re.compile(r"^[(^+`?~'.]+")


def is_clearly_unicode(text: str, enc: str) -> bool:
    """True when ``text`` has Unicode-only Vietnamese letters and no strong marker of ``enc``:
    Unicode pasted into a paragraph whose font is a legacy font."""
    if not _UNICODE_VI_RE.search(text):
        return False
    strong = _STRONG.get("tcvn3" if enc == "tcvn3h" else enc)
    return not (strong and strong.search(text))


def convert_pieces(texts: list[str], enc: str) -> list[str]:
    """Convert consecutive text pieces that share a legacy encoding (Word runs, HTML text
    nodes), as one text: a VNI mark or a TCVN3 capital context split across pieces is
    handled. Returns one NFC string per piece; pieces that are clearly Unicode stay."""
    decode = DECODERS[enc]
    keep = [is_clearly_unicode(t, enc) for t in texts]
    if enc in ("tcvn3", "tcvn3h"):
        joined = decode("".join(texts))  # length preserving: slice back
        out: list[str] = []
        pos = 0
        for t, k in zip(texts, keep, strict=True):
            out.append(t if k else joined[pos : pos + len(t)])
            pos += len(t)
        return [unicodedata.normalize("NFC", t) for t in out]
    texts = list(texts)
    mark_re = _VNI_MARK_START_RE if enc == "vni" else _VIQR_MARK_START_RE if enc == "viqr" else None
    if mark_re is not None:
        # a mark at the start of a piece belongs to the letter that ends the previous piece
        for i in range(1, len(texts)):
            m = mark_re.match(texts[i])
            if m and texts[i - 1] and not keep[i - 1] and not keep[i]:
                texts[i - 1] += m.group()
                texts[i] = texts[i][m.end() :]
    return [
        unicodedata.normalize("NFC", t if k else decode(t))
        for t, k in zip(texts, keep, strict=True)
    ]


def _forced(text: str, enc: str) -> str:
    """Decode ``text`` as ``enc`` but leave lines that are clearly Unicode Vietnamese alone."""
    decode = DECODERS[enc]
    if enc in ("unicode", "nfd"):
        return unicodedata.normalize("NFC", text)
    if not _UNICODE_VI_RE.search(text):
        return unicodedata.normalize("NFC", decode(text))
    strong = _STRONG.get("tcvn3" if enc == "tcvn3h" else enc)
    out: list[str] = []
    for line in _LINE_RE.findall(text):
        if _UNICODE_VI_RE.search(line) and not (strong and strong.search(line)):
            out.append(line)
        else:
            out.append(decode(line))
    return unicodedata.normalize("NFC", "".join(out))


def to_unicode(data: str | bytes, encoding: str | None = None, font: str | None = None) -> str:
    """Convert legacy Vietnamese text (TCVN3, VNI, VIQR, Windows-1258, decomposed Unicode,
    UTF-8 mojibake) to NFC Unicode.

    ``encoding=None`` detects the encoding piece by piece; correct Unicode text in any
    language comes back unchanged (only NFC-normalised). ``font`` names the font the text
    was typed in: ``.VnTime`` means TCVN3, ``.VnTimeH`` TCVN3 upper case, ``VNI-Times`` VNI.
    Bytes are tried as UTF-8 first, then as legacy single-byte text.
    """
    enc = _resolve(encoding, font)
    if isinstance(data, (bytes, bytearray, memoryview)):
        text, how = decode_bytes(bytes(data), enc)
        if how == "cp1258":
            return text
    else:
        text = data
    if enc is not None:
        return _forced(text, enc)
    return convert_text(text)


def detect_encoding(data: str | bytes, font: str | None = None) -> DetectionResult:
    """Detect the encoding of ``data`` (see :class:`DetectionResult`).

    A legacy ``font`` decides the encoding outright (confidence 1.0).
    """
    source = "str"
    if isinstance(data, (bytes, bytearray, memoryview)):
        text, source = decode_bytes(bytes(data))
    else:
        text = data
    enc = font_encoding(font) if font else None
    if enc is not None:
        return DetectionResult(enc, 1.0, [(0, len(text), enc)] if text else [], (enc,), source)
    result, _ = detect_text(text, source)
    return result


def from_unicode(text: str, encoding: str, font: str | None = None) -> str:
    """Encode Unicode ``text`` into a legacy encoding, as the ``str`` its bytes show as.

    Encodings: ``tcvn3`` (``tcvn3h`` or a ``.Vn...H`` font for the upper-case fonts),
    ``vni``, ``viqr``, ``cp1258``, ``nfd``, ``composite`` (Unicode tổ hợp),
    ``mojibake`` (UTF-8 read as Windows-1252) and ``unicode``. Useful for tests.
    """
    enc = _resolve(encoding, font)
    if enc is None:  # pragma: no cover - _resolve only returns None without an encoding
        raise UnknownEncodingError(f"unknown encoding {encoding!r}")
    if canonical(encoding) == "nfd" and encoding.strip().lower() in (
        "composite",
        "to-hop",
        "unicode-to-hop",
    ):
        from .encodings.composite import encode_composite

        return encode_composite(text)
    return ENCODERS[enc](text)


def encode_bytes(text: str, encoding: str, font: str | None = None) -> bytes:
    """Like :func:`from_unicode` but returns the bytes (Windows-1258 as real cp1258 bytes)."""
    enc = _resolve(encoding, font)
    if enc == "cp1258":
        return cp1258.encode_bytes(text)
    if enc in ("unicode", "nfd"):
        return from_unicode(text, encoding, font).encode("utf-8")
    return cp1252x.encode(from_unicode(text, encoding, font))
