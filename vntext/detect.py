"""Content-based detection of legacy Vietnamese encodings, piece by piece.

The text is scanned for cheap markers of each legacy encoding. Only the lines that
contain a marker are examined; inside them, words that contain a character no legacy
byte can show as (``ư``, ``ạ``, a combining mark, ``→`` ...) are certainly Unicode and
split the line into pieces. Each remaining piece is decoded with every candidate
encoding whose marker it contains, and the decoding that yields the most valid
Vietnamese syllables wins, but only when it clearly beats leaving the piece alone.
Correct Unicode text in any language is left unchanged.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Final

from ._patterns import first_char_alternation
from .encodings import DECODERS, cp1252x, cp1258, mojibake, tcvn3, viqr, vni
from .letters import LATIN1_VIETNAMESE
from .syllables import valid_syllables

__all__ = ["DetectionResult", "Segment", "analyze", "convert_text", "detect_text"]

# --- markers -------------------------------------------------------------------------

_TCVN3_ONLY: Final[str] = "".join(sorted(tcvn3.CODES - LATIN1_VIETNAMESE))
# TCVN3 codes that are neither letters of Western languages nor common symbols.
_TCVN3_STRONG: Final[str] = "\xad¸µ¹¶·¬ª¨¡¢£¤¥¦§¼¾®«÷"
_TCVN3_MARKER_RE: Final[re.Pattern[str]] = re.compile(f"[{re.escape(_TCVN3_ONLY)}]")
_TCVN3_STRONG_RE: Final[re.Pattern[str]] = re.compile(f"[{re.escape(_TCVN3_STRONG)}]")
# (the alternations are written with first_char_alternation: same matches, C-speed skipping)
_VNI_STRONG_RE: Final[re.Pattern[str]] = re.compile(
    first_char_alternation(
        ("[aeoAEO]", f"[{vni.CIRC_MARK_CHARS}]"),
        ("[aA]", f"[{vni.BREVE_MARK_CHARS}]"),
        ("[ôöÔÖ]", f"[{vni.TONE_MARK_CHARS}]"),
        ("ö", "ô"),
        ("Ö", "Ô"),
        ("[ñÑ]", r"(?<!\w[ñÑ])[eoöôuEOÖÔU]"),  # \bñ
    )
)
# đ (ð), ươ (ýõ), a shaped vowel followed by a tone byte
_CP1258_STRONG_RE: Final[re.Pattern[str]] = re.compile(
    first_char_alternation(("ð", ""), ("ý", "õ"), ("[âêôõýãÂÊÔÕÝÃ]", "[ÌìÒÞò]"))
)
_VIQR_STRONG_RE: Final[re.Pattern[str]] = re.compile(
    first_char_alternation(
        ("[aA]", "[(^]"),
        ("[eE]", r"\^"),
        ("[oO]", "[+^]"),
        ("[uU]", r"\+"),
        ("[dD]", r"(?<!\w[dD])[dD][aeiouyAEIOUY]"),  # \bdd
    )
)

_MARKERS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    ("tcvn3", _TCVN3_MARKER_RE),
    ("vni", vni.MARKER_RE),
    ("cp1258", cp1258.MARKER_RE),
    ("mojibake", mojibake.MARKER_RE),
)
_STRONG: Final[dict[str, re.Pattern[str]]] = {
    "tcvn3": _TCVN3_STRONG_RE,
    "vni": _VNI_STRONG_RE,
    "cp1258": _CP1258_STRONG_RE,
    "mojibake": mojibake.MARKER_RE,
    "viqr": _VIQR_STRONG_RE,
}

_ANY_MARKER_RE: Final[re.Pattern[str]] = re.compile(
    "|".join(f"(?:{m.pattern})" for _, m in _MARKERS)
)
_ANY_OR_VIQR_MARKER_RE: Final[re.Pattern[str]] = re.compile(
    f"{_ANY_MARKER_RE.pattern}|{viqr.MARKER_RE.pattern}"
)

# A character that no legacy byte shows as (and that is not white space).
_LEGACY_CLASS: Final[str] = re.escape("".join(sorted(cp1252x.CHARSET)))
_CERTAIN_WORD_RE: Final[re.Pattern[str]] = re.compile(rf"\S*[^\s{_LEGACY_CLASS}]\S*")
_CERTAIN_CHAR_RE: Final[re.Pattern[str]] = re.compile(rf"[^\s{_LEGACY_CLASS}]")

_TOKEN_RE: Final[re.Pattern[str]] = re.compile(r"[^\W\d_]+")
_NON_ASCII_LETTER_RE: Final[re.Pattern[str]] = re.compile(r"[^\W\d_\x00-\x7f]")


# --- results -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of the input, the encoding it was found to be in and its Unicode form."""

    start: int
    end: int
    encoding: str
    text: str
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class DetectionResult:
    """What :func:`vntext.detect_encoding` found.

    ``encoding`` is the main encoding (the legacy encoding covering most characters, or
    ``"unicode"`` / ``"nfd"``; ``"ascii"`` for plain ASCII), ``confidence`` is 0..1 and
    ``segments`` lists ``(start, end, encoding)`` over the (decoded) input.
    ``encodings`` lists every encoding found, main first. ``source`` is how bytes were
    decoded (``"utf-8"``, ``"cp1252"``, ``"utf-16"``) or ``"str"``.
    """

    encoding: str
    confidence: float
    segments: list[tuple[int, int, str]] = field(default_factory=list)
    encodings: tuple[str, ...] = ()
    source: str = "str"

    @property
    def is_legacy(self) -> bool:
        return self.encoding not in ("unicode", "nfd", "ascii")


