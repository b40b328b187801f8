import io
import zipfile

import pytest

import vntext
from vntext.tests.docx_builder import (
    build_docx,
    character_style,
    para,
    paragraph_style,
    run,
    styles_xml,
)

T = vntext.from_unicode


def test_direct_font_runs(tmp_path):
    body = para(run(T("Trường THCS Lê Lợi", "tcvn3"), font=".VnTime")) + para(
        run(T("Việt Nam", "vni"), font="VNI-Times", bold=True)
    )
    result = vntext.convert_docx(build_docx(tmp_path / "a.docx", body))
    assert "<p>Trường THCS Lê Lợi</p>" in result.html
    assert "<strong>Việt Nam</strong>" in result.html
    assert result.report.encodings == ("tcvn3", "vni")
    assert result.report.message_vi == "Đã chuyển mã TCVN3, VNI sang Unicode"


def test_hansi_wins_over_ascii(tmp_path):
    body = para(run(T("được các", "tcvn3"), font="Times New Roman", hansi=".VnTime"))
    assert "được các" in vntext.docx_to_html(build_docx(tmp_path / "a.docx", body))


def test_font_from_doc_defaults(tmp_path):
    path = build_docx(
        tmp_path / "a.docx", para(run(T("Kế hoạch năm học", "tcvn3"))), styles_xml(".VnTime")
    )
    assert "Kế hoạch năm học" in vntext.docx_to_html(path)


def test_font_from_paragraph_style_chain_and_h_font(tmp_path):
    styles = styles_xml(
        None,
        paragraph_style("Body", ".VnTime") + paragraph_style("Banner", ".VnTimeH", based_on="Body"),
    )
    body = para(run(T("kế hoạch", "tcvn3")), style="Banner") + para(
        run(T("trường học", "tcvn3")), style="Body"
    )
    html = vntext.docx_to_html(build_docx(tmp_path / "a.docx", body, styles))
    assert "KẾ HOẠCH" in html
    assert "trường học" in html


def test_font_from_character_style(tmp_path):
    styles = styles_xml(None, character_style("Legacy", "VNI-Times"))
    body = para(run("Chào ", font="Arial"), run(T("Việt Nam", "vni"), style="Legacy"))
    assert "Chào Việt Nam" in vntext.docx_to_html(build_docx(tmp_path / "a.docx", body, styles))


def test_word_split_across_runs(tmp_path):
    vni = T("Việt Nam", "vni")  # "Vieät Nam": split between "Vie" and "ät Nam"
    body = para(run(vni[:3], font="VNI-Times"), run(vni[3:], font="VNI-Times", bold=True))
    html = vntext.docx_to_html(build_docx(tmp_path / "a.docx", body))
    assert "Việ" in html and "t Nam" in html
    tc = T("KẾ HOẠCH", "tcvn3")
    body = para(run(tc[:1], font=".VnTime"), run(tc[1:], font=".VnTime"))
    assert "KẾ HOẠCH" in vntext.docx_to_html(build_docx(tmp_path / "b.docx", body))


def test_caps_property_and_unicode_runs_left_alone(tmp_path):
    body = para(
        run(T("thông báo", "tcvn3"), font=".VnTime", caps=True), run(" Café — Trường", font="Arial")
    )
    html = vntext.docx_to_html(build_docx(tmp_path / "a.docx", body))
    assert "THÔNG BÁO Café — Trường" in html


def test_legacy_text_without_font_is_detected(tmp_path):
    body = para(
        run(T("Học sinh có mặt tại trường lúc 7 giờ sáng.", "tcvn3"), font="Times New Roman")
    )
    result = vntext.convert_docx(build_docx(tmp_path / "a.docx", body))
    assert "Học sinh có mặt tại trường lúc 7 giờ sáng." in result.html
    assert result.report.by_content == 1


def test_headings_and_images(tmp_path):
    body = para(run(T("Tiêu đề", "tcvn3"), font=".VnTime"), style="Heading1")
    path = build_docx(tmp_path / "a.docx", body, image=True)
    html, images = vntext.docx_to_html_with_images(path)
    assert "<h1>Tiêu đề</h1>" in html
    assert (
        images[0][0] == "image1.png"
        and images[0][1] == "image/png"
        and images[0][2].startswith(b"\x89PNG")
    )
    assert 'src="image1.png"' in html
    assert 'src="data:image/png;base64,' in vntext.docx_to_html(path)


def test_inputs_bytes_and_file_object(tmp_path):
    path = build_docx(tmp_path / "a.docx", para(run(T("được", "tcvn3"), font=".VnTime")))
    data = path.read_bytes()
    assert "được" in vntext.docx_to_html(data)
    assert "được" in vntext.docx_to_html(io.BytesIO(data))
    assert "được" in vntext.docx_to_html(str(path))


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", vntext.EmptyInputError),
        (b"not a zip at all", vntext.CorruptDocxError),
        (
            bytes.fromhex("D0CF11E0A1B11AE1") + "EncryptionInfo".encode("utf-16-le") + b"\0" * 100,
            vntext.EncryptedDocxError,
        ),
        (
            bytes.fromhex("D0CF11E0A1B11AE1") + "WordDocument".encode("utf-16-le") + b"\0" * 100,
            vntext.LegacyDocError,
        ),
        (b"PK\x03\x04" + b"\0" * 100, vntext.CorruptDocxError),
    ],
)
def test_bad_files_raise_typed_errors(data, error):
    with pytest.raises(error) as info:
        vntext.docx_to_html(data)
    assert isinstance(info.value, vntext.VntextError)
    assert info.value.message_vi


def test_zip_without_document_and_broken_xml(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(vntext.CorruptDocxError):
        vntext.docx_to_html(buf.getvalue())
    path = build_docx(tmp_path / "a.docx", para(run("x")))
    broken = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(
                info.filename, data[:-20] if info.filename == "word/document.xml" else data
            )
    with pytest.raises(vntext.CorruptDocxError):
        vntext.docx_to_html(broken.getvalue())
    truncated = path.read_bytes()[:200]
    with pytest.raises(vntext.CorruptDocxError):
        vntext.docx_to_html(truncated)


def test_missing_path():
    with pytest.raises(vntext.DocxError) as info:
        vntext.docx_to_html("/nonexistent/file.docx")
    assert "Không mở được" in info.value.message_vi
