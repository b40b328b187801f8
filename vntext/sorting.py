"""Vietnamese sort keys: alphabet a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
letters compared over the whole string before tones (ngang, huyền, hỏi, ngã, sắc, nặng),
as ICU's ``vi`` collation does (reference note §3.1)."""

from __future__ import annotations

import unicodedata
from typing import Final

from .letters import LETTER_INFO, compose

__all__ = ["person_sort_key", "sort_key", "split_name"]

_ALPHABET: Final[tuple[str, ...]] = [
    "a",
    "ă",
    "â",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "ê",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "ô",
    "ơ",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "ư",
    "v",
    "w",
    "x",
    "y",
    "z",
]
# Letters map to U+0080 + rank: after digits, spaces and ASCII punctuation, before other scripts.
_RANK_BASE: Final[int] = 0x80


def _build() -> tuple[dict[int, str], dict[int, str]]:
    primary: dict[int, str] = {}
    secondary: dict[int, str] = {}
    rank = {letter: i for i, letter in enumerate(_ALPHABET)}
    for letter, i in rank.items():
        for ch in (letter, letter.upper()):
            primary[ord(ch)] = chr(_RANK_BASE + i)
            secondary[ord(ch)] = "0"
    for ch, (base, shape, tone) in LETTER_INFO.items():
        bare = compose(base.lower(), shape, 0) if shape != "stroke" else "đ"
        primary[ord(ch)] = chr(_RANK_BASE + rank[bare])
        secondary[ord(ch)] = str(tone)
    # keep the literal characters of the rank range out of the way
    for cp in range(_RANK_BASE, _RANK_BASE + len(_ALPHABET)):
        primary.setdefault(cp, " " if cp == 0xA0 else chr(0x2400 + cp - _RANK_BASE))
    return primary, secondary


_PRIMARY, _SECONDARY = _build()


def sort_key(text: str) -> tuple[str, str, str, str]:
    """Key for sorting Vietnamese strings: ``sorted(names, key=sort_key)``.

    Compares letters (Vietnamese alphabet, case-insensitive) first, then tones, then case
    (lower case first), then the string itself for a stable total order.
    So ``Anh < Ánh < Ăn < Ân < Ấn`` and ``Hùng < Huy``.
    """
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    low = text.lower()
    return (low.translate(_PRIMARY), low.translate(_SECONDARY), text.swapcase(), text)


def split_name(full_name: str) -> tuple[str, str, str]:
    """Split a Vietnamese full name into (họ, tên đệm, tên): first word, middle words, last word."""
    words = unicodedata.normalize("NFC", full_name).split()
    if not words:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def person_sort_key(full_name: str) -> tuple[tuple[str, str, str, str], ...]:
    """Key for class lists: given name (tên), then middle name(s), then family name (họ).

    ``"Trần Thị An"`` sorts before ``"Nguyễn Văn Bình"``. Multi-word family names
    (Âu Dương, Tôn Thất) need the parts stored separately; this uses first word = họ.
    """
    family, middle, given = split_name(full_name)
    return (sort_key(given), sort_key(middle), sort_key(family), sort_key(full_name))