# --- scoring -------------------------------------------------------------------------


_PUNCT: Final[str] = "\"'“”‘’„()[]{}<>,.;:!?…–—-/\\*&%$#@|=•·"
_VIQR_MARKS: Final[frozenset[str]] = frozenset("(^+`?~'.")
_HAS_LETTER = re.compile(r"[^\W\d_]").search


# Letter runs that contain a non-ASCII letter (in lower-cased text). Possessive: a run of
# a-z must be followed by a non-ASCII letter, backtracking cannot help.
_NA_TOKEN_RE: Final[re.Pattern[str]] = re.compile(r"[a-z]*+[^\W\d_\x00-\x7f][^\W\d_]*+")
# TCVN3 codes that are symbols in Windows-1252 (½ × ¸ ...), alone as a white-space word: such a
# "word" decoded to a lone letter is more likely a real symbol than TCVN3.
_TCVN3_SYMBOLS: Final[str] = re.escape("".join(sorted(c for c in tcvn3.CODES if not c.isalpha())))
# (?<!\S) written after the symbol so that the search skips ahead to symbols at C speed
_ISOLATED_SYMBOL_RE: Final[re.Pattern[str]] = re.compile(rf"[{_TCVN3_SYMBOLS}](?<!\S.)(?!\S)")


def _score(text: str) -> tuple[int, int]:
    """(score, valid non-ASCII syllables) of a text.

    Every letter run with a non-ASCII letter counts +1 when it is a valid Vietnamese
    syllable and -1 otherwise (leftovers of a wrong decoding, foreign words). ASCII
    runs are the same in every candidate decoding, so they are not counted.
    """
    words = _NA_TOKEN_RE.findall(text.lower())
    good = sum(map(valid_syllables().__contains__, words))
    score = 2 * good - len(words)
    if "Ã" in text or "á»" in text or "áº" in text or "Æ" in text or "Ä" in text:
        # UTF-8 mojibake left in the text (its fragments can look like syllables: "nhÃ¢n")
        score -= 2 * len(mojibake.MARKER_RE.findall(text))
    return score, good


def _score_words(text: str) -> tuple[int, int]:
    """Score by white-space separated words (for VIQR, whose marks are ASCII punctuation):
    +1 per valid syllable, -1 per word with a non-ASCII letter or an inner VIQR mark."""
    valid = valid_syllables()
    punct = _PUNCT
    good = good_non_ascii = bad = 0
    for w in text.lower().split():
        w = w.strip(punct)
        if not w:
            continue
        if w in valid:
            good += 1
            if not w.isascii():
                good_non_ascii += 1
        elif w.isascii():
            if not w.isalnum() and not _VIQR_MARKS.isdisjoint(w):
                bad += 1
        elif _HAS_LETTER(w):
            bad += 1
    return good - bad, good_non_ascii


