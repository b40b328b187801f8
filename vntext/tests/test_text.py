import pytest

import vntext


def test_existing_behaviour_kept():
    assert vntext.slugify("Trường THCS Đà Nẵng") == "truong-thcs-da-nang"
    assert vntext.fold("Trường THCS Đà Nẵng") == "truong thcs da nang"
    assert vntext.normalize("  Trươ\u0300ng \n\t học  ") == "Trường học"


def test_slugify_examples():
    title = "Đà Nẵng: Thời khóa biểu HỌC KỲ II – Trường THCS Nguyễn Du"
    assert vntext.slugify(title) == "da-nang-thoi-khoa-bieu-hoc-ky-ii-truong-thcs-nguyen-du"
    assert vntext.slugify("Ðà Nẵng") == "da-nang"  # Icelandic eth used for Đ
    assert vntext.slugify("!!!") == ""
    assert vntext.slugify("Café ½ × 3") == "cafe-3"


def test_fold_handles_decomposed_and_other_scripts():
    import unicodedata

    assert vntext.fold(unicodedata.normalize("NFD", "Nguyễn Đức")) == "nguyen duc"
    assert vntext.fold("Straße Ελληνικά") == "straße ελληνικα"


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("hoà", "hòa"),
        ("khoẻ", "khỏe"),
        ("thuỷ", "thủy"),
        ("Hoà Bình", "Hòa Bình"),
        ("THUỶ", "THỦY"),
        ("loé", "lóe"),
    ],
)
def test_tone_placement(new, old):
    assert vntext.normalize_tone_placement(new, "old") == old
    assert vntext.normalize_tone_placement(old, "new") == new
    assert vntext.exact_key(new) == vntext.exact_key(old)
    assert vntext.search_key(new) == vntext.search_key(old)


@pytest.mark.parametrize(
    "word", ["quý", "quỳ", "hoàn", "toán", "ngoài", "khuỷu", "thuở", "Café", "hoa"]
)
def test_tone_placement_leaves_fixed_words(word):
    assert vntext.normalize_tone_placement(word, "old") == word
    assert vntext.normalize_tone_placement(word, "new") == word


def test_tone_placement_bad_style():
    with pytest.raises(ValueError):
        vntext.normalize_tone_placement("hoà", "modern")  # type: ignore[arg-type]


def test_search_key_matches_without_marks():
    assert vntext.search_key("Thời khóa biểu") == vntext.search_key("thoi khoa bieu")
    assert vntext.exact_key("  Thời   KHOÁ biểu ") == "thời khóa biểu"


def test_font_encoding():
    assert vntext.font_encoding(".VnTime") == "tcvn3"
    assert vntext.font_encoding('".VnTimeH"') == "tcvn3h"
    assert vntext.font_encoding(".VnArial NarrowH") == "tcvn3h"
    assert vntext.font_encoding("ABCDEF+.VnTime") == "tcvn3"
    assert vntext.font_encoding("VNI-Times") == "vni"
    assert vntext.font_encoding("Times New Roman") is None
    assert vntext.font_encoding(None) is None


def test_unknown_encoding_is_a_vntext_error():
    with pytest.raises(vntext.UnknownEncodingError) as info:
        vntext.to_unicode("abc", encoding="klingon")
    assert "Bảng mã" in info.value.message_vi


def test_forced_encoding_keeps_real_unicode_lines():
    text = "Trường có học sinh\n" + vntext.from_unicode("Trường có học sinh", "tcvn3")
    assert vntext.to_unicode(text, encoding="tcvn3") == "Trường có học sinh\nTrường có học sinh"
