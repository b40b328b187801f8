"""VIQR (RFC 1456): ASCII letters followed by shape and tone marks, ``dd`` for đ.

Shapes: ``(`` breve, ``^`` circumflex, ``+`` horn. Tones: ````` huyền, ``?`` hỏi,
``~`` ngã, ``'`` sắc, ``.`` nặng. A backslash makes the next mark character literal
(``ddi\\.`` is "đi."). URLs and e-mail addresses are left alone when decoding.
"""

from __future__ import annotations

import re
from typing import Final

from .._patterns import first_char_alternation
from ..letters import LETTER_INFO

_SHAPE: Final[dict[str, str]] = {"breve": "(", "circumflex": "^", "horn": "+"}
_TONE: Final[tuple[str, ...]] = ("", "`", "?", "~", "'", ".")
MARKS: Final[str] = "(^+`?~'."

_ENCODE: Final[dict[str, str]] = {}
for _ch, (_b, _s, _t) in LETTER_INFO.items():
    _ENCODE[_ch] = (
        ("DD" if _b == "D" else "dd") if _s == "stroke" else _b + _SHAPE.get(_s, "") + _TONE[_t]
    )

_DECODE: Final[dict[str, str]] = {v: k for k, v in _ENCODE.items()}
_DECODE["Dd"] = "Đ"

_TOKEN_RE: Final[re.Pattern[str]] = re.compile(
    r"\\[\\(^+`?~'.dD]"
    r"|[dD][dD]"
    r"|(?:[aA][(^]|[eE]\^|[oO][+^]|[uU]\+)[`?~'.]?"
    r"|[aAeEiIoOuUyY][`?~'.]"
)
# Spans that must never be decoded: URLs, e-mail addresses, www. host names.
_PROTECT_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:[a-zA-Z][a-zA-Z0-9+.-]*://|mailto:|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
MARKER_RE: Final[re.Pattern[str]] = re.compile(
    first_char_alternation(
        ("[aA]", "[(^]"),
        ("[eE]", r"\^"),
        ("[oO]", "[+^]"),
        ("[uU]", r"\+"),
        ("[aAeEiIoOuUyY]", "[`?~'.](?=[a-zA-Z])"),
        ("[dD]", "[dD][aeiouyAEIOUY]"),
    )
)


def _sub(m: re.Match[str]) -> str:
    tok = m.group()
    if tok[0] == "\\":
        return tok[1]
    if tok == "dD":
        return tok
    return _DECODE.get(tok, tok)


def _decode_plain(text: str) -> str:
    return _TOKEN_RE.sub(_sub, text)


def decode(text: str) -> str:
    """Convert VIQR to NFC Unicode, skipping URLs and e-mail addresses."""
    if "@" not in text and ":" not in text and "www." not in text:
        return _decode_plain(text)
    out: list[str] = []
    pos = 0
    for m in _PROTECT_RE.finditer(text):
        out.append(_decode_plain(text[pos : m.start()]))
        out.append(m.group())
        pos = m.end()
    out.append(_decode_plain(text[pos:]))
    return "".join(out)


def _encode_plain(text: str) -> str:
    out: list[str] = []
    prev = ""  # last emitted chunk
    for ch in text:
        if ch in _ENCODE:
            chunk = _ENCODE[ch]
        elif ch == "\\":
            chunk = "\\\\"
        elif (
            ch in MARKS
            and prev
            and (prev[-1] in "aAeEiIoOuUyY" or prev[-1] in MARKS)
            and prev[-2:-1] != "\\"
        ) or (ch in "dD" and prev and prev[-1] in "dD" and prev[-2:-1] != "\\"):
            chunk = "\\" + ch
        else:
            chunk = ch
        out.append(chunk)
        prev = chunk
    return "".join(out)


def encode(text: str) -> str:
    """Encode NFC Unicode to VIQR with RFC 1456 escapes for literal mark characters.

    URLs and e-mail addresses are copied as they are (the decoder skips them too).
    """
    out: list[str] = []
    pos = 0
    for m in _PROTECT_RE.finditer(text):
        out.append(_encode_plain(text[pos : m.start()]))
        out.append(m.group())
        pos = m.end()
    out.append(_encode_plain(text[pos:]))
    return "".join(out)