# --- TCVN3 without its case repair, for scoring long blocks ------------------------------
#
# tcvn3.decode() = fix_case(tcvn3.translate()), and fix_case only upper-cases letters. On
# the characters below that cannot change what _score sees: their lower case does not
# depend on their case (no final sigma, no ß -> SS), and UTF-8 mojibake markers (Ã Ä Æ
# before a non-ASCII character, á before º ») can neither appear nor vanish unless one
# of ã Ã ä Ä æ Æ á is followed by a non-ASCII character.
_TCVN3_OUTPUT: Final[str] = "".join(sorted(set(tcvn3.translate(cp1252x.CHARS))))
_CASE_SAFE: Final[str] = "".join(
    c
    for c in _TCVN3_OUTPUT
    if len(c.upper()) == 1 and c.upper().lower() == c.lower() and c.lower() not in "σς"
)
_CASE_UNSAFE_RE: Final[re.Pattern[str]] = re.compile(f"[^{re.escape(_CASE_SAFE)}]")
_MOJIBAKE_BY_CASE_RE: Final[re.Pattern[str]] = re.compile(r"[ãÃäÄæÆá][^\x00-\x7f]")
# a code that translate() changes is changed by decode() too, in either case: a translated
# text differs from its source exactly when the decoded one does
_TCVN3_CODES_CHANGE: Final[bool] = all(
    v.upper() != chr(k) for k, v in tcvn3.DECODE_TABLE.items() if v != chr(k)
)


def _tcvn3_for_scoring(piece: str) -> str:
    """A text that _score rates exactly as ``tcvn3.decode(piece)`` and that equals ``piece``
    exactly when the decoding does: the translation alone when that is safe (above)."""
    out = tcvn3.translate(piece)
    if (
        out == piece
        or not _TCVN3_CODES_CHANGE
        or _CASE_UNSAFE_RE.search(out)
        or _MOJIBAKE_BY_CASE_RE.search(out)
    ):
        return tcvn3.decode(piece)
    return out


@dataclass(slots=True)
class _Decision:
    start: int
    end: int
    encoding: str
    text: str
    gain: int
    tokens: int
    tie: str | None = None  # an encoding that did not clearly win: the neighbours decide
    tie_text: str = ""
    lines: int = 1  # consecutive whole lines accepted by _block_decisions (text has newlines)


_LONG_PIECE: Final[int] = 60
# Real TCVN3 text nearly always carries a strong marker (µ ¸ ® and the soft hyphen), so
# without one, VNI is the likelier reading of the same characters.
_PREFERENCE: Final[dict[str, int]] = {"vni": 2, "cp1258": 1, "mojibake": 1, "tcvn3": 0}


def _found(pattern: re.Pattern[str], piece: str, found: dict[re.Pattern[str], bool] | None) -> bool:
    """``pattern.search(piece)`` as a bool, remembered in ``found`` (for one piece) if given."""
    if found is None:
        return pattern.search(piece) is not None
    hit = found.get(pattern)
    if hit is None:
        hit = found[pattern] = pattern.search(piece) is not None
    return hit


def _decide(
    piece: str,
    start: int,
    allow_viqr: bool,
    scoring_only: bool = False,
    found: dict[re.Pattern[str], bool] | None = None,
) -> _Decision:
    """Decide the encoding of ``piece``. ``scoring_only``: the caller uses the encoding and
    the gain but not the decoded text (TCVN3 may then come back without its case repair).
    ``found`` collects which patterns occur in ``piece`` (see _found)."""
    end = start + len(piece)
    cands = [name for name, marker in _MARKERS if _found(marker, piece, found)]
    if len(piece) > _LONG_PIECE and len(cands) > 1:
        # long pieces: only encodings with a strong marker (keeps big documents fast)
        cands = [name for name in cands if _found(_STRONG[name], piece, found)] or cands
    if allow_viqr and _found(viqr.MARKER_RE, piece, found):
        cands.append("viqr")
    best = _Decision(start, end, "unicode", piece, 0, 0)
    if not cands:
        return best
    base: tuple[int, int] | None = None
    base_words: tuple[int, int] | None = None
    best_key: tuple[int, bool, int] = (0, False, 0)
    tie: tuple[str, str] | None = None
    tie_gain = -1
    for name in cands:
        if scoring_only and name == "tcvn3":
            out = _tcvn3_for_scoring(piece)
        else:
            out = DECODERS[name](piece)
        if out == piece:
            continue
        if name == "viqr":
            if base_words is None:
                base_words = _score_words(piece)
            score, good = _score_words(out)
            gain = score - base_words[0]
        else:
            if base is None:
                base = _score(piece)
            score, good = _score(out)
            if name == "tcvn3":
                score -= 2 * len(_ISOLATED_SYMBOL_RE.findall(piece))
            gain = score - base[0]
        strong = _found(_STRONG[name], piece, found)
        if name == "viqr":
            ok = (gain >= 2 and good >= 2 and strong) or (gain >= 3 and good >= 3)
        else:
            ok = (gain >= 2 and (good >= 2 or strong)) or (gain >= 1 and strong and good >= 1)
        # equal gains: a strong marker wins, then the likelier encoding (_PREFERENCE)
        key = (gain, strong, _PREFERENCE.get(name, 0))
        if ok and key > best_key:
            best = _Decision(start, end, name, out, gain, good)
            best_key = key
        elif (
            name != "viqr" and good > 0 and (gain > 0 or (gain == 0 and strong)) and gain > tie_gain
        ):
            # not enough on its own; decided by the neighbours (see _resolve_ties)
            tie, tie_gain = (name, out), gain
    if best.encoding == "unicode" and tie is not None:
        best.tie, best.tie_text = tie
    return best


