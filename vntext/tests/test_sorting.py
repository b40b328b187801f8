import random

import vntext


def test_alphabet_and_tones():
    expected = ["10", "An", "Anh", "Ánh", "Ăn", "Ân", "Ấn", "Bình", "da", "dê", "đa", "Đào", "Hùng", "Huy",
                "ma", "mà", "mả", "mã", "má", "mạ", "Zed"]  # fmt: skip
    shuffled = expected[:]
    random.Random(3).shuffle(shuffled)
    assert sorted(shuffled, key=vntext.sort_key) == expected


def test_letters_before_tones_over_the_whole_word():
    assert sorted(["Ánh", "Anh"], key=vntext.sort_key) == ["Anh", "Ánh"]
    assert sorted(["Huy", "Hùng"], key=vntext.sort_key) == ["Hùng", "Huy"]
    assert sorted(["ơ", "ô", "o"], key=vntext.sort_key) == ["o", "ô", "ơ"]
    assert sorted(["ư", "u", "v"], key=vntext.sort_key) == ["u", "ư", "v"]


def test_case_insensitive_then_lower_first():
    assert sorted(["AN", "an", "An"], key=vntext.sort_key) == ["an", "An", "AN"]
    assert sorted(["BÌNH", "an"], key=vntext.sort_key) == ["an", "BÌNH"]


def test_nfd_sorts_like_nfc():
    import unicodedata

    assert vntext.sort_key(unicodedata.normalize("NFD", "Đặng")) == vntext.sort_key("Đặng")


def test_person_sort_key():
    names = ["Nguyễn Văn Bình", "Trần Thị An", "Lê An", "Phạm Thị Ánh", "Đỗ Minh Châu", "Bùi Chi"]
    assert sorted(names, key=vntext.person_sort_key) == [
        "Lê An",
        "Trần Thị An",
        "Phạm Thị Ánh",
        "Nguyễn Văn Bình",
        "Đỗ Minh Châu",
        "Bùi Chi",
    ]
    assert vntext.split_name("Công Tằng Tôn Nữ Thị Lan") == ("Công", "Tằng Tôn Nữ Thị", "Lan")
    assert vntext.split_name("Lan") == ("", "", "Lan")
    assert vntext.split_name("  ") == ("", "", "")
