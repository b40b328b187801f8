"""A small school site to search: articles, pages, an album, documents, resources, staff and a
work calendar of school A, and a few look-alikes in school B. Built through the real models,
factories and services, so the signal handlers index it as the admin would."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from galleries.factories import AlbumPageFactory
from news.factories import ArticlePageFactory
from official_docs.factories import OfficialDocumentFactory
from official_docs.models import DocumentType
from people.factories import StaffMemberFactory, unit
from resources.factories import ResourceFactory
from resources.models import ResourceKind
from schedules.factories import WorkEntryFactory, WorkWeekFactory
from schedules.services import publish_week
from schools.factories import SchoolFactory, make_staff
from sections.factories import StandardPageFactory
from sections.models import SectionPage

HOST_A, HOST_B = "anphu.example.vn", "binhminh.example.vn"
TZ = datetime.timezone(datetime.timedelta(hours=7))


def when(year: int, month: int, day: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, 8, 0, tzinfo=TZ)


def section(school, slug: str) -> SectionPage:
    return SectionPage.objects.descendant_of(school.site.root_page).get(slug=slug)


# (section slug, title, body, published)
ARTICLES = (
    ("thong-bao", "Thông báo tuyển sinh lớp 6 năm học 2025-2026", "Hồ sơ nộp tại văn phòng nhà trường.", when(2025, 6, 2)),
    ("tin-tuc", "Kế hoạch tuyển sinh vào lớp 10", "Học sinh lớp 9 đăng ký nguyện vọng.", when(2025, 4, 10)),
    ("tin-tuc", "Tuyên dương học sinh giỏi cấp huyện", "Lễ tuyên dương các em đạt giải.", when(2025, 5, 20)),
    ("tin-tuc", "Bàn ghế mới cho phòng học", "Nhà trường nhận bàn ghế từ hội phụ huynh.", when(2025, 8, 1)),
    ("tin-tuc", "Ban giám hiệu làm việc với phụ huynh", "Buổi gặp mặt đầu năm.", when(2025, 9, 3)),
    ("tin-tuc", "Hòa nhập cộng đồng cho học sinh khuyết tật", "Giáo dục hòa nhập là nhiệm vụ chung.", when(2024, 12, 3)),
    ("tin-tuc", "Hoà bình và hữu nghị giữa các dân tộc", "Chủ đề của buổi ngoại khoá.", when(2024, 11, 20)),
    ("tin-tuc", "Khoa học tự nhiên: ngày hội STEM", "Các đội trình bày sản phẩm khoa học.", when(2025, 3, 15)),
    ("tin-tuc", "Đoàn trường tổ chức cắm trại", "Đoàn viên tham gia trò chơi dân gian.", when(2025, 3, 26)),
    ("tin-tuc", "Doanh nghiệp tài trợ học bổng", "Mười suất học bổng cho học sinh vượt khó.", when(2025, 1, 10)),
    ("tin-tuc", "Ma trận đề kiểm tra cuối kỳ", "Hướng dẫn xây dựng ma trận.", when(2025, 4, 1)),
    ("tin-tuc", "Má ơi, con đã lớn", "Bài viết của học sinh lớp 8.", when(2025, 3, 8)),
    ("tin-tuc", "Mà thôi, chuyện nhỏ", "Tản văn của học sinh.", when(2025, 2, 14)),
    ("tin-tuc", "Kế hoạch năm học mới", "Những mục tiêu chính của nhà trường.", when(2025, 8, 20)),
    ("tin-tuc", "Năm mới, học sinh lập kế hoạch", "Mỗi em tự đặt mục tiêu học tập.", when(2025, 1, 2)),
    ("tin-tuc", "Khoẻ mạnh mỗi ngày", "Thể dục buổi sáng giúp học sinh khỏe.", when(2025, 2, 1)),
    ("tin-tuc", "Hoạt động ngoại khóa tháng 10", "Câu lạc bộ cờ vua và bóng đá mini thi đấu giao hữu.", when(2024, 10, 28)),
    ("tin-tuc", "Lịch thi học kỳ II", "Học sinh xem lịch thi các môn.", when(2025, 4, 25)),
)  # fmt: skip


@dataclass
class Corpus:
    a: object
    b: object
    head_a: object
    head_b: object
    titles: dict


def build() -> Corpus:
    """Call from ``setUpTestData``."""
    a = SchoolFactory(name="Trường THCS An Phú", hostname=HOST_A, is_default=True)
    b = SchoolFactory(name="Trường THCS Bình Minh", hostname=HOST_B)
    head_a, head_b = make_staff(a, "head"), make_staff(b, "head")
    titles = {}
    for slug, title, body, published in ARTICLES:
        page = ArticlePageFactory(
            parent=section(a, slug),
            title=title,
            summary=body,
            body=[("paragraph", f"<p>{body}</p>")],
            first_published_at=published,
        )
        titles[title] = page
    StandardPageFactory(
        parent=section(a, "thoi-khoa-bieu"),
        title="Thời khóa biểu học kỳ I",
        first_published_at=when(2025, 9, 1),
    )
    StandardPageFactory(
        parent=section(a, "tin-tuc-su-kien"),
        title="Tuyển sinh bản nháp chưa đăng",
        live=False,
    )
    AlbumPageFactory(
        parent=section(a, "thu-vien-anh"),
        title="Lễ khai giảng năm học mới",
        taken_on=datetime.date(2025, 9, 5),
    )

    def doc_type(school, name):
        return DocumentType.objects.get(school=school, name=name)

    OfficialDocumentFactory(
        school=a, number="37/2020/TT-BGDĐT", document_type=doc_type(a, "Thông tư"),
        issuer_group="state", issuing_body="Bộ Giáo dục và Đào tạo", issued_on=datetime.date(2020, 10, 5),
        summary="Quy định về tổ chức hoạt động, sử dụng cổng thông tin điện tử của cơ sở giáo dục",
    )  # fmt: skip
    OfficialDocumentFactory(
        school=a, number="32/2020/TT-BGDĐT", document_type=doc_type(a, "Thông tư"),
        issuer_group="state", issuing_body="Bộ Giáo dục và Đào tạo", issued_on=datetime.date(2020, 9, 15),
        summary="Điều lệ trường trung học cơ sở, trường trung học phổ thông",
    )  # fmt: skip
    OfficialDocumentFactory(
        school=a, number="20/2037/QĐ-UBND", document_type=doc_type(a, "Quyết định"),
        issuer_group="department", issuing_body="Ủy ban nhân dân tỉnh", issued_on=datetime.date(2024, 3, 1),
        summary="Quyết định về lịch năm học của tỉnh",
    )  # fmt: skip
    OfficialDocumentFactory(
        school=a, number="05/KH-THCS", summary="Kế hoạch tuyển sinh năm học 2025-2026",
        issued_on=datetime.date(2025, 5, 5),
    )  # fmt: skip
    OfficialDocumentFactory(
        school=a, number="15/CV-THCS", document_type=doc_type(a, "Công văn"),
        summary="Công văn nội bộ về kiểm tra hồ sơ giáo viên", is_public=False,
        issued_on=datetime.date(2025, 5, 6),
    )  # fmt: skip
    OfficialDocumentFactory(
        school=a, number="99/TB-THCS", document_type=doc_type(a, "Thông báo"),
        summary="Thông báo chưa công bố về lịch kiểm định", published_at=None,
        issued_on=datetime.date(2025, 5, 7),
    )  # fmt: skip
    OfficialDocumentFactory(
        school=b, number="37/2020/TT-BGDĐT", document_type=doc_type(b, "Thông tư"),
        summary="Quy định về cổng thông tin điện tử (bản của trường Bình Minh)",
    )  # fmt: skip
    kind = ResourceKind.objects.get(school=a, name="Đề kiểm tra")
    ResourceFactory(
        school=a, title="Đề kiểm tra giữa học kỳ I môn Toán 8", kind=kind, subject="Toán",
        grade=8, team=section(a, "to-toan"),
    )  # fmt: skip
    ResourceFactory(
        school=a, title="Giáo án điện tử Ngữ văn 7", subject="Ngữ văn", grade=7,
        kind=ResourceKind.objects.get(school=a, name="Giáo án điện tử"),
    )  # fmt: skip
    ResourceFactory(
        school=a, title="Sáng kiến kinh nghiệm dạy học tích cực", is_staff_only=True,
        kind=ResourceKind.objects.get(school=a, name="Sáng kiến kinh nghiệm"),
    )  # fmt: skip
    StaffMemberFactory(
        school=a, full_name="Phạm Tấn Danh", positions="Hiệu trưởng",
        official_email="pth1975@anphu.edu.vn", phone="0905 123 456",
        units=[unit(a, "ban-giam-hieu")],
    )  # fmt: skip
    StaffMemberFactory(
        school=a, full_name="Võ Thanh Bình", positions="Phó Hiệu trưởng",
        units=[unit(a, "ban-giam-hieu")],
    )  # fmt: skip
    StaffMemberFactory(school=a, full_name="Trần Ẩn Danh", positions="Nhân viên", is_active=False)
    StaffMemberFactory(school=b, full_name="Lê Bình Minh", positions="Hiệu trưởng")
    monday = datetime.date(2025, 9, 8)
    week = WorkWeekFactory(school=a, week_start=monday)
    WorkEntryFactory(week=week, date=monday, content="Chào cờ đầu tuần", place="Sân trường")
    WorkEntryFactory(
        week=week, date=monday + datetime.timedelta(days=2),
        content="Họp hội đồng sư phạm tháng 9", place="Phòng họp",
    )  # fmt: skip
    publish_week(week=week, actor=head_a)
    WorkEntryFactory(week=week, date=monday, content="Việc mới chưa công bố")  # draft edit
    hidden = WorkWeekFactory(school=a, week_start=monday + datetime.timedelta(days=7))
    WorkEntryFactory(week=hidden, date=hidden.week_start, content="Họp bí mật chưa công bố")
    ArticlePageFactory(
        parent=section(b, "thong-bao"),
        title="Thông báo tuyển sinh lớp 6 trường Bình Minh",
        first_published_at=timezone.now(),
    )
    return Corpus(a, b, head_a, head_b, titles)
