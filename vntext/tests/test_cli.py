import subprocess
import sys

import pytest

import vntext
from vntext.tests.docx_builder import build_docx, para, run


def cli(*args, stdin=None):
    return subprocess.run(  # noqa: S603 - runs this Python on test files
        [sys.executable, "-m", "vntext", *map(str, args)],
        capture_output=True,
        input=stdin,
        timeout=120,
    )


def test_convert_text_in_any_encoding(tmp_path):
    text = "Trường THCS Nguyễn Du thông báo lịch học kỳ II.\n"
    for enc in ("tcvn3", "vni", "cp1258", "viqr"):
        src = tmp_path / f"{enc}.txt"
        src.write_bytes(vntext.encode_bytes(text, enc))
        out = cli("convert", src)
        assert out.returncode == 0, out.stderr.decode()
        assert out.stdout.decode("utf-8") == text
    src = tmp_path / "u16.txt"
    src.write_bytes(text.encode("utf-16"))
    assert cli("convert", src).stdout.decode() == text


def test_convert_with_font_and_output_file(tmp_path):
    src = tmp_path / "h.txt"
    src.write_bytes(vntext.encode_bytes("kế hoạch", "tcvn3"))
    dst = tmp_path / "out.txt"
    assert cli("convert", src, "--font", ".VnTimeH", "-o", dst).returncode == 0
    assert dst.read_text(encoding="utf-8") == "KẾ HOẠCH"
    assert cli("convert", src, "--encoding", "tcvn3").stdout.decode() == "kế hoạch"


def test_convert_html_and_docx_by_content(tmp_path):
    src = tmp_path / "page.dat"  # extension says nothing
    src.write_text(
        '<p style="font-family:.VnTime">' + vntext.from_unicode("Trường", "tcvn3") + "</p>", "utf-8"
    )
    out = cli("convert", src)
    assert out.stdout.decode() == "<p>Trường</p>"
    assert "Đã chuyển mã TCVN3 sang Unicode" in out.stderr.decode()
    doc = build_docx(
        tmp_path / "doc.bin", para(run(vntext.from_unicode("Việt Nam", "vni"), font="VNI-Times"))
    )
    out = cli("convert", doc)
    assert out.returncode == 0 and "<p>Việt Nam</p>" in out.stdout.decode()


def test_detect(tmp_path):
    src = tmp_path / "t.txt"
    src.write_bytes(vntext.encode_bytes("Học sinh có mặt tại trường lúc 7 giờ sáng.", "vni"))
    out = cli("detect", src)
    assert out.returncode == 0
    assert "bảng mã: vni" in out.stdout.decode()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "rỗng"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "PNG"),
        (bytes(range(256)) * 4, "nhị phân"),
        (
            bytes.fromhex("D0CF11E0A1B11AE1") + "EncryptionInfo".encode("utf-16-le") + b"\0" * 64,
            "mật khẩu",
        ),
        (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 64, ".doc"),
        (b"PK\x03\x04garbage-zip", "hỏng"),
    ],
)
def test_bad_input_gives_vietnamese_message_and_exit_2(tmp_path, content, message):
    src = tmp_path / "bad"
    src.write_bytes(content)
    for command in ("convert", "detect"):
        out = cli(command, src)
        err = out.stderr.decode("utf-8")
        assert out.returncode == 2
        assert "Traceback" not in err
        assert err.startswith("Lỗi:") and message in err


def test_missing_file_and_bad_arguments(tmp_path):
    out = cli("convert", tmp_path / "nope.txt")
    assert out.returncode == 2 and "Không tìm thấy tệp" in out.stderr.decode()
    out = cli("convert", tmp_path)
    assert out.returncode == 2 and "Traceback" not in out.stderr.decode()
    out = cli("frobnicate")
    assert out.returncode == 2 and "Lỗi:" in out.stderr.decode()
    src = tmp_path / "t.txt"
    src.write_text("abc")
    out = cli("convert", src, "--encoding", "klingon")
    assert out.returncode == 2 and "Bảng mã không được hỗ trợ" in out.stderr.decode()


def test_ten_megabytes(tmp_path):
    from vntext.tests.corpus import megabyte_text

    text = megabyte_text(10_000_000)
    src = tmp_path / "big.txt"
    src.write_bytes(vntext.encode_bytes(text, "vni"))
    dst = tmp_path / "big.out"
    out = cli("convert", src, "-o", dst)
    assert out.returncode == 0, out.stderr.decode()
    assert dst.read_text(encoding="utf-8") == text


def test_stdin():
    out = cli("convert", "-", stdin=vntext.encode_bytes("Việt Nam", "vni"))
    assert out.stdout.decode() == "Việt Nam"
