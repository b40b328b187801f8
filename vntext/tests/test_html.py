import vntext

T = vntext.from_unicode

WORD_HTML = f"""<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta charset="utf-8"><style><!--
p.MsoNormal, li.MsoNormal {{font-family:".VnTime"; mso-fareast-font-family:"Times New Roman";}}
.Legacy {{font-family:"VNI-Times"}}
h2 {{font-family:Arial; color:navy}}
--></style><!--[if gte mso 9]><xml><o:DocumentProperties>junk</o:DocumentProperties></xml><![endif]--></head>
<body lang=VI style='tab-interval:36.0pt'>
<p class=MsoNormal style='margin:0cm;font-size:13.0pt;color:red;background:yellow'>{T("Trường THCS", "tcvn3")}
<b>{T("Lê Lợi", "tcvn3")}</b><o:p></o:p></p>
<p class=Legacy>Vie<span style='color:blue'>ät Nam</span></p>
<p><span style='font-family:".VnTimeH";mso-hansi-font-family:".VnTimeH"'>{T("kế hoạch", "tcvn3")}</span>
Trường <font face=".VnArial">{T("được", "tcvn3")}</font></p>
<h2 style="text-align:center">Café</h2>
<ul><li><a href="https://truong.edu.vn" style="color:red">Liên kết</a></li></ul>
<table><tr><td colspan=2 style='width:100pt;mso-border-alt:solid'>ô</td></tr></table>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p><![if !supportLists]>1.<![endif]>Mục</p>
</body></html>"""


def test_word_clipboard_html():
    html, report = vntext.convert_html_report(WORD_HTML)
    assert "<p>Trường THCS\n<b>Lê Lợi</b></p>" in html
    assert "<p>Việt Nam</p>" in html
    assert "KẾ HOẠCH" in html and "Trường được" in html
    assert '<h2 style="text-align:center">Café</h2>' in html
    assert '<a href="https://truong.edu.vn">Liên kết</a>' in html
    assert '<td colspan="2">' in html
    for noise in (
        "font-family",
        "mso-",
        "color",
        "background",
        "font-size",
        "<o:p",
        "<style",
        "junk",
        "class=",
        "<span",
        "<font",
    ):
        assert noise not in html, noise
    assert report.converted
    assert set(report.encodings) == {"tcvn3", "tcvn3h", "vni"}
    assert report.message_vi == "Đã chuyển mã TCVN3, VNI sang Unicode"


def test_inherited_font_and_unicode_override():
    html = (
        '<div style="font-family:.VnTime"><p>'
        + T("trường", "tcvn3")
        + '<span style="font-family:Arial">'
        " Café crème</span></p></div>"
    )
    assert vntext.convert_html(html) == "<div><p>trường Café crème</p></div>"


def test_content_detection_without_font():
    text = T("Kế hoạch tổ chức kỳ thi tuyển sinh vào lớp 10.", "vni")
    html, report = vntext.convert_html_report(f"<p>{text}</p><p>Café naïve</p>")
    assert html == "<p>Kế hoạch tổ chức kỳ thi tuyển sinh vào lớp 10.</p><p>Café naïve</p>"
    assert report.encodings == ("vni",) and report.by_content == 1
    html, report = vntext.convert_html_report(f"<p>{text}</p>", detect=False)
    assert not report.converted and report.message_vi == ""


def test_unicode_html_is_unchanged_apart_from_styling():
    html = (
        "<h1>Trường THCS Đà Nẵng</h1><p><strong>Thời khóa biểu</strong> <em>mới</em> – ½ × 3 °C</p>"
    )
    assert vntext.convert_html(html) == html


def test_soft_hyphen_survives_until_conversion():
    assert vntext.convert_html('<p style="font-family:.VnTime">Tr\xadêng</p>') == "<p>Trường</p>"


def test_empty_and_script():
    assert vntext.convert_html("") == ""
    assert vntext.convert_html("<script>alert(1)</script><p onclick='x()'>a</p>") == "<p>a</p>"
    assert vntext.convert_html('<a href="javascript:alert(1)">x</a>') == "<a>x</a>"
