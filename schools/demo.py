"""The demo school: Trường THCS Tịnh Sơn with one user per role and a few sample pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Site

import vntext
from sections.models import SectionPage, StandardPage
from workflows.demo import seed_demo_workflow

from .assignments import assign_sections, sync_section_groups
from .models import School
from .services import SchoolDetails, add_staff_member, create_school, sync_school_roles

DEMO_HOSTNAME = "c2tinhsonst.quangngai.edu.vn"
DEMO_NAME = "Trường THCS Tịnh Sơn"
DEMO_PASSWORD = "demo-tinhson-2026"  # noqa: S105 - printed to the person running the demo


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str


DEMO_USERS = (
    DemoUser("truongban", "Danh", "Phạm Tấn", "head"),
    DemoUser("phoban", "Bình", "Võ Thanh", "deputy"),
    DemoUser("thuky", "Tiến", "Lê Hồng", "secretary"),
    DemoUser("bientapvien", "Văn", "Trần Văn", "editor"),
    DemoUser("congtacvien", "Hà", "Từ Ngọc", "contributor"),
    DemoUser("quantri", "Cương", "Nguyễn Biên", "sysadmin"),
    DemoUser("kythuat", "Trãi", "Nguyễn Minh", "technical"),
)

# The plan's assignment table (2.2) for the demo users: section title → usernames.
DEMO_ASSIGNMENTS = {
    "Giới thiệu": ("truongban",),
    "Chi bộ Đảng": ("congtacvien",),
    "Ban giám hiệu": ("truongban", "phoban"),
    "Đoàn TNCS Hồ Chí Minh": ("quantri",),
    "Hội phụ huynh": ("phoban", "truongban"),
    "Thông báo": ("truongban", "phoban", "bientapvien"),
    "Hoạt động chuyên môn": ("phoban",),
    "Tổ Toán": ("bientapvien",),
    "Tổ Lý - Tin": ("kythuat", "quantri"),
    "Tổ Sử - Địa": ("thuky",),
    "Trang liên kết": ("quantri",),
}

# The sector's systems come from ``links.services.seed_links``; the province's Sở is given to
# ``create_school`` as the demo's authority link (an install sets PORTAL_AUTHORITY_LINKS).
DEMO_AUTHORITY_LINKS = (("Sở Giáo dục và Đào tạo Quảng Ngãi", "https://quangngai.edu.vn/"),)

# Achievements and duties of a few units (rich text), by the unit's title.
DEMO_UNIT_DETAILS = {
    "Công đoàn": (
        "<ul><li>Công đoàn cơ sở vững mạnh xuất sắc nhiều năm liền.</li>"
        "<li>Bằng khen của Liên đoàn Lao động tỉnh về phong trào thi đua.</li></ul>",
        "<ul><li>Đại diện, bảo vệ quyền và lợi ích hợp pháp của đoàn viên.</li>"
        "<li>Phối hợp với nhà trường tổ chức phong trào thi đua “Dạy tốt - Học tốt”.</li>"
        "<li>Chăm lo đời sống vật chất, tinh thần của cán bộ, giáo viên, nhân viên.</li></ul>",
    ),
    "Đoàn TNCS Hồ Chí Minh": (
        "<ul><li>Chi đoàn giáo viên vững mạnh.</li>"
        "<li>Giấy khen của Huyện đoàn về công tác Đoàn và phong trào thanh niên.</li></ul>",
        "<ul><li>Giáo dục lý tưởng, đạo đức, lối sống cho đoàn viên, thanh niên.</li>"
        "<li>Phụ trách, hỗ trợ Liên đội Thiếu niên Tiền phong Hồ Chí Minh.</li></ul>",
    ),
    "Tổ Toán": (
        "<ul><li>Tổ lao động tiên tiến.</li>"
        "<li>Học sinh đạt giải trong kỳ thi học sinh giỏi môn Toán cấp huyện.</li></ul>",
        "<ul><li>Xây dựng kế hoạch dạy học môn Toán theo Chương trình giáo dục phổ thông 2018.</li>"
        "<li>Bồi dưỡng học sinh giỏi, phụ đạo học sinh chưa đạt yêu cầu.</li>"
        "<li>Sinh hoạt chuyên môn theo nghiên cứu bài học hai tuần một lần.</li></ul>",
    ),
}

SAMPLE_PAGES = (
    (
        "Giới thiệu",
        "Giới thiệu chung về nhà trường",
        "Trường THCS Tịnh Sơn được thành lập năm 1976, là đơn vị trực thuộc Phòng Giáo dục và "
        "Đào tạo. Nhà trường có đội ngũ cán bộ, giáo viên, nhân viên tâm huyết, nhiều năm liền "
        "đạt danh hiệu Tập thể lao động tiên tiến.",
    ),
    (
        "Tin tức",
        "Khai giảng năm học mới",
        "Sáng nay, thầy và trò nhà trường long trọng tổ chức lễ khai giảng năm học mới với sự "
        "tham dự của đại diện chính quyền địa phương và Hội cha mẹ học sinh.",
    ),
    (
        "Thông báo",
        "Thông báo lịch họp phụ huynh học sinh",
        "Nhà trường thông báo lịch họp phụ huynh học sinh đầu năm học vào lúc 7 giờ 30 sáng "
        "Chủ nhật tuần này tại các phòng học.",
    ),
    (
        "Hoạt động ngoài giờ lên lớp",
        "Học sinh tham gia trồng cây xanh",
        "Liên đội trường tổ chức cho học sinh khối 8 và khối 9 trồng cây xanh quanh khuôn viên "
        "trường, góp phần xây dựng trường học xanh - sạch - đẹp.",
    ),
    (
        "Tổ Toán",
        "Tổ Toán sinh hoạt chuyên môn theo nghiên cứu bài học",
        "Tổ Toán tổ chức dự giờ, phân tích bài dạy “Phương trình bậc nhất một ẩn” ở lớp 8A, "
        "tập trung vào việc học của học sinh và thống nhất cách điều chỉnh cho các tiết sau.",
    ),
)


@transaction.atomic
def create_demo_school() -> tuple[School, bool]:
    """Create the demo school if it does not exist yet. Returns (school, created)."""
    site = Site.objects.filter(hostname=DEMO_HOSTNAME).first()
    if site is not None and hasattr(site, "school"):
        school, created = site.school, False
        sync_school_roles(schools=[school])  # roles added to the plan since it was made
    else:
        school = create_school(
            name=DEMO_NAME,
            hostname=DEMO_HOSTNAME,
            is_default=not Site.objects.filter(is_default_site=True).exists(),
            details=SchoolDetails(
                short_name="THCS Tịnh Sơn",
                governing_body="Phòng Giáo dục và Đào tạo huyện Sơn Tịnh",
                address="Xã Tịnh Sơn, huyện Sơn Tịnh, tỉnh Quảng Ngãi",
                phone="0255 3670 000",
                email="c2tinhson@quangngai.edu.vn",
                responsible_person="Phạm Tấn Danh, Hiệu trưởng",
            ),
            authority_links=list(DEMO_AUTHORITY_LINKS),
        )
        created = True
        _ensure_demo_users(school)  # before the content: the head publishes the work week
        _assign_demo_sections(school)
        _add_sample_content(school)
    _ensure_demo_users(school)
    sync_section_groups(school=school)
    from search.indexing import rebuild_school

    rebuild_school(school)  # searchable at once, whether or not the worker has run yet
    return school, created


def _ensure_demo_users(school: School) -> None:
    User = get_user_model()
    for demo in DEMO_USERS:
        user, made = User.objects.get_or_create(
            username=demo.username,
            defaults={
                "first_name": demo.first_name,
                "last_name": demo.last_name,
                "email": f"{demo.username}@example.edu.vn",
            },
        )
        if made:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        add_staff_member(school=school, user=user, roles=[demo.role])


def _assign_demo_sections(school: School) -> None:
    users = {u.username: u.pk for u in school.staff_users()}
    sections = {
        page.title: page.pk for page in SectionPage.objects.descendant_of(school.site.root_page)
    }
    assign_sections(
        school=school,
        actor=school.staff_users().get(username="truongban"),
        assignments={
            sections[title]: [users[name] for name in names]
            for title, names in DEMO_ASSIGNMENTS.items()
        },
    )


def _add_sample_content(school: School) -> None:
    import datetime

    from django.utils import timezone

    from galleries.models import AlbumPage, AlbumPhoto
    from galleries.samples import make_photo
    from news.models import ArticlePage

    sections = {
        page.title: page for page in SectionPage.objects.descendant_of(school.site.root_page)
    }
    now = timezone.now()
    for section_title, title, text in SAMPLE_PAGES:
        section = sections[section_title]
        fields = {"title": title, "slug": vntext.slugify(title), "search_description": text[:150]}
        if section.kind in SectionPage.ARTICLE_KINDS:
            page = ArticlePage(**fields, summary=text[:200], body=[("paragraph", f"<p>{text}</p>")])
            if section.kind == "announcements":
                page.pinned_until = timezone.localdate() + datetime.timedelta(days=14)
            if "Học sinh" in title:
                page.event_start = now + datetime.timedelta(days=5)
                page.event_location = "Sân trường"
        else:
            page = StandardPage(**fields, body=[("paragraph", f"<p>{text}</p>")])
        section.add_child(instance=page)
        page.save_revision().publish()
    album = AlbumPage(
        title="Lễ khai giảng năm học mới",
        slug="le-khai-giang-nam-hoc-moi",
        taken_on=timezone.localdate(),
    )
    sections["Thư viện ảnh"].add_child(instance=album)
    for i, colour in enumerate([(11, 83, 148), (56, 142, 60), (230, 145, 56)]):
        photo = make_photo(school.collection, f"Khai giảng {i + 1}", colour=colour)
        AlbumPhoto.objects.create(
            page=album, image=photo, caption=f"Hình ảnh lễ khai giảng {i + 1}", sort_order=i
        )
    album.save_revision().publish()
    for title, (achievements, duties) in DEMO_UNIT_DETAILS.items():
        unit = SectionPage.objects.get(pk=sections[title].pk)  # fresh tree fields
        unit.achievements, unit.duties = achievements, duties
        unit.save_revision().publish()
    _add_sample_documents(school, sections)
    _add_people_and_time(school, sections)
    _add_news_rota(school)
    seed_demo_workflow(school)


def _demo_pdf(text: str) -> bytes:
    """A one-page PDF showing ``text`` (made with Pillow, so no fonts or tools are needed)."""
    import io

    from PIL import Image, ImageDraw

    page = Image.new("RGB", (595, 842), "white")
    ImageDraw.Draw(page).text((60, 80), text, fill="black")
    buffer = io.BytesIO()
    page.save(buffer, "PDF")
    return buffer.getvalue()


def _add_sample_documents(school: School, sections) -> None:
    import datetime

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from official_docs.models import DocumentFile, DocumentType, OfficialDocument
    from resources.models import Resource, ResourceFile, ResourceKind

    now = timezone.now()
    samples = (
        ("37/2020/TT-BGDĐT", "Thông tư", "state", "Bộ Giáo dục và Đào tạo", datetime.date(2020, 10, 5),
         "Quy định về tổ chức hoạt động, sử dụng thư điện tử và cổng thông tin điện tử tại sở, phòng "
         "giáo dục và đào tạo và các cơ sở giáo dục"),
        ("01/KH-THCS", "Kế hoạch", "school", DEMO_NAME, datetime.date(2020, 12, 1),
         "Kế hoạch tổ chức, xây dựng và vận hành trang thông tin điện tử của nhà trường"),
    )  # fmt: skip
    for number, type_name, group, body, issued_on, summary in samples:
        document = OfficialDocument.objects.create(
            school=school, number=number, document_type=DocumentType.objects.get(school=school, name=type_name),
            issuer_group=group, issuing_body=body, issued_on=issued_on, summary=summary, published_at=now,
        )  # fmt: skip
        attached = DocumentFile(
            document=document, title=f"{number.replace('/', '-')}.pdf", kind="pdf"
        )
        data = _demo_pdf(f"{number}\n{summary[:60]}")
        attached.size = len(data)
        attached.file.save(f"{vntext.slugify(number)}.pdf", ContentFile(data), save=True)
    team = sections.get("Tổ Toán")
    resource = Resource.objects.create(
        school=school, title="Đề kiểm tra giữa học kỳ I môn Toán 8", kind=ResourceKind.objects.get(school=school, name="Đề kiểm tra"),
        subject="Toán", grade=8, team=team, authors="Tổ Toán", school_year="2025-2026",
        approved_on=timezone.localdate(), published_at=now,
        answer_key_visible_from=now + datetime.timedelta(days=7),
    )  # fmt: skip
    resource.answer_key.save("dap-an-toan-8.pdf", ContentFile(_demo_pdf("Đáp án")), save=False)
    resource.answer_key_kind = "pdf"
    resource.save()
    data = _demo_pdf("De kiem tra giua hoc ky I - Toan 8")
    paper = ResourceFile(
        resource=resource, title="Đề kiểm tra Toán 8.pdf", kind="pdf", size=len(data)
    )
    paper.file.save("de-kiem-tra-toan-8.pdf", ContentFile(data), save=True)


__all__ = ["DEMO_PASSWORD", "DEMO_USERS", "create_demo_school"]


# The editorial board of the plan (section 2.1): name, position, board role, units.
DEMO_BOARD = (
    ("Phạm Tấn Danh", "Hiệu trưởng", "Trưởng ban", ("Ban giám hiệu",)),
    ("Võ Thanh Bình", "Phó Hiệu trưởng", "Phó ban", ("Ban giám hiệu", "Hội phụ huynh")),
    ("Nguyễn Biên Cương", "Giáo viên Tin học", "Phó ban phụ trách kỹ thuật", ("Tổ Lý - Tin", "Đoàn TNCS Hồ Chí Minh")),
    ("Tôn Long Hồng Vinh", "Chủ tịch Công đoàn", "Thành viên", ("Công đoàn",)),
    ("Nguyễn Minh Trãi", "Giáo viên Tin học", "Thành viên", ("Tổ Lý - Tin",)),
    ("Nguyễn Văn Huấn", "Tổng phụ trách Đội", "Thành viên", ("Đội TNTP Hồ Chí Minh",)),
    ("Trần Văn Văn", "Tổ trưởng chuyên môn", "Thành viên", ("Tổ Toán",)),
    ("Phan Nguyễn Thụy Kiều", "Tổ trưởng chuyên môn", "Thành viên", ("Tổ Văn",)),
    ("Nguyễn Thị Tuyết Sương", "Tổ trưởng Văn phòng", "Thành viên", ("Tổ Văn phòng", "Y tế - Thư viện")),
    ("Từ Ngọc Hà", "Tổ phó chuyên môn", "Thành viên", ("Tổ Hóa - Sinh", "Chi bộ Đảng")),
    ("Lê Hồng Tiến", "Giáo viên - Tổng phụ trách hoạt động", "Thư ký", ("Tổ Sử - Địa",)),
)  # fmt: skip


def _add_people_and_time(school: School, sections) -> None:
    import datetime

    from django.utils import timezone

    from people.models import StaffMember
    from schedules.models import WorkEntry, WorkWeek
    from schedules.services import publish_week
    from timetables.models import Lesson, Timetable

    for order, (name, position, role, units) in enumerate(DEMO_BOARD):
        member = StaffMember.objects.create(
            school=school, full_name=name, positions=position, is_on_editorial_board=True, board_role=role,
            sort_order=order, official_email=f"{vntext.slugify(name).replace('-', '.')}@example.edu.vn",
        )  # fmt: skip
        member.units.set([sections[unit] for unit in units])
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    week = WorkWeek.objects.create(school=school, week_start=monday)
    plan = (
        (0, "sang", "Chào cờ đầu tuần; sinh hoạt dưới cờ", "Sân trường", "Tổng phụ trách Đội"),
        (1, "chieu", "Họp Ban biên tập cổng thông tin điện tử", "Phòng họp", "Hiệu trưởng"),
        (3, "sang", "Dự giờ thao giảng Tổ Toán", "Phòng 8A", "Phó Hiệu trưởng"),
    )  # fmt: skip
    for order, (day, session, content, place, chair) in enumerate(plan):
        WorkEntry.objects.create(
            week=week, date=monday + datetime.timedelta(days=day), session=session, content=content,
            place=place, chair=chair, participants="Theo thông báo", sort_order=order,
        )  # fmt: skip
    publish_week(week=week, actor=school.staff_users().get(username="truongban"))
    timetable = Timetable.objects.create(
        school=school, name="TKB học kỳ I", effective_from=monday, is_published=True
    )
    subjects = ("Toán", "Ngữ văn", "Tiếng Anh", "Khoa học tự nhiên", "Lịch sử và Địa lí")
    Lesson.objects.bulk_create(
        Lesson(timetable=timetable, class_name=class_name, weekday=day, session="sang", period=period,
               subject=subjects[(day + period + grade) % len(subjects)], teacher=f"Giáo viên {subjects[(day + period + grade) % len(subjects)]}")
        for grade, class_name in enumerate(("6A", "7A", "8A", "9A"))
        for day in range(2, 8)
        for period in range(1, 5)
    )  # fmt: skip


DEMO_ROTA_THEMES = (
    "Đổi mới phương pháp dạy học",
    "Gương người tốt, việc tốt",
    "An toàn giao thông, phòng chống đuối nước",
    "Hoạt động trải nghiệm, hướng nghiệp",
    "Chuyển đổi số trong nhà trường",
    "Bồi dưỡng học sinh giỏi",
    "Giáo dục kỹ năng sống",
    "Thư viện thân thiện, văn hóa đọc",
)


def _add_news_rota(school: School) -> None:
    """Plan III.3: the tổ take turns writing the news, by theme; eight weeks from this one."""
    import datetime

    from django.utils import timezone

    from workflows.rota import generate_rota

    today = timezone.localdate()
    generate_rota(
        school=school,
        start=today - datetime.timedelta(days=today.weekday()),
        weeks=8,
        themes=DEMO_ROTA_THEMES,
        actor=school.staff_users().get(username="truongban"),
    )
