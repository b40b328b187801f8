"""TCVN3 (ABC, TCVN 5712:1993 VN3): one byte per letter, fonts ``.VnTime``, ``.VnArial`` ...

Only seven capitals have codes (Ă Â Ê Ô Ơ Ư Đ); toned capitals were typed with the
upper-case twin fonts (``.VnTimeH`` ...) whose glyphs for the lower-case codes are capitals.
Text is handled as the Windows-1252 view of the bytes (see :mod:`.cp1252x`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from ..letters import LETTER_INFO, TONE_OF, compose
from . import cp1252x

# (base, shape) -> codes for tones none, huyền, hỏi, ngã, sắc, nặng (None = ASCII base)
_LOWER: Final[dict[tuple[str, str], tuple[int | None, ...]]] = {
    ("a", ""): (None, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    ("a", "breve"): (0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    ("a", "circumflex"): (0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    ("e", ""): (None, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    ("e", "circumflex"): (0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    ("i", ""): (None, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    ("o", ""): (None, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    ("o", "circumflex"): (0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    ("o", "horn"): (0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    ("u", ""): (None, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    ("u", "horn"): (0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    ("y", ""): (None, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_CAPITALS: Final[dict[str, int]] = {
    "Ă": 0xA1,
    "Â": 0xA2,
    "Ê": 0xA3,
    "Ô": 0xA4,
    "Ơ": 0xA5,
    "Ư": 0xA6,
    "Đ": 0xA7,
}

# code point (Windows-1252 view, here all in Latin-1) -> Unicode letter
DECODE: Final[dict[int, str]] = {0xAE: "đ"}
for (_base, _shape), _codes in _LOWER.items():
    for _tone, _code in enumerate(_codes):
        if _code is not None:
            DECODE[_code] = compose(_base, _shape, _tone)
for _ch, _code in _CAPITALS.items():
    DECODE[_code] = _ch

DECODE_TABLE: Final[dict[int, str]] = dict(DECODE)
DECODE_UPPER_TABLE: Final[dict[int, str]] = {k: v.upper() for k, v in DECODE.items()}
# text.translate(DECODE_TABLE), at C speed on Windows-1252 text
translate: Final = cp1252x.translator(DECODE_TABLE)
_translate_upper: Final = cp1252x.translator(DECODE_UPPER_TABLE)

# Unicode letter -> legacy character. Toned capitals have no code: they get the lower-case code.
ENCODE_TABLE: Final[dict[int, str]] = {ord(_ch): chr(_code) for _code, _ch in DECODE.items()}
for _ch in LETTER_INFO:
    if ord(_ch) not in ENCODE_TABLE:
        ENCODE_TABLE[ord(_ch)] = ENCODE_TABLE.get(ord(_ch.lower()), _ch.lower())

CODES: Final[frozenset[str]] = frozenset(chr(c) for c in DECODE)

# Lower-case toned vowels: the letters whose case TCVN3 cannot tell.
_AMBIGUOUS: Final[str] = "".join(sorted(c for c in TONE_OF if c.islower()))
_AMBIGUOUS_SET: Final[frozenset[str]] = frozenset(_AMBIGUOUS)


_DELETE_AMBIGUOUS: Final[dict[int, None]] = dict.fromkeys(map(ord, _AMBIGUOUS))
_UPPER: Final[str] = "A-ZĂÂÊÔƠƯĐ"
# lower-case letters that never carry a tone: a word with one is not all capitals
_NEVER_TONED_LOWER: Final[str] = "a-zăâêôơưđ"


def _letter_except(chars: str) -> str:
    return rf"[^\W\d_{chars}]"


# Words (whole letter runs) with a capital, a toned (lower-case) letter and no never-toned
# lower-case letter: the only words _fix_word may change. The pattern starts with a
# character class (re skips ahead at C speed), checks that it is the word's first letter,
# and then reads the word once: the classes are disjoint and the quantifiers possessive.
_U, _A, _L = f"[{_UPPER}]", f"[{_AMBIGUOUS}]", _NEVER_TONED_LOWER
_NEITHER: Final[str] = _letter_except(_UPPER + _AMBIGUOUS + _L)  # no capital, no toned letter
_NO_TONED: Final[str] = _letter_except(_AMBIGUOUS + _L)
_NO_CAPITAL: Final[str] = _letter_except(_UPPER + _L)
_MIXED_WORD_RE: Final[re.Pattern[str]] = re.compile(
    rf"{_letter_except(_L)}(?<![^\W\d_].)"  # the first letter of a word
    rf"(?:(?<={_NEITHER}){_NEITHER}*+(?:{_U}{_NO_TONED}*+{_A}|{_A}{_NO_CAPITAL}*+{_U})"
    rf"|(?<={_U}){_NO_TONED}*+{_A}"
    rf"|(?<={_A}){_NO_CAPITAL}*+{_U})"
    rf"{_letter_except(_L)}*+(?![^\W\d_])"  # the rest of the word
)


_PLAIN_LOWER_RE: Final[re.Pattern[str]] = re.compile(rf"[^\W\d_{_AMBIGUOUS}A-ZĂÂÊÔƠƯĐ]")


_NEXT_WORD_RE: Final[re.Pattern[str]] = re.compile(r"[ \t]+([^\W\d_]+)")
_PREV_WORD_RE: Final[re.Pattern[str]] = re.compile(r"([^\W\d_]+)[ \t]+$")


@lru_cache(maxsize=4096)
def _verdict(word: str) -> bool | None:
    """Upper-case ``word`` (True), keep it (False), or let its neighbours decide (None)."""
    rest = word.translate(_DELETE_AMBIGUOUS)
    if not rest.isupper():
        return False
    # "KẾ", "ĐƯỜNG": every other letter is a capital. "Mỹ" stays: it may be Title case.
    if len(rest) >= 2:
        return True
    first_amb = next(i for i, c in enumerate(word) if c in _AMBIGUOUS_SET)
    if any(c.isupper() for c in word[first_amb:]):
        return True
    return None


def _is_capitals(near: re.Match[str] | None) -> bool:
    if near is None:
        return False
    other = near.group(1).translate(_DELETE_AMBIGUOUS)
    return len(other) >= 2 and other.isupper()


def _fix_word(m: re.Match[str]) -> str:
    word = m.group()
    verdict = _verdict(word)
    if verdict is None:
        # "KẾ HOẠCH": a neighbouring word of two or more capitals decides
        verdict = _is_capitals(_NEXT_WORD_RE.match(m.string, m.end())) or _is_capitals(
            _PREV_WORD_RE.search(m.string, max(0, m.start() - 40), m.start())
        )
    return word.upper() if verdict else word


def fix_case(text: str) -> str:
    """Upper-case toned letters that sit among capitals (plain-text TCVN3, font lost).

    A word is upper-cased when its other letters are all capitals and there are at least
    two of them (or a capital follows the toned letter); a whole span is upper-cased when
    it has at least three capitals and no other lower-case letter.
    """
    if _PLAIN_LOWER_RE.search(text):
        return _MIXED_WORD_RE.sub(_fix_word, text)
    rest = text.translate(_DELETE_AMBIGUOUS)
    if rest.isupper():
        if sum(c.isupper() for c in rest) >= 3:
            up = text.upper()
            return up if len(up) == len(text) else text
    elif rest == rest.lower():
        return text
    return _MIXED_WORD_RE.sub(_fix_word, text)


def decode(text: str, upper: bool = False) -> str:
    """Convert the Windows-1252 view of TCVN3 bytes to Unicode (length preserving).

    ``upper`` is for the ``.Vn...H`` fonts: every letter displays as a capital.
    """
    if upper:
        return _translate_upper(text).upper()
    return fix_case(translate(text))


def encode(text: str, upper: bool = False) -> str:
    """Encode Unicode text to the Windows-1252 view of TCVN3 (for tests and round trips).

    ``upper=True`` writes for a ``.Vn...H`` font: every letter as its lower-case code.
    """
    if upper:
        text = text.lower()
    return text.translate(ENCODE_TABLE)
