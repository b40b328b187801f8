"""Vietnamese syllables: generation from onset/rhyme/tone rules, parsing, tone placement.

The set of valid syllables drives content detection (a candidate decoding that yields
more valid syllables wins) and the tone-placement normaliser (``hoà`` / ``hòa``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import Final, Literal

from .letters import TONE_MARKS, TONE_OF

ToneStyle = Literal["new", "old"]

ONSETS: Final[tuple[str, ...]] = (
    "",
    "b",
    "c",
    "ch",
    "d",
    "đ",
    "g",
    "gh",
    "gi",
    "h",
    "k",
    "kh",
    "l",
    "m",
    "n",
    "ng",
    "ngh",
    "nh",
    "p",
    "ph",
    "qu",
    "r",
    "s",
    "t",
    "th",
    "tr",
    "v",
    "x",
)

# Rhymes whose main vowel is not preceded by a medial (o/u) glide.
_PLAIN_RHYMES: Final[str] = """
a ai ao au ay ac ach am an ang anh ap at
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e eo ec em en eng ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
o oi oc om on ong op ot oong ooc
ô ôi ôc ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua ui uc um un ung up ut uôc uôi uôm uôn uông uôt
ư ưa ưi ưu ưc ưm ưn ưng ưt ươc ươi ươm ươn ương ươp ươt ươu
y yêm yên yêt yêu
"""

# Rhymes with a medial o/u glide (hoa, khoe, thuy, tuân ...).
_MEDIAL_RHYMES: Final[str] = """
oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oe oen oeo oet
uân uâng uât uây uê uênh uêch uơ uy uya uych uyên uyêt uynh uyt uyu
"""

# Rhymes written after "qu" (the u of qu is the medial).
_QU_RHYMES: Final[str] = """
a ai an ang anh ac ach ao ay ăc ăm ăn ăng ăt âc ân âng ât ây
e en eo et ê ên ênh êch ơ y yên yêt ynh yt yêu i
"""

PLAIN_RHYMES: Final[tuple[str, ...]] = tuple(_PLAIN_RHYMES.split())
MEDIAL_RHYMES: Final[tuple[str, ...]] = tuple(_MEDIAL_RHYMES.split())
QU_RHYMES: Final[tuple[str, ...]] = tuple(_QU_RHYMES.split())

STOP_FINALS: Final[tuple[str, ...]] = ("p", "t", "c", "ch")
_FRONT: Final[frozenset[str]] = frozenset("ieê")
_VOWELS: Final[str] = "aăâeêioôơuưy"
_SHAPED: Final[str] = "ăâêôơư"
_NO_MEDIAL_ONSETS: Final[frozenset[str]] = frozenset(
    {"b", "m", "v", "p", "ph", "g", "gh", "ngh", "k", "c", "gi", "r"}
)
_Y_ALONE_ONSETS: Final[frozenset[str]] = frozenset(
    {"", "h", "k", "l", "m", "s", "t", "v", "đ", "d", "n"}
)


def _spellings() -> Iterator[str]:
    """Yield every toneless syllable allowed by Vietnamese spelling rules."""
    for onset in ONSETS:
        if onset == "qu":
            for r in QU_RHYMES:
                yield "qu" + r
            continue
        rhymes = PLAIN_RHYMES if onset in _NO_MEDIAL_ONSETS else PLAIN_RHYMES + MEDIAL_RHYMES
        for r in rhymes:
            first = r[0]
            front = first in _FRONT or r.startswith("y")
            # c/k, g/gh, ng/ngh alternations
            if onset in ("c", "g", "ng") and front:
                continue
            if onset in ("k", "gh", "ngh") and not front:
                continue
            if r.startswith("y"):
                if r == "y":
                    if onset not in _Y_ALONE_ONSETS:
                        continue
                elif onset != "":
                    continue  # yê... only without onset (yên); tiên otherwise
            if onset == "" and r.startswith("iê"):
                continue  # written yê
            if onset == "gi" and r.startswith("i"):
                rest = r[1:]  # gi + in -> gin, gi + i -> gi, gi + iêng -> giêng
                if rest.startswith("a"):
                    continue  # gi + ia is spelled like gi + a
                yield "gi" + rest
                continue
            yield onset + r


def _final_of(toneless: str) -> str:
    for fin in ("ch", "ng", "nh", "c", "m", "n", "p", "t", "i", "o", "u", "y"):
        if toneless.endswith(fin):
            return fin
    return ""


def allowed_tones(toneless: str) -> range | tuple[int, ...]:
    """Tones allowed on a syllable: only sắc and nặng after a stop final (p, t, c, ch)."""
    if toneless.endswith(("p", "t", "c", "ch")):
        return (4, 5)
    return range(6)


def split_syllable(toneless: str) -> tuple[str, str, str] | None:
    """Split a lower-case toneless syllable into (onset, vowel cluster, final)."""
    s = toneless
    onset = ""
    for cand in ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr"):
        if s.startswith(cand):
            onset = cand
            break
    else:
        if s and s[0] not in _VOWELS:
            onset = s[0]
    rest = s[len(onset) :]
    if onset == "gi" and (not rest or rest[0] not in _VOWELS):
        # "gin", "gi": the i belongs to the rhyme
        onset, rest = "g", s[1:]
    i = 0
    while i < len(rest) and rest[i] in _VOWELS:
        i += 1
    cluster, final = rest[:i], rest[i:]
    if not cluster:
        return None
    return onset, cluster, final


def tone_position(toneless: str, style: ToneStyle = "new") -> int:
    """Index in ``toneless`` of the vowel that carries the tone mark."""
    parts = split_syllable(toneless)
    if parts is None:
        return -1
    onset, cluster, final = parts
    base = len(onset)
    if cluster.startswith(("ươ", "uơ")):
        return base + 1
    for j, ch in enumerate(cluster):
        if ch in _SHAPED:
            # ươ, uô, iê, yê: the shaped letter (the last shaped one)
            last = j
            for k in range(j + 1, len(cluster)):
                if cluster[k] in _SHAPED:
                    last = k
            return base + last
    if len(cluster) == 1:
        return base
    if final:
        return base + len(cluster) - 1
    if len(cluster) >= 3:
        return base + 1
    if cluster in ("oa", "oe", "uy") and style == "new":
        return base + 1
    return base


def place_tone(toneless: str, tone: int, style: ToneStyle = "new") -> str:
    """Put ``tone`` on the right vowel of a lower-case toneless syllable (NFC result)."""
    if tone == 0:
        return toneless
    pos = tone_position(toneless, style)
    if pos < 0:
        return toneless
    return unicodedata.normalize(
        "NFC", toneless[: pos + 1] + TONE_MARKS[tone] + toneless[pos + 1 :]
    )


@lru_cache(maxsize=1)
def toneless_syllables() -> tuple[str, ...]:
    """All distinct toneless spellings (sorted)."""
    return tuple(sorted(set(_spellings())))


def generate_syllables(style: ToneStyle = "new") -> list[str]:
    """The full set of valid lower-case Vietnamese syllables (onsets x rhymes x tones)."""
    out: list[str] = []
    for s in toneless_syllables():
        for tone in allowed_tones(s):
            out.append(place_tone(s, tone, style))
    return out


@lru_cache(maxsize=1)
def valid_syllables() -> frozenset[str]:
    """Lower-case NFC syllables in both tone-placement styles (for detection)."""
    return frozenset(generate_syllables("new")) | frozenset(generate_syllables("old"))


def is_syllable(word: str) -> bool:
    """True when ``word`` (any case, NFC) is a valid Vietnamese syllable."""
    return word.lower() in valid_syllables()


def strip_tone(word: str) -> tuple[str, int]:
    """Return ``(word without tone, tone index)``; keeps shapes and case."""
    tone = 0
    out = []
    for ch in word:
        t = TONE_OF.get(ch)
        if t:
            tone = t
            out.append(
                unicodedata.normalize(
                    "NFC", unicodedata.normalize("NFD", ch).replace(TONE_MARKS[t], "")
                )
            )
        else:
            out.append(ch)
    return "".join(out), tone
