"""Seed the benchmark database: one large school and many small ones, with the real models.

Run by ``bench/run.py`` (``DJANGO_SETTINGS_MODULE=bench.settings``, ``BENCH_SEEDING=1``), or on
its own: ``python bench/seed.py [--quick] [--schools N]``. Prints one JSON line describing what
it made (host names and sample URLs) for the runner.

Schools are made by ``schools.services.create_school`` (the section tree, groups, workflow);
pages by Wagtail's ``add_child`` as live pages with their dates spread over five school years (no
revision history: the public side never reads it; the benchmark's publish measurement goes
through Wagtail's revision publishing); documents, resources and their files with
``bulk_create``; the work calendar through ``schedules.services.publish_week``. Background tasks
are dropped while seeding (``bench/settings.py``) and each school's search index is rebuilt once
at the end (``search.indexing.rebuild_school``). Content is generated from a fixed seed, so two
runs make the same sites.
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("BENCH_SEEDING", "1")

BIG_HOST = "thcs-tinh-son.bench.edu.vn"
BIG_NAME = "Trường THCS Tịnh Sơn"
SMALL_HOST = "truong{n:02d}.bench.edu.vn"
SEED = 20201005


@dataclass(frozen=True)
class Size:
    articles: int
    documents: int
    resources: int
    albums: int
    photos_per_album: int
    calendar_weeks: int
    small_schools: int
    small_articles: int
    small_documents: int
    small_resources: int
    small_weeks: int


FULL = Size(2000, 500, 300, 100, 6, 5 * 52, 49, 40, 20, 10, 8)
QUICK = Size(300, 60, 40, 10, 3, 26, 4, 10, 5, 3, 2)

# --- generated Vietnamese text -------------------------------------------------------------
ACTIVITIES = (
    "Lễ khai giảng năm học", "Hội khỏe Phù Đổng cấp trường", "Ngày hội đọc sách",
    "Hội thi giáo viên dạy giỏi", "Chuyên đề đổi mới phương pháp dạy học", "Hội nghị cán bộ, công chức",
    "Tổng kết năm học", "Sơ kết học kỳ I", "Hoạt động trải nghiệm hướng nghiệp", "Tuyên truyền an toàn giao thông",
    "Phòng chống đuối nước cho học sinh", "Ngày Nhà giáo Việt Nam 20/11", "Kỷ niệm ngày thành lập Đoàn 26/3",
    "Giải bóng đá học sinh", "Hội thảo chuyển đổi số", "Tập huấn Chương trình giáo dục phổ thông 2018",
    "Thi học sinh giỏi cấp huyện", "Trồng cây xanh quanh trường", "Quyên góp ủng hộ đồng bào vùng lũ",
    "Hội trại truyền thống", "Sinh hoạt chuyên môn theo nghiên cứu bài học", "Ngày hội STEM",
)  # fmt: skip
DETAILS = (
    "khối 6", "khối 7", "khối 8", "khối 9", "toàn trường", "cấp huyện", "cấp tỉnh", "năm 2024",
    "học kỳ II", "tháng 10", "lần thứ nhất", "với phụ huynh học sinh", "tại hội trường",
)  # fmt: skip
SENTENCES = (
    "Nhà trường đã phối hợp với Hội cha mẹ học sinh tổ chức chu đáo, an toàn và tiết kiệm.",
    "Thầy và trò tích cực tham gia, thể hiện tinh thần đoàn kết, sáng tạo và trách nhiệm.",
    "Ban giám hiệu ghi nhận sự cố gắng của các tổ chuyên môn và giáo viên chủ nhiệm.",
    "Hoạt động góp phần nâng cao chất lượng giáo dục toàn diện cho học sinh.",
    "Các em học sinh được rèn luyện kỹ năng sống, kỹ năng làm việc nhóm và thuyết trình.",
    "Đại diện Phòng Giáo dục và Đào tạo đánh giá cao kết quả nhà trường đạt được.",
    "Buổi sinh hoạt diễn ra sôi nổi với nhiều tiết mục văn nghệ đặc sắc của học sinh.",
    "Giáo viên đã chia sẻ kinh nghiệm ứng dụng công nghệ thông tin trong dạy học.",
    "Nhà trường tiếp tục đẩy mạnh phong trào “Xây dựng trường học thân thiện, học sinh tích cực”.",
    "Kết thúc chương trình, Ban tổ chức trao giấy khen cho các tập thể và cá nhân xuất sắc.",
    "Học sinh khối 9 được tư vấn về định hướng nghề nghiệp và tuyển sinh vào lớp 10.",
    "Thư viện nhà trường bổ sung hàng trăm đầu sách mới phục vụ bạn đọc.",
)  # fmt: skip
TAGS = ("khai giảng", "thể thao", "đọc sách", "chuyên môn", "đoàn đội", "an toàn giao thông", "STEM", "hướng nghiệp")  # fmt: skip
ISSUERS = (
    ("state", "Bộ Giáo dục và Đào tạo"), ("province", "Sở Giáo dục và Đào tạo Quảng Ngãi"),
    ("district", "Phòng Giáo dục và Đào tạo huyện Sơn Tịnh"), ("school", BIG_NAME),
)  # fmt: skip
DOC_SUBJECTS = (
    "Kế hoạch thực hiện nhiệm vụ năm học", "Quy chế chi tiêu nội bộ", "Hướng dẫn kiểm tra, đánh giá học sinh",
    "Quyết định thành lập tổ chuyên môn", "Công văn về việc tổ chức thi học sinh giỏi", "Kế hoạch bồi dưỡng thường xuyên giáo viên",
    "Quy định về công khai đối với cơ sở giáo dục", "Thông báo tuyển sinh vào lớp 6", "Kế hoạch phòng chống dịch bệnh trong trường học",
)  # fmt: skip
SUBJECTS = ("Toán", "Ngữ văn", "Tiếng Anh", "Khoa học tự nhiên", "Lịch sử và Địa lí", "Tin học", "Giáo dục công dân")  # fmt: skip
WORK = (
    ("sang", "Chào cờ đầu tuần; sinh hoạt dưới cờ", "Sân trường", "Tổng phụ trách Đội"),
    ("chieu", "Họp Ban giám hiệu", "Phòng họp", "Hiệu trưởng"),
    ("sang", "Dự giờ thao giảng", "Phòng 8A", "Phó Hiệu trưởng"),
    ("chieu", "Sinh hoạt tổ chuyên môn", "Phòng bộ môn", "Tổ trưởng"),
    ("sang", "Kiểm tra hồ sơ chuyên môn", "Văn phòng", "Phó Hiệu trưởng"),
    ("chieu", "Họp hội đồng sư phạm", "Hội trường", "Hiệu trưởng"),
)  # fmt: skip


def article_text(rng: random.Random, *, paragraphs: int = 5) -> list[str]:
    return [
        " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 6))) for _ in range(paragraphs)
    ]


def title_for(rng: random.Random, n: int) -> str:
    return f"{rng.choice(ACTIVITIES)} {rng.choice(DETAILS)} ({n})"


def tiny_pdf(text: str) -> bytes:
    """A valid one-page PDF without fonts or tools (Pillow), like the demo school's."""
    from PIL import Image, ImageDraw

    page = Image.new("L", (298, 421), 255)
    ImageDraw.Draw(page).text((30, 40), text, fill=0)
    buffer = io.BytesIO()
    page.save(buffer, "PDF")
    return buffer.getvalue()


