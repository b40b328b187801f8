"""Building blocks of the Vietnamese alphabet: vowels, shapes and tones.

Every Vietnamese letter is described as ``(base, shape, tone)``:

* ``base`` is the ASCII letter (``a``, ``e``, ``i``, ``o``, ``u``, ``y``, ``d``),
* ``shape`` is one of ``""``, ``"breve"``, ``"circumflex"``, ``"horn"``, ``"stroke"``,
* ``tone`` is an index into :data:`TONES` (0 = none).

The tone order is the dictionary/CLDR order: ngang, huyền, hỏi, ngã, sắc, nặng.
"""

from __future__ import annotations

import unicodedata
from typing import Final

# Tone index -> combining mark. Index order is the sorting order (reference note §3.1).
TONE_MARKS: Final[tuple[str, ...]] = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
TONE_NAMES: Final[tuple[str, ...]] = ("ngang", "huyền", "hỏi", "ngã", "sắc", "nặng")
NONE, GRAVE, HOOK, TILDE, ACUTE, DOT = range(6)

SHAPE_MARKS: Final[dict[str, str]] = {
    "": "",
    "breve": "\u0306",
    "circumflex": "\u0302",
    "horn": "\u031b",
}

# The 12 vowel forms, in alphabetical order, as (base, shape).
VOWEL_FORMS: Final[tuple[tuple[str, str], ...]] = (
    ("a", ""),
    ("a", "breve"),
    ("a", "circumflex"),
    ("e", ""),
    ("e", "circumflex"),
    ("i", ""),
    ("o", ""),
    ("o", "circumflex"),
    ("o", "horn"),
    ("u", ""),
    ("u", "horn"),
    ("y", ""),
)


def compose(base: str, shape: str = "", tone: int = 0) -> str:
    """Return the precomposed (NFC) letter for ``base`` + ``shape`` + ``tone``."""
    return unicodedata.normalize("NFC", base + SHAPE_MARKS[shape] + TONE_MARKS[tone])


def shaped(base: str, shape: str) -> str:
    """Return the letter with its shape but without tone (``ă``, ``ơ`` ...)."""
    return compose(base, shape, 0)


# Lower-case vowel letters without tone: a ă â e ê i o ô ơ u ư y
SHAPED_VOWELS: Final[tuple[str, ...]] = tuple(shaped(b, s) for b, s in VOWEL_FORMS)


def all_letters() -> list[tuple[str, str, str, int]]:
    """Every Vietnamese letter that is not plain ASCII, lower and upper case.

    Returns ``(char, base, shape, tone)`` tuples where ``base`` keeps the case.
    134 letters: 12 vowel forms x 6 tones x 2 cases - 12 ASCII vowels + đ/Đ.
    """
    out: list[tuple[str, str, str, int]] = []
    for base, shape in VOWEL_FORMS:
        for tone in range(6):
            for b in (base, base.upper()):
                ch = compose(b, shape, tone)
                if not ch.isascii():
                    out.append((ch, b, shape, tone))
    out.append(("đ", "d", "stroke", 0))
    out.append(("Đ", "D", "stroke", 0))
    return out


LETTERS: Final[list[tuple[str, str, str, int]]] = all_letters()

# char -> (base with case, shape, tone)
LETTER_INFO: Final[dict[str, tuple[str, str, int]]] = {c: (b, s, t) for c, b, s, t in LETTERS}

# char -> tone index for every toned Vietnamese vowel (both cases)
TONE_OF: Final[dict[str, int]] = {c: t for c, _b, _s, t in LETTERS if t}

# toned char -> same char without tone (keeps shape and case)
STRIP_TONE: Final[dict[str, str]] = {
    c: compose(b, s, 0) for c, b, s, t in LETTERS if t and s != "stroke"
}

# Vietnamese letters present in Latin-1 (à á â ã è é ê ì í ò ó ô õ ù ú ý and capitals):
# correct Unicode Vietnamese is full of them, so they are never evidence of a legacy encoding.
LATIN1_VIETNAMESE: Final[frozenset[str]] = frozenset(c for c, *_ in LETTERS if ord(c) < 0x100)

# Characters that prove text is (some form of) Unicode Vietnamese: outside Latin-1.
UNICODE_ONLY_VIETNAMESE: Final[frozenset[str]] = frozenset(
    c for c, *_ in LETTERS if ord(c) >= 0x100
)

VOWEL_CHARS: Final[frozenset[str]] = frozenset(
    [c for c, _b, s, _t in LETTERS if s != "stroke"] + list("aeiouyAEIOUY")
)
