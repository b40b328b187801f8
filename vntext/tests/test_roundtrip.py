"""Every valid syllable, in lower, Title and UPPER case, through every legacy encoder and back."""

import pytest

import vntext
from vntext.letters import TONE_OF
from vntext.syllables import generate_syllables, toneless_syllables

_NEW = generate_syllables("new")
_NEW_SET = set(_NEW)
# both tone-placement styles (hoà and hòa)
SYLLABLES = _NEW + [s for s in generate_syllables("old") if s not in _NEW_SET]
CASES = {
    "lower": SYLLABLES,
    "title": [s[:1].upper() + s[1:] for s in SYLLABLES],
    "upper": [s.upper() for s in SYLLABLES],
}


def _round_trip(words: list[str], encoding: str, font: str | None = None) -> float:
    encoded = [vntext.from_unicode(w, encoding, font=font) for w in words]
    decoded = vntext.to_unicode("\n".join(encoded), encoding=encoding, font=font).split("\n")
    assert len(decoded) == len(words)
    bad = [(w, e, d) for w, e, d in zip(words, encoded, decoded, strict=True) if d != w]
    assert not bad, f"{len(bad)} of {len(words)} fail, e.g. {bad[:5]}"
    return 1 - len(bad) / len(words)


def test_syllable_set_is_complete():
    assert len(toneless_syllables()) > 3000
    assert len(SYLLABLES) > 15000
    for word in (
        "trường",
        "nguyễn",
        "khuỷu",
        "quyết",
        "giếng",
        "gìn",
        "xoong",
        "thuở",
        "khoanh",
        "ngoằn",
        "uyên",
    ):
        assert vntext.is_syllable(word), word


@pytest.mark.parametrize("case", ["lower", "title", "upper"])
@pytest.mark.parametrize("encoding", ["vni", "viqr", "cp1258", "nfd", "composite", "mojibake"])
def test_round_trip_100_percent(encoding, case):
    assert _round_trip(CASES[case], encoding) == 1.0


@pytest.mark.parametrize("case", ["lower", "title", "upper"])
def test_cp1258_bytes_round_trip(case):
    words = CASES[case]
    data = vntext.encode_bytes("\n".join(words), "cp1258")
    assert vntext.to_unicode(data, encoding="cp1258") == "\n".join(words)


def test_tcvn3_lower_round_trip():
    assert _round_trip(CASES["lower"], "tcvn3") == 1.0


def test_tcvn3_title_round_trip_for_representable_capitals():
    # Title case whose capital has a TCVN3 code (all but the toned capital vowels)
    words = [w for w in CASES["title"] if w[0] not in TONE_OF]
    assert _round_trip(words, "tcvn3") == 1.0


def test_tcvn3_upper_round_trip_with_h_font():
    assert _round_trip(CASES["upper"], "tcvn3", font=".VnTimeH") == 1.0


def test_tcvn3_title_round_trip_with_h_font_capital_in_html():
    # The way Word documents write "Ấn": the toned capital in .VnTimeH, the rest in .VnTime.
    words = CASES["title"]
    parts = []
    for w in words:
        head = vntext.from_unicode(w[0], "tcvn3", font=".VnTimeH")
        tail = vntext.from_unicode(w[1:], "tcvn3")
        parts.append(
            f'<p><span style="font-family:.VnTimeH">{head}</span>'
            f'<span style="font-family:.VnTime">{tail}</span></p>'
        )
    html = vntext.convert_html("".join(parts))
    got = html.replace("<p>", "").split("</p>")[:-1]
    assert "\n".join(got) == "\n".join(words)


def test_tcvn3_plain_text_capitals_from_context():
    text = "KẾ HOẠCH NĂM HỌC 2024 – 2025 CỦA TRƯỜNG TIỂU HỌC LÊ LỢI"
    assert vntext.to_unicode(vntext.from_unicode(text, "tcvn3")) == text
    assert (
        vntext.to_unicode(vntext.from_unicode("PHẠM THẾ MỸ", "tcvn3"), encoding="tcvn3")
        == "PHẠM THẾ MỸ"
    )
    assert vntext.to_unicode(vntext.from_unicode("Mỹ Tho", "tcvn3"), encoding="tcvn3") == "Mỹ Tho"


def test_known_fingerprints():
    words = "và là của được các những một trường học"
    assert vntext.from_unicode(words, "tcvn3") == "vµ lµ cña ®\xadîc c¸c nh÷ng mét tr\xadêng häc"
    assert vntext.from_unicode(words, "vni") == "vaø laø cuûa ñöôïc caùc nhöõng moät tröôøng hoïc"
    assert (
        vntext.from_unicode(words, "viqr")
        == "va` la` cu?a ddu+o+.c ca'c nhu+~ng mo^.t tru+o+`ng ho.c"
    )
    assert vntext.from_unicode("Thời khóa", "mojibake").replace("\x9d", "") == "Thá»i khÃ³a"
    assert vntext.to_unicode("Thá»i khÃ³a") == "Thời khóa"
    assert vntext.from_unicode("Hà Nội.", "viqr") == "Ha` No^.i\\."