def photo(rng: random.Random) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 800), tuple(rng.randint(40, 220) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(12):  # some structure, so JPEG has something to encode
        x, y = rng.randint(0, 1100), rng.randint(0, 700)
        draw.rectangle((x, y, x + rng.randint(40, 300), y + rng.randint(40, 300)),
                       fill=tuple(rng.randint(0, 255) for _ in range(3)))  # fmt: skip
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


class Seeder:
    def __init__(self, size: Size) -> None:
        self.size = size
        self.rng = random.Random(SEED)
        self.pdf = tiny_pdf("Cong Truong - van ban mau")
        from django.utils import timezone

        self.today = timezone.localdate()

    # --- schools -------------------------------------------------------------------------
    def school(self, *, name: str, host: str, big: bool):
        from django.contrib.auth import get_user_model

        from schools.services import add_staff_member, create_school

        school = create_school(name=name, hostname=host, is_default=big)
        head = get_user_model().objects.create_user(
            username=f"head-{host.split('.')[0]}", first_name="Hiệu", last_name="Trưởng"
        )
        add_staff_member(school=school, user=head, roles=["head"])
        return school, head

    def sections(self, school) -> dict[str, object]:
        from sections.models import SectionPage

        pages = SectionPage.objects.descendant_of(school.site.root_page).order_by("path")
        return {page.url_path.rstrip("/").rsplit("/", 1)[-1]: page for page in pages}

    # --- pages ---------------------------------------------------------------------------
    def images(self, school, count: int) -> list:
        from django.core.files.uploadedfile import SimpleUploadedFile
        from wagtail.images import get_image_model

        Image = get_image_model()
        made = []
        for i in range(count):
            made.append(
                Image.objects.create(
                    title=f"Ảnh hoạt động {i + 1}",
                    file=SimpleUploadedFile(f"anh-{school.pk}-{i + 1}.jpg", photo(self.rng)),
                    collection=school.collection,
                )
            )
        return made

    def articles(self, school, sections, count: int, images: list) -> list:
        from django.utils import timezone

        import vntext
        from news.models import ArticlePage
        from sections.models import SectionPage

        news_sections = [s for s in sections.values() if s.kind in SectionPage.ARTICLE_KINDS]
        weights = [20 if s.slug in ("tin-tuc", "thong-bao") else 1 for s in news_sections]
        start = timezone.now() - datetime.timedelta(days=5 * 365)
        span = 5 * 365 * 24 * 3600
        made = []
        for n in range(count):
            section = self.rng.choices(news_sections, weights)[0]
            title = title_for(self.rng, n + 1)
            when = start + datetime.timedelta(seconds=span * (n + 1) / count)
            paragraphs = article_text(self.rng)
            page = ArticlePage(
                title=title,
                slug=vntext.slugify(title),
                summary=paragraphs[0][:300],
                search_description=paragraphs[0][:150],
                body=[("paragraph", f"<p>{p}</p>") for p in paragraphs],
                cover_image=self.rng.choice(images) if images and n % 3 else None,
                live=True,
                first_published_at=when,
                last_published_at=when,
            )
            if section.kind == "announcements" and n >= count - 3:
                page.pinned_until = self.today + datetime.timedelta(days=30)
            if n % 25 == 0:
                page.event_start = when + datetime.timedelta(days=3)
                page.event_location = "Sân trường"
            page.tags.add(*self.rng.sample(TAGS, 2))
            section.add_child(instance=page)
            made.append(page)
        return made

    def albums(self, school, sections, count: int, per_album: int, images: list) -> None:
        from django.utils import timezone

        import vntext
        from galleries.models import AlbumPage, AlbumPhoto

        gallery = sections["thu-vien-anh"]
        for n in range(count):
            title = f"Album: {self.rng.choice(ACTIVITIES)} ({n + 1})"
            when = timezone.now() - datetime.timedelta(days=(count - n) * 18)
            album = AlbumPage(
                title=title,
                slug=vntext.slugify(title),
                taken_on=when.date(),
                live=True,
                first_published_at=when,
                last_published_at=when,
            )
            gallery.add_child(instance=album)
            AlbumPhoto.objects.bulk_create(
                AlbumPhoto(page=album, image=self.rng.choice(images), caption=f"Ảnh {i + 1}", sort_order=i)
                for i in range(per_album)
            )  # fmt: skip

    # --- registers -----------------------------------------------------------------------
    def documents(self, school, sections, count: int) -> None:
        from django.core.files.base import ContentFile
        from django.core.files.storage import default_storage
        from django.utils import timezone

        from official_docs.models import DocumentFile, DocumentType, OfficialDocument

        types = list(DocumentType.objects.filter(school=school))
        docs = []
        for n in range(count):
            group, body = self.rng.choice(ISSUERS)
            issued = self.today - datetime.timedelta(days=self.rng.randint(0, 5 * 365))
            number = f"{n + 1}/{self.rng.choice(('KH', 'QĐ', 'CV', 'TB'))}-{issued.year}"
            doc = OfficialDocument(
                school=school, number=number, number_key=OfficialDocument.make_number_key(number),
                document_type=self.rng.choice(types), issuer_group=group, issuing_body=body,
                signer="Phạm Tấn Danh", issued_on=issued, effective_on=issued,
                summary=f"{self.rng.choice(DOC_SUBJECTS)} {issued.year}-{issued.year + 1}",
                field=self.rng.choice(("Chuyên môn", "Tổ chức", "Tài chính", "Thi đua")),
                is_public=n % 10 != 0, published_at=timezone.now(),
            )  # fmt: skip
            docs.append(doc)
        docs = OfficialDocument.objects.bulk_create(docs)
        files = []
        for doc in docs:
            name = default_storage.save(
                f"official_docs/{school.pk}/van-ban-{doc.pk}.pdf", ContentFile(self.pdf)
            )
            files.append(
                DocumentFile(document=doc, title=f"van-ban-{doc.pk}.pdf", kind="pdf", size=len(self.pdf), file=name)
            )  # fmt: skip
        DocumentFile.objects.bulk_create(files)

    def resources(self, school, sections, count: int) -> None:
        from django.core.files.base import ContentFile
        from django.core.files.storage import default_storage
        from django.utils import timezone

        from resources.models import Resource, ResourceFile, ResourceKind

        kinds = list(ResourceKind.objects.filter(school=school))
        teams = [s for s in sections.values() if "/to-chuyen-mon/" in s.url_path and s.depth == 4]
        items = []
        for n in range(count):
            subject, grade = self.rng.choice(SUBJECTS), self.rng.randint(6, 9)
            year = self.today.year - self.rng.randint(0, 4)
            kind = self.rng.choice(kinds)
            items.append(
                Resource(
                    school=school, title=f"{kind.name} {subject} {grade} ({n + 1})", kind=kind,
                    subject=subject, grade=grade, team=self.rng.choice(teams) if teams else None,
                    authors="Tổ chuyên môn", school_year=f"{year}-{year + 1}",
                    approved_on=datetime.date(year, 9, 15), description=self.rng.choice(SENTENCES),
                    is_staff_only=n % 8 == 0, published_at=timezone.now(),
                )
            )  # fmt: skip
        items = Resource.objects.bulk_create(items)
        files = []
        for item in items:
            name = default_storage.save(
                f"resources/{school.pk}/tu-lieu-{item.pk}.pdf", ContentFile(self.pdf)
            )
            files.append(
                ResourceFile(resource=item, title=f"tu-lieu-{item.pk}.pdf", kind="pdf", size=len(self.pdf), file=name)
            )  # fmt: skip
        ResourceFile.objects.bulk_create(files)

    def calendar(self, school, head, weeks: int) -> None:
        from schedules.models import WorkEntry, WorkWeek
        from schedules.services import publish_week

        monday = self.today - datetime.timedelta(days=self.today.weekday())
        for w in range(weeks):
            start = monday - datetime.timedelta(weeks=weeks - 1 - w)
            week = WorkWeek.objects.create(school=school, week_start=start)
            WorkEntry.objects.bulk_create(
                WorkEntry(
                    week=week, date=start + datetime.timedelta(days=i % 6), session=session,
                    content=content, place=place, chair=chair, participants="Theo thông báo", sort_order=i,
                )
                for i, (session, content, place, chair) in enumerate(WORK)
            )  # fmt: skip
            publish_week(week=week, actor=head)

    # --- all -----------------------------------------------------------------------------
    def run(self) -> dict:
        from django.db import transaction

        from search.indexing import rebuild_school

        size, timings, started = self.size, {}, time.perf_counter()

        def lap(name: str, since: float) -> float:
            now = time.perf_counter()
            timings[name] = round(now - since, 1)
            print(f"  {name}: {timings[name]} s", file=sys.stderr, flush=True)
            return now

        t = time.perf_counter()
        with transaction.atomic():
            big, head = self.school(name=BIG_NAME, host=BIG_HOST, big=True)
            sections = self.sections(big)
            images = self.images(big, 60)
            t = lap("large school, images", t)
            articles = self.articles(big, sections, size.articles, images)
            t = lap(f"{size.articles} articles", t)
            self.albums(big, sections, size.albums, size.photos_per_album, images)
            self.documents(big, sections, size.documents)
            self.resources(big, sections, size.resources)
            t = lap("albums, documents, resources", t)
            self.calendar(big, head, size.calendar_weeks)
            t = lap(f"{size.calendar_weeks} calendar weeks", t)
        small_hosts = []
        for n in range(1, size.small_schools + 1):
            host = SMALL_HOST.format(n=n)
            with transaction.atomic():
                school, small_head = self.school(
                    name=f"Trường Tiểu học Số {n}", host=host, big=False
                )
                parts = self.sections(school)
                pictures = self.images(school, 3)
                self.articles(school, parts, size.small_articles, pictures)
                self.albums(school, parts, 2, 3, pictures)
                self.documents(school, parts, size.small_documents)
                self.resources(school, parts, size.small_resources)
                self.calendar(school, small_head, size.small_weeks)
            small_hosts.append(host)
        t = lap(f"{size.small_schools} small schools", t)
        from schools.models import School

        entries = {}
        for school in School.objects.select_related("site"):
            entries[school.site.hostname] = rebuild_school(school)
        t = lap("search index", t)
        timings["total"] = round(time.perf_counter() - started, 1)
        article = articles[len(articles) // 2]
        return {
            "big_host": BIG_HOST,
            "small_hosts": small_hosts,
            "article_urls": [site_path(a) for a in articles[-400:]],
            "article_url": site_path(article),
            "section_url": site_path(sections["tin-tuc"]),
            "large_school": {
                "articles": size.articles,
                "documents": size.documents,
                "resources": size.resources,
                "albums": size.albums,
                "calendar weeks": size.calendar_weeks,
            },
            "small_school": {
                "articles": size.small_articles,
                "documents": size.small_documents,
                "resources": size.small_resources,
                "albums": 2,
                "calendar weeks": size.small_weeks,
            },
            "search_entries": entries.get(BIG_HOST, 0),
            "search_entries_total": sum(entries.values()),
            "timings": timings,
        }


def site_path(page) -> str:
    """``/tin-tuc-su-kien/tin-tuc/bai/`` from Wagtail's ``url_path`` (which starts at the root)."""
    return "/" + page.url_path.split("/", 2)[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small data set, for development")
    args = parser.parse_args(argv)
    import django

    django.setup()
    result = Seeder(QUICK if args.quick else FULL).run()
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
