"""Normalisation, folding for search, slugs and tone-placement normalisation."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

from .syllables import ToneStyle, place_tone, split_syllable, strip_tone

__all__ = ["fold", "normalize", "normalize_tone_placement", "search_key", "slugify"]

_SPACE_RE: Final[re.Pattern[str]] = re.compile(r"\s+")
_D_MAP: Final[dict[int, str]] = str.maketrans({"đ": "d", "Đ": "D"})
# Icelandic eth and African D look like Đ in Vietnamese text.
_ETH_MAP: Final[dict[int, str]] = str.maketrans({"Ð": "Đ", "ð": "đ", "Ɖ": "Đ", "ɖ": "đ"})


def normalize(text: str) -> str:
    """Return ``text`` in NFC with runs of white space folded to one space and trimmed."""
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _fold_reference(text: str) -> str:
    """The defining (slow) fold: đ->d, NFD, drop combining marks, NFC, lower-case."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).lower()


def _build_fold_tables() -> tuple[dict[int, str], re.Pattern[str]]:
    """A translate table equal to :func:`_fold_reference` per character, and a regex of the
    characters for which per-character folding is not exact (combining marks and the
    characters that can compose with a preceding base letter)."""
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "d"}
    unsafe: set[int] = set()
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp < 0xE000 or 0xAC00 <= cp <= 0xD7A3:
            continue
        ch = chr(cp)
        if unicodedata.combining(ch):
            unsafe.add(cp)
            continue
        decomp = unicodedata.decomposition(ch)
        if decomp and not decomp.startswith("<"):
            parts = [int(p, 16) for p in decomp.split()]
            if len(parts) == 2 and not unicodedata.combining(chr(parts[1])):
                unsafe.add(parts[1])  # second half of a two-starter composition
            folded = _fold_reference(ch)
            if folded != ch.lower():
                table[cp] = folded
    unsafe.update(range(0x1100, 0x1200))  # conjoining jamo
    ranges: list[str] = []
    for cp in sorted(unsafe):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)  # type: ignore[assignment]
        else:
            ranges.append((cp, cp))  # type: ignore[arg-type]
    cls = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges  # type: ignore[misc]
    )
    return table, re.compile(f"[{cls}\U00010000-\U0010ffff]")


@lru_cache(maxsize=1)
def _fold_tables() -> tuple[dict[int, str], re.Pattern[str]]:
    return _build_fold_tables()


def fold(text: str) -> str:
    """Lower-case ``text`` and strip every diacritic (đ -> d): the form used for search."""
    table, unsafe = _fold_tables()
    out = text.translate(table).lower()
    if out.isascii() or (not unsafe.search(out) and not unsafe.search(text)):
        return out
    return _fold_reference(text)


_SLUG_STRIP_RE: Final[re.Pattern[str]] = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """ASCII slug: ``"Trường THCS Đà Nẵng"`` -> ``"truong-thcs-da-nang"``."""
    return _SLUG_STRIP_RE.sub("-", fold(text.translate(_ETH_MAP))).strip("-")


# --- tone placement --------------------------------------------------------------------

_WORD_RE: Final[re.Pattern[str]] = re.compile(r"[^\W\d_]+")
# Only words ending in oa/oe/uy (plus a tone) can differ between the two styles.
_CANDIDATE_RE: Final[re.Pattern[str]] = re.compile(
    r"(?i)(?:[oòóỏõọ][aàáảãạeèéẻẽẹ]|[uùúủũụ][yỳýỷỹỵ])(?![^\W\d_])"
)


@lru_cache(maxsize=4096)
def _retone(word: str, style: ToneStyle) -> str:
    bare, tone = strip_tone(word)
    if not tone:
        return word
    low = bare.lower()
    if split_syllable(low) is None:
        return word
    placed = place_tone(low, tone, style)
    if len(placed) != len(word):
        return word
    # restore the original case letter by letter
    return "".join(p.upper() if o.isupper() else p for p, o in zip(placed, word, strict=True))


def _retone_match(style: ToneStyle):  # type: ignore[no-untyped-def]
    def sub(m: re.Match[str]) -> str:
        word = m.group()
        if not _CANDIDATE_RE.search(word) or word[:2].lower() == "qu":
            return word
        return _retone(word, style)

    return sub


_SUBS = {"new": _retone_match("new"), "old": _retone_match("old")}


def normalize_tone_placement(text: str, style: ToneStyle = "old") -> str:
    """Put tone marks in one style so ``hoà``/``hòa``, ``khoẻ``/``khỏe``, ``thuỷ``/``thủy`` match.

    ``style="old"`` (the default, the common one: hòa, khỏe, thủy) puts the tone on the
    first vowel of a final ``oa``/``oe``/``uy``; ``style="new"`` on the second (hoà).
    ``quý`` is the same in both styles. The text is NFC-normalised first.
    """
    if style not in _SUBS:
        raise ValueError("style must be 'new' or 'old'")
    text = unicodedata.normalize("NFC", text)
    if not _CANDIDATE_RE.search(text):
        return text
    return _WORD_RE.sub(_SUBS[style], text)


def search_key(text: str) -> str:
    """Folded search form: Ð -> Đ, then :func:`fold` (tone placement cannot matter once
    tones are stripped, so ``hoà``, ``hòa`` and ``hoa`` all give ``hoa``)."""
    return fold(text.translate(_ETH_MAP))


def exact_key(text: str) -> str:
    """Exact search form (keeps diacritics): NFC, Ð -> Đ, tone placement in the old style,
    lower case, white space folded."""
    return normalize(normalize_tone_placement(text.translate(_ETH_MAP), "old")).lower()
