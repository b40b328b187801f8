"""Windows-1258: precomposed shaped letters (ă â ê ô ơ ư đ) followed by a combining tone byte."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from .._patterns import first_char_alternation
from ..letters import LETTER_INFO, TONE_MARKS, compose
from . import cp1252x

# Tone bytes as they show when the bytes are read as Windows-1252: grave Ì, acute ì, hook Ò,
# tilde Þ, dot ò; and đ/Đ as ð/Ð, ư as ý, ơ as õ.
MARKER_RE: Final[re.Pattern[str]] = re.compile(
    first_char_alternation(
        ("[aeiouyâêôõýAEIOUYÂÊÔÕÝã]", "[ÌìÒÞò]"),
        ("[ðÐ]", "[aeiouyâêôõýã]"),
    )
)


def _encode_letter(ch: str) -> str:
    base, shape, tone = LETTER_INFO[ch]
    if shape == "stroke":
        return ch
    return compose(base, shape, 0) + TONE_MARKS[tone]


_ENCODE_TABLE: Final[dict[int, str]] = {ord(c): _encode_letter(c) for c in LETTER_INFO}


def encode_bytes(text: str) -> bytes:
    """Unicode -> Windows-1258 bytes (every tone as a separate combining byte)."""
    return unicodedata.normalize("NFC", text).translate(_ENCODE_TABLE).encode("cp1258")


def decode_bytes(data: bytes) -> str:
    """Windows-1258 bytes -> NFC Unicode."""
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))


def encode(text: str) -> str:
    """Unicode -> Windows-1258 bytes as they show when read as Windows-1252."""
    return cp1252x.decode(encode_bytes(text))


def decode(text: str) -> str:
    """Repair Windows-1258 text that was read as Windows-1252 (``ðýõòc`` -> ``được``)."""
    try:
        raw = cp1252x.encode(text)
    except UnicodeEncodeError:
        return text
    return decode_bytes(raw)