# --- analysis ------------------------------------------------------------------------


def _plain(text: str, start: int, end: int) -> Segment:
    chunk = text[start:end]
    if chunk.isascii() or unicodedata.is_normalized("NFC", chunk):
        return Segment(start, end, "unicode", chunk)
    return Segment(start, end, "nfd", unicodedata.normalize("NFC", chunk))


def _line_decisions(text: str, ls: int, le: int) -> list[_Decision]:
    line = text[ls:le]
    allow_viqr = line.isascii() or not _NON_ASCII_LETTER_RE.search(line)
    if not _CERTAIN_CHAR_RE.search(line):
        return [_decide(line, ls, allow_viqr)]
    out: list[_Decision] = []
    pos = 0
    for m in _CERTAIN_WORD_RE.finditer(line):
        if m.start() > pos:
            out.append(_decide(line[pos : m.start()], ls + pos, False))
        out.append(_Decision(ls + m.start(), ls + m.end(), "unicode", m.group(), 0, 0))
        pos = m.end()
    if pos < len(line):
        out.append(_decide(line[pos:], ls + pos, False))
    return out


def _resolve_ties(decisions: list[_Decision]) -> None:
    """A tied piece between pieces decided as the same legacy encoding takes that encoding."""
    prev_enc: list[str | None] = []
    last: str | None = None
    for d in decisions:
        prev_enc.append(last)
        if d.gain > 0:
            last = d.encoding
    nxt: str | None = None
    for i in range(len(decisions) - 1, -1, -1):
        d = decisions[i]
        if d.tie is not None:
            before, after = prev_enc[i], nxt
            if d.tie in (before, after) and before in (d.tie, None) and after in (d.tie, None):
                d.encoding, d.text, d.gain = d.tie, d.tie_text, 0
        if d.gain > 0:
            nxt = d.encoding


def analyze(text: str, viqr_ok: bool = True) -> list[Segment]:
    """Split ``text`` into segments, each with its detected encoding and Unicode form."""
    if not text:
        return []
    if text.isascii():
        if viqr_ok and viqr.MARKER_RE.search(text):
            return _analyze_marked(text, viqr.MARKER_RE)
        return [Segment(0, len(text), "unicode", text)]
    if not _ANY_MARKER_RE.search(text) and not (viqr_ok and viqr.MARKER_RE.search(text)):
        return [_plain(text, 0, len(text))]
    return _analyze_marked(text, _ANY_OR_VIQR_MARKER_RE if viqr_ok else _ANY_MARKER_RE)


_BLOCK_MIN_LINES: Final[int] = 4
_BLOCK_MAX_LINES: Final[int] = 200
_BLOCK_MIN_CHARS: Final[int] = 1000


# Decoders that work line by line (a character map, then NFC): decoding a block gives the
# decoded lines joined by newlines, so the block's decoding is reused for its lines.
_LINE_LOCAL: Final[frozenset[str]] = frozenset({"vni"})


def _lines_matching(pattern: re.Pattern[str], block: str, ends: list[int]) -> set[int]:
    """Indices of the lines of ``block`` (line ``i`` ends at ``ends[i]``, a newline or the end
    of the block) in which ``pattern`` matches: one search per matching line, the lines
    in between are skipped at C speed. The patterns used never match a newline and see
    a newline as they see the start or end of a lone line."""
    found: set[int] = set()
    search = pattern.search
    pos = 0
    while (m := search(block, pos)) is not None:
        i = bisect.bisect_left(ends, m.start())
        found.add(i)
        pos = ends[i] + 1
    return found


