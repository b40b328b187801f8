"""Decomposed Unicode: NFD and UniKey's "Unicode tổ hợp" (shaped letter + combining tone)."""

from __future__ import annotations

import unicodedata
from typing import Final

from ..letters import LETTER_INFO, TONE_MARKS, compose

_COMPOSITE_TABLE: Final[dict[int, str]] = {
    ord(c): compose(b, s, 0) + TONE_MARKS[t] for c, (b, s, t) in LETTER_INFO.items() if t
}


def encode_nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def encode_composite(text: str) -> str:
    """Precomposed shape, combining tone: ``ê`` + U+0301 for ``ế``."""
    return unicodedata.normalize("NFC", text).translate(_COMPOSITE_TABLE)


def decode(text: str) -> str:
    return unicodedata.normalize("NFC", text)
