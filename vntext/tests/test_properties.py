"""Property-based tests (hypothesis), bounded to keep the run short."""

import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import vntext
from vntext.syllables import generate_syllables
from vntext.text import _fold_reference

SYLLABLES = generate_syllables("new")
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

word = st.sampled_from(SYLLABLES).flatmap(
    lambda s: st.sampled_from([s, s[:1].upper() + s[1:], s.upper()])
)
separator = st.sampled_from([" ", " ", " ", ", ", ". ", "\n", " - ", ": ", " (", ") ", " 2024 "])
vi_text = st.lists(st.tuples(word, separator), min_size=1, max_size=25).map(
    lambda parts: "".join(w + s for w, s in parts).strip()
)
any_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
    max_size=60,
)
latin_text = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x24F), max_size=60)

FAST = settings(max_examples=60, deadline=None)


@FAST
@given(vi_text, st.sampled_from(["vni", "viqr", "cp1258", "nfd", "composite", "mojibake"]))
def test_round_trip_with_explicit_encoding(text, encoding):
    assert vntext.to_unicode(vntext.from_unicode(text, encoding), encoding=encoding) == text


@FAST
@given(vi_text)
def test_tcvn3_round_trip_lower_and_h_font(text):
    low = text.lower()
    assert vntext.to_unicode(vntext.from_unicode(low, "tcvn3"), encoding="tcvn3") == low
    up = text.upper()
    assert vntext.to_unicode(vntext.from_unicode(up, "tcvn3h"), font=".VnTimeH") == up


paragraph = st.lists(
    st.tuples(word, separator.filter(lambda s: "\n" not in s)), min_size=6, max_size=25
).map(lambda parts: "".join(w + s for w, s in parts).strip())


@FAST
@given(paragraph, st.sampled_from(["vni", "cp1258", "mojibake", "nfd"]))
def test_detected_round_trip(text, encoding):
    # Detection needs evidence: a paragraph of 30+ characters with three words with marks.
    # (A lone VNI "loàng" is also perfectly good Unicode, and good Unicode is never touched.)
    assume(len(text) >= 30 and sum(not w.isascii() for w in text.split()) >= 3)
    assert vntext.to_unicode(vntext.from_unicode(text, encoding)) == text


@FAST
@given(vi_text)
def test_unicode_vietnamese_unchanged(text):
    assert vntext.to_unicode(text) == text


@settings(max_examples=150, deadline=None)
@given(st.one_of(any_text, latin_text, vi_text))
def test_to_unicode_idempotent(text):
    once = vntext.to_unicode(text)
    assert vntext.to_unicode(once) == once


@FAST
@given(vi_text, st.sampled_from(["tcvn3", "vni", "viqr", "cp1258", "mojibake"]))
def test_to_unicode_idempotent_on_legacy(text, encoding):
    once = vntext.to_unicode(vntext.from_unicode(text, encoding))
    assert vntext.to_unicode(once) == once


@settings(max_examples=200, deadline=None)
@given(st.one_of(any_text, latin_text, vi_text))
def test_fold_properties(text):
    folded = vntext.fold(text)
    assert vntext.fold(folded) == folded
    assert folded == _fold_reference(text)


@settings(max_examples=200, deadline=None)
@given(st.one_of(any_text, latin_text, vi_text))
def test_slugify_shape(text):
    slug = vntext.slugify(text)
    assert slug == "" or SLUG_RE.match(slug)


@FAST
@given(vi_text)
def test_tone_placement_styles_agree(text):
    new = vntext.normalize_tone_placement(text, "new")
    old = vntext.normalize_tone_placement(text, "old")
    assert vntext.normalize_tone_placement(new, "old") == old
    assert vntext.normalize_tone_placement(old, "new") == new
    assert vntext.fold(new) == vntext.fold(old) == vntext.fold(text)


@FAST
@given(st.lists(vi_text, min_size=2, max_size=8), st.randoms(use_true_random=False))
def test_sort_key_total_order(items, rnd):
    ordered = sorted(items, key=vntext.sort_key)
    shuffled = items[:]
    rnd.shuffle(shuffled)
    assert sorted(shuffled, key=vntext.sort_key) == ordered