def _block_decisions(text: str, lines: list[tuple[int, int]]) -> list[_Decision] | None:
    """Fast path for a run of marked lines: decide once for the block, then accept each
    line that carries a strong marker of the winning encoding and nothing suspicious;
    every other line is decided on its own. None when the block is not clear-cut."""
    bs, be = lines[0][0], lines[-1][1]
    block = text[bs:be]
    if len(lines) < _BLOCK_MIN_LINES or len(block) < _BLOCK_MIN_CHARS:
        return None
    found: dict[re.Pattern[str], bool] = {}
    d = _decide(block, bs, not _NON_ASCII_LETTER_RE.search(block), True, found)
    if d.encoding == "unicode" or d.gain < 4:
        return None
    enc = d.encoding
    ends = [le - bs for _, le in lines]

    def matching(pattern: re.Pattern[str]) -> set[int]:
        return set() if found.get(pattern) is False else _lines_matching(pattern, block, ends)

    strong = matching(_STRONG[enc])
    suspicious = matching(_CERTAIN_CHAR_RE)
    for o in ("tcvn3", "vni", "cp1258", "mojibake"):
        if o != enc:
            suspicious |= matching(_STRONG[o])
    accepted = [i in strong and i not in suspicious for i in range(len(lines))]
    decode = DECODERS[enc]
    decoded: list[str] | None = None
    if enc in _LINE_LOCAL and not all(accepted):
        decoded = d.text.split("\n")
        if len(decoded) != len(lines):  # pragma: no cover - decoders keep newlines
            decoded = None
    out: list[_Decision] = []
    i = 0
    while i < len(lines):
        if not accepted[i]:
            out.extend(_line_decisions(text, *lines[i]))
            i += 1
            continue
        # lines i..j-1 are accepted: one decision for them (the newlines stay in its text)
        j = i + 1
        while j < len(lines) and accepted[j]:
            j += 1
        if enc in _LINE_LOCAL and j - i == len(lines):
            run_text = d.text
        elif decoded is not None:
            run_text = "\n".join(decoded[i:j])
        else:
            run_text = "\n".join([decode(text[ls:le]) for ls, le in lines[i:j]])
        out.append(_Decision(lines[i][0], lines[j - 1][1], enc, run_text, 1, 1, lines=j - i))
        i = j
    return out


def _pieces(text: str, pattern: re.Pattern[str]) -> list[_Decision | tuple[int, int]]:
    """The text in order as plain ranges ``(start, end)`` (lines without a marker, the
    newlines between marked lines) and decisions for the marked lines."""
    n = len(text)
    search = pattern.search
    items: list[tuple[int, int, bool]] = []  # (start, end, marked line?)
    pos = 0
    while pos < n:
        m = search(text, pos)
        if m is None:
            break
        ls = max(text.rfind("\n", 0, m.start()) + 1, pos)
        le = text.find("\n", m.end())
        le = n if le < 0 else le
        if ls > pos:
            items.append((pos, ls, False))
        items.append((ls, le, True))
        pos = le
    if pos < n:
        items.append((pos, n, False))

    pieces: list[_Decision | tuple[int, int]] = []
    decisions: list[_Decision] = []
    i = 0
    while i < len(items):
        start, end, marked = items[i]
        if not marked:
            pieces.append((start, end))
            i += 1
            continue
        # a run of marked lines separated by single newlines
        run = [(start, end)]
        j = i
        while (
            len(run) < _BLOCK_MAX_LINES
            and j + 2 < len(items)
            and not items[j + 1][2]
            and items[j + 1][1] - items[j + 1][0] == 1
            and items[j + 2][2]
        ):
            run.append(items[j + 2][:2])
            j += 2
        block = _block_decisions(text, run) if len(run) >= _BLOCK_MIN_LINES else None
        if block is None:
            block = []
            for ls, le in run:
                block.extend(_line_decisions(text, ls, le))
        # the decisions cover the run's lines in order; a newline lies between two lines
        prev_end = -1
        for d in block:
            if prev_end >= 0 and d.start > prev_end:
                pieces.append((prev_end, d.start))
            pieces.append(d)
            prev_end = d.end
        decisions.extend(block)
        i = j + 1
    _resolve_ties(decisions)
    return pieces


