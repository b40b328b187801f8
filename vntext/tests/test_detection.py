"""Detection on paragraphs of at least 30 characters: at least 99 % correct per encoding."""

import pytest

import vntext
from vntext.tests.corpus import paragraphs, short_paragraphs

CORPUS = paragraphs(400, seed=11) + short_paragraphs(400, seed=12)


def _rate(encoding: str) -> tuple[float, float, list[str]]:
    detected = converted = 0
    misses: list[str] = []
    for p in CORPUS:
        encoded = vntext.from_unicode(p, encoding)
        result = vntext.detect_encoding(encoded)
        expected = "nfd" if encoding == "composite" else encoding
        if result.encoding == expected:
            detected += 1
        else:
            misses.append(f"{result.encoding}: {encoded!r}")
        out = vntext.to_unicode(encoded)
        # TCVN3 has no toned capitals: compare case-insensitively there
        if out == p or (encoding == "tcvn3" and out.lower() == p.lower()):
            converted += 1
    return detected / len(CORPUS), converted / len(CORPUS), misses


@pytest.mark.parametrize(
    "encoding", ["tcvn3", "vni", "viqr", "cp1258", "mojibake", "nfd", "composite"]
)
def test_detection_rate_at_least_99_percent(encoding):
    assert all(len(p) >= 30 for p in CORPUS)
    detected, converted, misses = _rate(encoding)
    assert detected >= 0.99, misses[:5]
    assert converted >= 0.99


def test_unicode_paragraphs_are_detected_as_unicode_and_unchanged():
    for p in CORPUS:
        assert vntext.detect_encoding(p).encoding == "unicode"
        assert vntext.to_unicode(p) == p


def test_bytes_detection():
    p = CORPUS[0]
    assert vntext.detect_encoding(p.encode("utf-8")).encoding == "unicode"
    assert vntext.detect_encoding(vntext.encode_bytes(p, "cp1258")).encoding == "cp1258"
    assert vntext.detect_encoding(vntext.encode_bytes(p, "tcvn3")).encoding == "tcvn3"
    assert vntext.detect_encoding(vntext.encode_bytes(p, "vni")).encoding == "vni"
    assert vntext.to_unicode(vntext.encode_bytes(p, "cp1258")) == p
    assert vntext.to_unicode(vntext.encode_bytes(p, "vni")) == p


def test_result_shape():
    text = (
        "Trường "
        + vntext.from_unicode("được các", "tcvn3")
        + "\n"
        + vntext.from_unicode("Việt Nam", "vni")
    )
    result = vntext.detect_encoding(text)
    assert 0.0 <= result.confidence <= 1.0
    assert result.is_legacy
    assert {"tcvn3", "vni"} <= set(result.encodings)
    assert result.segments[0][0] == 0 and result.segments[-1][1] == len(text)
    for (_, end, _), (start, _, _) in zip(result.segments, result.segments[1:], strict=False):
        assert end == start
    with pytest.raises(AttributeError):
        result.encoding = "x"  # frozen


def test_font_decides():
    assert vntext.detect_encoding("abc", font=".VnTimeH").encoding == "tcvn3h"
    assert vntext.detect_encoding("abc", font="VNI-Times").encoding == "vni"


def test_mixed_encodings_piece_by_piece():
    lines = [
        "Trường THCS Nguyễn Du thông báo lịch học.",
        vntext.from_unicode("Kế hoạch tổ chức kỳ thi tuyển sinh vào lớp 10.", "tcvn3"),
        vntext.from_unicode("Học sinh có mặt tại trường lúc 7 giờ sáng.", "vni"),
        vntext.from_unicode("Phụ huynh vui lòng theo dõi thời khóa biểu mới.", "cp1258"),
        vntext.from_unicode("Đoàn trường phát động phong trào thi đua.", "viqr"),
        "Café, naïve, Straße, déjà vu, ½ × 3 °C.",
    ]
    out = vntext.to_unicode("\n".join(lines)).split("\n")
    assert out == [
        "Trường THCS Nguyễn Du thông báo lịch học.",
        "Kế hoạch tổ chức kỳ thi tuyển sinh vào lớp 10.",
        "Học sinh có mặt tại trường lúc 7 giờ sáng.",
        "Phụ huynh vui lòng theo dõi thời khóa biểu mới.",
        "Đoàn trường phát động phong trào thi đua.",
        "Café, naïve, Straße, déjà vu, ½ × 3 °C.",
    ]


def test_mixed_within_a_line():
    text = "Tiêu đề: Trường THCS — " + vntext.from_unicode("Trường học được công nhận", "tcvn3")
    assert vntext.to_unicode(text) == "Tiêu đề: Trường THCS — Trường học được công nhận"
