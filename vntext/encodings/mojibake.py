"""UTF-8 shown as Windows-1252 (``Thá»i khÃ³a`` -> ``Thời khóa``), repaired sequence by sequence."""

from __future__ import annotations

import re
from typing import Final

from .._patterns import first_char_alternation
from . import cp1252x

# Windows-1252 characters of the bytes 0x80-0xBF (UTF-8 continuation bytes).
_CONT: Final[str] = re.escape(cp1252x.decode(bytes(range(0x80, 0xC0))))
# A UTF-8 lead byte (0xC2-0xF4) followed by the right number of continuation bytes.
_SEQ_RE: Final[re.Pattern[str]] = re.compile(
    rf"[\xc2-\xdf][{_CONT}]|[\xe0-\xef][{_CONT}]{{2}}|[\xf0-\xf4][{_CONT}]{{3}}"
)
MARKER_RE: Final[re.Pattern[str]] = re.compile(
    first_char_alternation(
        ("[ÃÄÆ]", r"[\x80-\xbf\u0152-\u2122]"),
        ("á", "[º»]"),
        ("Ä", "‘"),
        ("Æ", "°"),
        ("Æ", "¡"),
    )
)


def _fix(m: re.Match[str]) -> str:
    seq = m.group()
    try:
        return cp1252x.encode(seq).decode("utf-8")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return seq


# Remnants of a sequence whose last byte was one of the five bytes Windows-1252 does not
# define (0x81 0x8D 0x8F 0x90 0x9D) and that a program dropped: guess it from the syllable.
_LOST_RE: Final[re.Pattern[str]] = re.compile(
    r"([^\W\d_]*)(á»|Ã|Ä)(?=[^\x80-\xbf\u0152-\u2122]|$)([^\W\d_]*)"
)
_LOST_CANDIDATES: Final[dict[str, tuple[str, ...]]] = {
    "á»": ("ờ", "ọ", "ỏ", "ề", "ố"),
    "Ã": ("Á", "Í", "Ý"),
    "Ä": ("Đ",),
}


def _fix_lost(m: re.Match[str]) -> str:
    from ..syllables import valid_syllables

    head, rem, tail = m.groups()
    cands = _LOST_CANDIDATES[rem]
    valid = valid_syllables()
    for cand in cands:
        if (head + cand + tail).lower() in valid:
            return head + cand + tail
    return head + cands[0] + tail if rem != "Ã" else m.group()


def decode(text: str) -> str:
    """Repair every well-formed UTF-8 sequence that shows as Windows-1252 characters."""
    if "á»" in text or "Ã" in text or "Ä" in text:
        text = _LOST_RE.sub(_fix_lost, text)
    return _SEQ_RE.sub(_fix, text)


def encode(text: str) -> str:
    """Unicode -> the mojibake a Windows-1252 reader shows for its UTF-8 bytes."""
    return cp1252x.decode(text.encode("utf-8"))
