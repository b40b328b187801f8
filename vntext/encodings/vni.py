"""VNI-Windows (fonts ``VNI-Times``, ``VNI-Helve`` ...): ASCII base letter + mark byte.

Decoding maps every mark byte to the matching combining sequence and every single-byte
letter (ơ ư đ and the i/ỵ forms) to its letter, then composes with NFC: two C-speed
passes, no per-character Python loop.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from .._patterns import first_char_alternation
from ..letters import LETTER_INFO, TONE_MARKS
from . import cp1252x

_CIRC, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"

# tone index 1..5 (huyền, hỏi, ngã, sắc, nặng) -> mark (lower, upper)
_TONE_MARK: Final[dict[int, tuple[str, str]]] = {
    1: ("ø", "Ø"),
    2: ("û", "Û"),
    3: ("õ", "Õ"),
    4: ("ù", "Ù"),
    5: ("ï", "Ï"),
}
# circumflex + tone 0..5
_CIRC_MARK: Final[tuple[tuple[str, str], ...]] = (
    ("â", "Â"),
    ("à", "À"),
    ("å", "Å"),
    ("ã", "Ã"),
    ("á", "Á"),
    ("ä", "Ä"),
)
# breve + tone 0..5
_BREVE_MARK: Final[tuple[tuple[str, str], ...]] = (
    ("ê", "Ê"),
    ("è", "È"),
    ("ú", "Ú"),
    ("ü", "Ü"),
    ("é", "É"),
    ("ë", "Ë"),
)
# single-byte letters
_SINGLES: Final[dict[str, str]] = {
    "ô": "ơ",
    "Ô": "Ơ",
    "ö": "ư",
    "Ö": "Ư",
    "ñ": "đ",
    "Ñ": "Đ",
    "ì": "ì",
    "Ì": "Ì",
    "í": "í",
    "Í": "Í",
    "æ": "ỉ",
    "Æ": "Ỉ",
    "ó": "ĩ",
    "Ó": "Ĩ",
    "ò": "ị",
    "Ò": "Ị",
    "î": "ỵ",
    "Î": "Ỵ",
}

DECODE_TABLE: Final[dict[int, str]] = {ord(k): v for k, v in _SINGLES.items()}
for _t, (_lo, _up) in _TONE_MARK.items():
    DECODE_TABLE[ord(_lo)] = DECODE_TABLE[ord(_up)] = TONE_MARKS[_t]
for _t, (_lo, _up) in enumerate(_CIRC_MARK):
    DECODE_TABLE[ord(_lo)] = DECODE_TABLE[ord(_up)] = _CIRC + TONE_MARKS[_t]
for _t, (_lo, _up) in enumerate(_BREVE_MARK):
    DECODE_TABLE[ord(_lo)] = DECODE_TABLE[ord(_up)] = _BREVE + TONE_MARKS[_t]

TONE_MARK_CHARS: Final[str] = "".join(lo + up for lo, up in _TONE_MARK.values())
CIRC_MARK_CHARS: Final[str] = "".join(lo + up for lo, up in _CIRC_MARK)
BREVE_MARK_CHARS: Final[str] = "".join(lo + up for lo, up in _BREVE_MARK)
MARK_CHARS: Final[str] = TONE_MARK_CHARS + CIRC_MARK_CHARS + BREVE_MARK_CHARS
SINGLE_CHARS: Final[str] = "".join(_SINGLES)
_translate: Final = cp1252x.translator(DECODE_TABLE)


def _encode_letter(ch: str) -> str:
    base, shape, tone = LETTER_INFO[ch]
    upper = base.isupper()
    k = 1 if upper else 0
    if shape == "stroke":
        return "Ñ" if upper else "ñ"
    if shape == "horn":
        head = ("Ô" if upper else "ô") if base in "oO" else ("Ö" if upper else "ö")
        return head + (_TONE_MARK[tone][k] if tone else "")
    if shape == "circumflex":
        return base + _CIRC_MARK[tone][k]
    if shape == "breve":
        return base + _BREVE_MARK[tone][k]
    if base in "iI" and tone:
        return {1: "ìÌ", 2: "æÆ", 3: "óÓ", 4: "íÍ", 5: "òÒ"}[tone][k]
    if base in "yY" and tone == 5:
        return "Î" if upper else "î"
    return base + (_TONE_MARK[tone][k] if tone else "")


ENCODE_TABLE: Final[dict[int, str]] = {ord(c): _encode_letter(c) for c in LETTER_INFO}

# A mark byte that follows a letter it can combine with: evidence of VNI. "oà", "oá" and
# "oã" are left out: they are everyday Unicode Vietnamese (toàn, hoá, khoã).
MARKER_RE: Final[re.Pattern[str]] = re.compile(
    first_char_alternation(
        ("[aeAE]", "[âáàåãäÂÁÀÅÃÄ]"),
        ("[oO]", "[âåäÂÅÄ]"),
        ("[aA]", "[êéèúüëÊÉÈÚÜË]"),
        ("[aeiouyAEIOUYôöÔÖ]", "[ùøûõïÙØÛÕÏ]"),
        ("[ñÑ]", r"(?<!\w[ñÑ])(?=[a-zA-Zöô])"),  # \bñ followed by a letter
        ("[æÆîÎöÖ]", r"(?<=[a-zA-Z][æÆîÎöÖ])"),  # after an ASCII letter
    )
)


def decode(text: str) -> str:
    """Convert the Windows-1252 view of VNI-Windows bytes to NFC Unicode."""
    return unicodedata.normalize("NFC", _translate(text))


def encode(text: str) -> str:
    """Encode NFC Unicode text to the Windows-1252 view of VNI-Windows."""
    return unicodedata.normalize("NFC", text).translate(ENCODE_TABLE)
