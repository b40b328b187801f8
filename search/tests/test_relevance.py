"""Relevance suite: queries of every kind the issue names, on the corpus of ``corpus.py``, through
the real search function (``search.selectors.search``) and the backend of the database the tests
run on (SQLite FTS5, or PostgreSQL with DATABASE_URL). One test per query.

Each case names the title that must come first, titles that must be in the first results,
pairs in a required order, and titles that must not be found at all.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass

from django.test import TestCase

from search import selectors
from search.backends.base import DATE, Filters

from . import corpus

TUYEN_SINH_6 = "Thông báo tuyển sinh lớp 6 năm học 2025-2026"
TUYEN_SINH_10 = "Kế hoạch tuyển sinh vào lớp 10"
TUYEN_DUONG = "Tuyên dương học sinh giỏi cấp huyện"
HOA_NHAP = "Hòa nhập cộng đồng cho học sinh khuyết tật"
DOC_37 = "Thông tư 37/2020/TT-BGDĐT"
DOC_32 = "Thông tư 32/2020/TT-BGDĐT"
DOC_2037 = "Quyết định 20/2037/QĐ-UBND"
DOC_TUYEN_SINH = "Kế hoạch 05/KH-THCS"
DOC_STAFF = "Công văn 15/CV-THCS"
DANH = "Phạm Tấn Danh"
KHOA_HOC = "Khoa học tự nhiên: ngày hội STEM"
TKB = "Thời khóa biểu học kỳ I"


@dataclass(frozen=True)
class Case:
    query: str
    first: str = ""
    top: tuple[str, ...] = ()  # all within the first max(3, len(top)) results
    before: tuple[tuple[str, str], ...] = ()  # (higher, lower)
    found: tuple[str, ...] = ()  # somewhere in the results
    absent: tuple[str, ...] = ()  # in no result (any page)
    staff: bool = False
    kinds: tuple[str, ...] = ()
    section: str = ""  # slug of a section to filter on
    dates: tuple[datetime.date | None, datetime.date | None] = (None, None)
    order: str = "relevance"
    empty: bool = False  # nothing at all


NFD = unicodedata.normalize("NFD", "tuyển sinh")
CASES: dict[str, Case] = {
    # diacritics, case, Unicode forms, spacing, hyphens
    "with_marks": Case("tuyển sinh", top=(TUYEN_SINH_6, TUYEN_SINH_10)),
    "without_marks": Case("tuyen sinh", top=(TUYEN_SINH_6, TUYEN_SINH_10)),
    "upper_case": Case("TUYỂN SINH", top=(TUYEN_SINH_6, TUYEN_SINH_10)),
    "nfd_input": Case(NFD, top=(TUYEN_SINH_6, TUYEN_SINH_10)),
    "extra_spaces": Case("   tuyển    sinh  ", top=(TUYEN_SINH_6, TUYEN_SINH_10)),
    "hyphenated": Case("tuyển-sinh", top=(TUYEN_SINH_6, TUYEN_SINH_10)),
    "mixed_marks": Case("tuyen sinh lớp 6", first=TUYEN_SINH_6),
    # the last word half typed
    "partial_last_word": Case("tuyen si", top=(TUYEN_SINH_6, TUYEN_SINH_10)),
    "partial_with_marks": Case("tuyển si", top=(TUYEN_SINH_6, TUYEN_SINH_10)),
    "partial_single_word": Case("tuye", top=(TUYEN_SINH_6, TUYEN_SINH_10, TUYEN_DUONG)),
    "partial_number": Case("37/20", first=DOC_37),
    # exact diacritics above folded matches
    "exact_tuyen_first": Case("tuyên", first=TUYEN_DUONG),
    "folded_tuyen_finds_all": Case("tuyen", top=(TUYEN_SINH_6, TUYEN_SINH_10, TUYEN_DUONG)),
    "ban_with_marks": Case("bàn", first="Bàn ghế mới cho phòng học"),
    "ban_without_marks": Case("ban", before=(("Ban giám hiệu làm việc với phụ huynh", "Bàn ghế mới cho phòng học"),)),
    "ma_plain": Case("ma", first="Ma trận đề kiểm tra cuối kỳ"),
    "ma_acute": Case("má", first="Má ơi, con đã lớn"),
    "ma_grave": Case("mà", first="Mà thôi, chuyện nhỏ"),
    "d_stroke": Case("Đoàn trường", first="Đoàn trường tổ chức cắm trại"),
    "d_stroke_above_doanh": Case("đoàn", before=(("Đoàn trường tổ chức cắm trại", "Doanh nghiệp tài trợ học bổng"),)),
    "doanh": Case("doanh", first="Doanh nghiệp tài trợ học bổng"),
    # tone placement
    "tone_old_style": Case("hòa nhập", first=HOA_NHAP),
    "tone_new_style": Case("hoà nhập", first=HOA_NHAP),
    "tone_folded": Case("hoa nhap", first=HOA_NHAP),
    "tone_new_in_title": Case("hòa bình", first="Hoà bình và hữu nghị giữa các dân tộc"),
    "khoe_new_in_title": Case("khỏe mạnh", first="Khoẻ mạnh mỗi ngày"),
    # coverage before exact words, phrase above scattered
    "coverage_first": Case("thoi khoa bieu", top=(TKB,), before=((TKB, KHOA_HOC),)),
    "coverage_with_marks": Case("thời khóa biểu", top=(TKB,), before=((TKB, KHOA_HOC),)),
    "phrase_above_scattered": Case("kế hoạch năm học", before=(("Kế hoạch năm học mới", "Năm mới, học sinh lập kế hoạch"),)),
    "phrase_folded": Case("ke hoach nam hoc", before=(("Kế hoạch năm học mới", "Năm mới, học sinh lập kế hoạch"),)),
    # document numbers
    "number_whole": Case("37/2020/TT-BGDĐT", first=DOC_37),
    "number_folded_lower": Case("37/2020/tt-bgddt", first=DOC_37),
    "number_part": Case("37/2020", first=DOC_37, before=((DOC_37, DOC_2037),)),
    "number_symbol": Case("TT-BGDĐT", top=(DOC_37, DOC_32)),
    "number_symbol_ascii": Case("BGDDT", top=(DOC_37, DOC_32)),
    "number_with_type": Case("thông tư 37", first=DOC_37),
    "number_school_plan": Case("05/KH", first=DOC_TUYEN_SINH),
    "document_summary": Case("cổng thông tin điện tử", first=DOC_37),
    # every kind of content
    "staff_name": Case("Phạm Tấn Danh", first=DANH),
    "staff_name_folded": Case("pham tan danh", first=DANH),
    "staff_position": Case("phó hiệu trưởng", first="Võ Thanh Bình"),
    "staff_unit": Case("ban giam hieu", top=("Ban giám hiệu", "Ban giám hiệu làm việc với phụ huynh"), found=(DANH, "Võ Thanh Bình")),
    "calendar_entry": Case("hop hoi dong su pham", first="Họp hội đồng sư phạm tháng 9"),
    "resource_title": Case("de kiem tra toan 8", first="Đề kiểm tra giữa học kỳ I môn Toán 8"),
    "resource_grade_text": Case("ngữ văn lớp 7", first="Giáo án điện tử Ngữ văn 7"),
    "album": Case("khai giang", first="Lễ khai giảng năm học mới"),
    "section_page": Case("tổ toán", first="Tổ Toán"),
    "body_only": Case("cờ vua", first="Hoạt động ngoại khóa tháng 10"),
    # only what the visitor may see
    "private_email_never": Case("pth1975@anphu.edu.vn", empty=True),
    "private_phone_never": Case("0905 123 456", empty=True),
    "inactive_staff_never": Case("Trần Ẩn Danh", absent=("Trần Ẩn Danh",)),
    "draft_page_never": Case("bản nháp chưa đăng", absent=("Tuyển sinh bản nháp chưa đăng",)),
    "unpublished_document_never": Case("99/TB-THCS", absent=("Thông báo 99/TB-THCS",), staff=True),
    "unpublished_week_never": Case("họp bí mật", absent=("Họp bí mật chưa công bố",)),
    "unpublished_edit_never": Case("việc mới chưa công bố", absent=("Việc mới chưa công bố",)),
    "staff_only_hidden": Case("15/CV-THCS", absent=(DOC_STAFF,)),
    "staff_only_for_staff": Case("15/CV-THCS", first=DOC_STAFF, staff=True),
    "staff_only_resource_hidden": Case("sáng kiến kinh nghiệm", absent=("Sáng kiến kinh nghiệm dạy học tích cực",)),
    "staff_only_resource_for_staff": Case("sáng kiến kinh nghiệm", first="Sáng kiến kinh nghiệm dạy học tích cực", staff=True),
    "other_school_never": Case("Bình Minh", absent=("Thông báo tuyển sinh lớp 6 trường Bình Minh", "Lê Bình Minh")),
    # some words missing, typing mistakes
    "extra_word": Case("tuyển sinh lớp 6 năm 2030 xyz", first=TUYEN_SINH_6),
    "typo": Case("tuyern sinh", top=(TUYEN_SINH_6, TUYEN_SINH_10)),
    "typo_swap": Case("khoa hcoj tự nhiên", first=KHOA_HOC),
    "nothing": Case("xylophone", empty=True),
    # filters and order
    "kind_filter": Case("tuyển sinh", kinds=("document",), first=DOC_TUYEN_SINH, absent=(TUYEN_SINH_6,)),
    "section_filter": Case("tuyển sinh", section="thong-bao", first=TUYEN_SINH_6, absent=(TUYEN_SINH_10, DOC_TUYEN_SINH)),
    "date_filter": Case("tuyển sinh", dates=(datetime.date(2025, 5, 1), datetime.date(2025, 5, 31)), first=DOC_TUYEN_SINH, absent=(TUYEN_SINH_6, TUYEN_SINH_10)),
    "date_order": Case("tuyển sinh", order=DATE, before=((TUYEN_SINH_6, DOC_TUYEN_SINH), (DOC_TUYEN_SINH, TUYEN_SINH_10))),
}  # fmt: skip


class RelevanceSuite(TestCase):
    """Generated: one ``test_<name>`` per case of ``CASES``."""

    @classmethod
    def setUpTestData(cls):
        cls.corpus = corpus.build()

    def run_case(self, case: Case) -> list[str]:
        section_path = ""
        if case.section:
            section_path = corpus.section(self.corpus.a, case.section).path
        results = selectors.search(
            school=self.corpus.a,
            text=case.query,
            staff=case.staff,
            filters=Filters(
                kinds=case.kinds,
                section_path=section_path,
                date_from=case.dates[0],
                date_to=case.dates[1],
            ),
            order=case.order,
            per_page=200,
        )
        return [hit.title for hit in results.hits]

    def check(self, case: Case) -> None:
        titles = self.run_case(case)
        shown = f"{case.query!r} gave {titles[:8]}"
        if case.empty:
            self.assertEqual(titles, [], shown)
        if case.first:
            self.assertTrue(titles, shown)
            self.assertEqual(titles[0], case.first, shown)
        if case.top:
            window = titles[: max(3, len(case.top))]
            for title in case.top:
                self.assertIn(title, window, shown)
        for higher, lower in case.before:
            self.assertIn(higher, titles, shown)
            if lower in titles:
                self.assertLess(titles.index(higher), titles.index(lower), shown)
        for title in case.found:
            self.assertIn(title, titles, shown)
        for title in case.absent:
            self.assertNotIn(title, titles, shown)


def _make_test(case: Case):
    def test(self):
        self.check(case)

    return test


for _name, _case in CASES.items():
    setattr(RelevanceSuite, f"test_{_name}", _make_test(_case))