def _line_pieces(
    text: str, pieces: list[_Decision | tuple[int, int]]
) -> Iterator[_Decision | tuple[int, int]]:
    """``pieces`` with every decision for several lines split into one decision per line and
    the newlines between them as plain ranges."""
    for piece in pieces:
        if isinstance(piece, tuple) or piece.lines == 1:
            yield piece
            continue
        ls = piece.start
        for k, line_text in enumerate(piece.text.split("\n")):
            le = text.find("\n", ls, piece.end) if k < piece.lines - 1 else piece.end
            if k:
                yield (ls - 1, ls)
            yield _Decision(ls, le, piece.encoding, line_text, piece.gain, piece.tokens)
            ls = le + 1


def _analyze_marked(text: str, pattern: re.Pattern[str]) -> list[Segment]:
    merged: list[tuple[int, int, str, list[str], float]] = []
    for piece in _line_pieces(text, _pieces(text, pattern)):
        if isinstance(piece, tuple):
            seg = _plain(text, *piece)
        elif piece.encoding == "unicode":
            seg = _plain(text, piece.start, piece.end)
        else:
            conf = 1.0 - math.exp(-max(piece.gain, 0.5) / 1.5)
            seg = Segment(
                piece.start,
                piece.end,
                piece.encoding,
                unicodedata.normalize("NFC", piece.text),
                round(conf, 3),
            )
        if merged and merged[-1][2] == seg.encoding and merged[-1][1] == seg.start:
            start, _, enc, texts, conf = merged[-1]
            texts.append(seg.text)
            merged[-1] = (start, seg.end, enc, texts, min(conf, seg.confidence))
        else:
            merged.append((seg.start, seg.end, seg.encoding, [seg.text], seg.confidence))
    segments = [
        Segment(start, end, enc, "".join(texts), 1.0 if enc in ("unicode", "nfd") else conf)
        for start, end, enc, texts, conf in merged
    ]
    return segments


def _convert_marked(text: str, pattern: re.Pattern[str]) -> str:
    """``"".join(s.text for s in _analyze_marked(text, pattern))`` without the segments."""
    nfc = unicodedata.normalize
    parts: list[str] = []
    for piece in _pieces(text, pattern):
        if isinstance(piece, tuple):
            parts.append(nfc("NFC", text[piece[0] : piece[1]]))
        elif piece.encoding == "unicode":
            parts.append(nfc("NFC", text[piece.start : piece.end]))
        else:
            parts.append(nfc("NFC", piece.text))
    return "".join(parts)


def convert_text(text: str) -> str:
    """The converted text of :func:`detect_text` (what ``to_unicode`` returns), faster."""
    if not text:
        return text
    if text.isascii():
        if viqr.MARKER_RE.search(text):
            return _convert_marked(text, viqr.MARKER_RE)
        return text
    if not _ANY_MARKER_RE.search(text) and not viqr.MARKER_RE.search(text):
        return unicodedata.normalize("NFC", text)
    return _convert_marked(text, _ANY_OR_VIQR_MARKER_RE)


def detect_text(text: str, source: str = "str") -> tuple[DetectionResult, str]:
    """Detect the encoding(s) of ``text``; return the result and the converted text."""
    segments = analyze(text)
    converted = "".join(s.text for s in segments)
    if not segments:
        return DetectionResult("ascii", 1.0, [], ("ascii",), source), converted
    weights: dict[str, int] = {}
    confs: dict[str, list[float]] = {}
    for s in segments:
        weights[s.encoding] = weights.get(s.encoding, 0) + (s.end - s.start)
        confs.setdefault(s.encoding, []).append(s.confidence)
    legacy = {k: v for k, v in weights.items() if k not in ("unicode", "nfd")}
    if legacy:
        main = max(legacy, key=lambda k: legacy[k])
        conf = sum(confs[main]) / len(confs[main])
    else:
        main = "nfd" if "nfd" in weights else "unicode"
        if main == "unicode" and text.isascii():
            main = "ascii"
        conf = 1.0
    ordered = (
        main,
        *sorted(k for k in weights if k != main and not (main == "ascii" and k == "unicode")),
    )
    result = DetectionResult(
        main,
        round(conf, 3),
        [(s.start, s.end, s.encoding) for s in segments],
        ordered,
        source,
    )
    return result, converted
