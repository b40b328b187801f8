"""Search text: index forms, query parsing, the tiered ranking key, highlighting."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vntext
from vntext.syllables import generate_syllables

FAST = settings(max_examples=80, deadline=None)
SYLLABLES = generate_syllables("new")
vi_text = st.lists(
    st.tuples(
        st.sampled_from(SYLLABLES).flatmap(lambda s: st.sampled_from([s, s.upper(), s.title()])),
        st.sampled_from([" ", "  ", "-", "/", ", ", ". ", "\n", " 2025 ", "Đ"]),
    ),
    min_size=1,
    max_size=20,
).map(lambda parts: "".join(w + s for w, s in parts))


def rank(query: str, *titles: str) -> list[str]:
    q = vntext.parse_query(query)
    return sorted(titles, key=lambda t: vntext.match_key(q, *vntext.index_forms(t)), reverse=True)


def test_index_forms():
    exact, folded = vntext.index_forms("  37/2020/TT-BGDĐT:  Trường THCS ÐÀ NẴNG – hoà  ")
    assert exact == "37 2020 tt bgdđt trường thcs đà nẵng hòa"
    assert folded == "37 2020 tt bgddt truong thcs da nang hoa"


@FAST
@given(vi_text)
def test_forms_align_word_for_word(text):
    exact, folded = vntext.index_forms(text)
    assert len(exact.split()) == len(folded.split())
    assert vntext.index_forms(unicodedata.normalize("NFD", text)) == (exact, folded)
    assert folded == vntext.search_key(exact)


@FAST
@given(st.text(max_size=80))
def test_any_text_gives_aligned_forms_and_a_safe_query(text):
    exact, folded = vntext.index_forms(text)
    assert len(exact.split()) == len(folded.split())
    query = vntext.parse_query(text)
    assert all(word.isalnum() for word in query.folded)
    assert len(query.exact) == len(query.folded) <= vntext.MAX_QUERY_WORDS


@pytest.mark.parametrize(
    "text",
    ["", "   ", '"', "*", "OR", "NEAR(", "!!!", "'; DROP TABLE x; --", "-", "(((", "a" * 500],
)
def test_odd_queries_parse_to_plain_words(text):
    query = vntext.parse_query(text)
    for word in query.folded:
        assert word.isalnum()
    assert len(" ".join(query.exact)) <= vntext.MAX_QUERY_CHARS


def test_query_forms_and_prefix():
    query = vntext.parse_query("Tuyển  SI")
    assert query.exact == ("tuyển", "si")
    assert query.folded == ("tuyen", "si")
    assert query.prefix
    assert query.text == "tuyen si"
    assert not vntext.parse_query("a").prefix  # one letter alone: a whole word
    assert vntext.parse_query("tuyen s").prefix
    assert not vntext.parse_query("?!")


@pytest.mark.parametrize(
    ("query", "titles", "first"),
    [
        ("bàn", ("Ban giám hiệu", "Bàn ghế mới"), "Bàn ghế mới"),
        ("ban", ("Bàn ghế mới", "Ban giám hiệu"), "Ban giám hiệu"),
        ("ma", ("Má tôi", "Mà thôi", "Ma trận"), "Ma trận"),
        ("thoi khoa bieu", ("Khoa học tự nhiên", "Thời khóa biểu học kỳ I"), "Thời khóa biểu học kỳ I"),
        ("kế hoạch tuyển sinh", ("Tuyển sinh và kế hoạch", "Kế hoạch tuyển sinh lớp 6"), "Kế hoạch tuyển sinh lớp 6"),
        ("tuyen si", ("Tuyên dương", "Tuyển sinh lớp 10"), "Tuyển sinh lớp 10"),
        ("hoà nhập", ("Hòa nhập cộng đồng", "Hoa hậu"), "Hòa nhập cộng đồng"),
        ("37/2020", ("20/2037/TT", "37/2020/TT-BGDĐT"), "37/2020/TT-BGDĐT"),
        ("Đoàn", ("Doan thi", "Đoàn TNCS Hồ Chí Minh"), "Đoàn TNCS Hồ Chí Minh"),
    ],
)  # fmt: skip
def test_tiered_ranking(query, titles, first):
    assert rank(query, *titles)[0] == first


def test_coverage_comes_before_exact_diacritics():
    # "khoa" alone matches exactly in the first title; the second has every word, folded.
    assert rank("thoi khoa bieu", "Khoa học", "Thời khóa biểu")[0] == "Thời khóa biểu"


def test_title_phrase_ranks_above_body_phrase():
    q = vntext.parse_query("tuyển sinh")
    in_title = vntext.match_key(q, *vntext.index_forms("Tuyển sinh"), *vntext.index_forms("x"))
    in_body = vntext.match_key(q, *vntext.index_forms("Tin"), *vntext.index_forms("tuyển sinh"))
    assert in_title > in_body


def test_typo_matches_only_when_asked():
    q = vntext.parse_query("tuyern sinh")
    forms = vntext.index_forms("Tuyển sinh lớp 6")
    assert vntext.match_key(q, *forms)[:2] == (1, 0)
    assert vntext.match_key(q, *forms, fuzzy=True)[:2] == (1, 1)
    assert vntext.match_key(vntext.parse_query("tuyne"), *forms, fuzzy=True)[1] == 1  # swap


def test_highlight_with_and_without_marks():
    text = "Thông báo TUYỂN SINH lớp 6; tuyên dương"
    spans = vntext.highlight_spans(text, vntext.parse_query("tuyen sinh"))
    assert [text[a:b] for a, b in spans] == ["TUYỂN", "SINH", "tuyên"]  # folded: "tuyên" too
    spans = vntext.highlight_spans(text, vntext.parse_query("tuyển si"))
    assert [text[a:b] for a, b in spans] == ["TUYỂN", "SINH", "tuyên"]
    spans = vntext.highlight_spans("Đà Nẵng", vntext.parse_query("da"))
    assert spans == [(0, 2)]
    assert vntext.highlight_spans("abc", vntext.parse_query("")) == []


def test_snippet_centres_on_the_match():
    text = "Mở đầu. " * 60 + "Kế hoạch tuyển sinh vào lớp 6 năm học mới." + " Kết thúc." * 60
    fragment, spans = vntext.snippet(text, vntext.parse_query("tuyen sinh"), width=120)
    assert fragment.startswith("…") and fragment.endswith("…")
    assert len(fragment) <= 122
    assert [fragment[a:b] for a, b in spans] == ["tuyển", "sinh"]
    short, spans = vntext.snippet("Tuyển sinh", vntext.parse_query("sinh"))
    assert short == "Tuyển sinh" and spans == [(6, 10)]
    start, spans = vntext.snippet("Không có " * 50, vntext.parse_query("xyz"), width=40)
    assert start.endswith("…") and not start.startswith("…") and spans == []
