"""The events calendar: month view, upcoming list, iCal feed; privacy, query budget, bad dates."""

from __future__ import annotations

import datetime
import re
import zoneinfo

from django.db import connection
from django.test import SimpleTestCase, TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from news import ical
from news.factories import ArticlePageFactory
from schools.factories import SchoolFactory

HOST = "anphu.example.vn"
OTHER_HOST = "binhminh.example.vn"
LOCAL = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
UTC_STAMP = re.compile(r"^\d{8}T\d{6}Z$")


def local(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LOCAL)


def news_section(school):
    return (
        school.site.root_page.get_children()
        .get(slug="tin-tuc-su-kien")
        .get_children()
        .get(slug="tin-tuc")
    )


def path_of(page) -> str:
    """The page's path on its own site (``page.url`` is absolute when there are several)."""
    return page.get_url_parts()[2]


# ---- A strict reader of our iCalendar output ---------------------------------------------


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def parse_ics(data: bytes) -> list[dict[str, str]]:
    """Check RFC 5545's rules on ``data`` and return its VEVENTs as {property: value}.

    Every physical line ends with CRLF and has at most 75 octets; folding never splits a UTF-8
    character; BEGIN/END are balanced; the calendar has VERSION 2.0 and a PRODID; every event
    has exactly one UID, DTSTAMP and DTSTART, in UTC; TEXT values carry no bare , ; or newline."""
    assert data.endswith(b"\r\n"), "the last line must end with CRLF"
    physical = data[:-2].split(b"\r\n")
    for line in physical:
        assert b"\n" not in line and b"\r" not in line, f"bare LF or CR in {line!r}"
        assert len(line) <= 75, f"{len(line)} octets: {line!r}"
        line.decode("utf-8")  # a fold inside a multi-byte character fails here
    logical: list[str] = []
    for line in physical:
        text = line.decode("utf-8")
        if text.startswith((" ", "\t")):
            assert logical, "a continuation line cannot come first"
            logical[-1] += text[1:]
        else:
            logical.append(text)

    stack, events, calendar_props, current = [], [], {}, None
    for line in logical:
        name, _, value = line.partition(":")
        assert re.fullmatch(r"[A-Z][A-Z0-9-]*(;[^:]*)?", name), f"bad property name in {line!r}"
        name = name.split(";")[0]
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                current = {}
            continue
        if name == "END":
            assert stack and stack.pop() == value, f"END:{value} does not close its BEGIN"
            if value == "VEVENT":
                events.append(current)
                current = None
            continue
        target = current if current is not None else calendar_props
        assert name not in target, f"{name} repeated"
        if name in {"SUMMARY", "DESCRIPTION", "LOCATION", "X-WR-CALNAME", "UID"}:
            assert not re.search(r"(?<!\\)[,;]", value.replace("\\\\", "")), value
            value = unescape(value)
        target[name] = value
    assert stack == [], f"unclosed: {stack}"
    assert calendar_props.get("VERSION") == "2.0"
    assert calendar_props.get("PRODID")
    for event in events:
        for required in ("UID", "DTSTAMP", "DTSTART"):
            assert required in event, f"{required} missing in {event}"
        for stamp in ("DTSTAMP", "DTSTART", "DTEND", "LAST-MODIFIED"):
            if stamp in event:
                assert UTC_STAMP.match(event[stamp]), f"{stamp}:{event[stamp]} is not UTC"
    return events


class TestIcalWriter(SimpleTestCase):
    def test_text_is_escaped_and_long_vietnamese_lines_fold_between_characters(self):
        summary = "Hội thi «Giai điệu tuổi hồng»; khối 6, 7\\8 – " + "ngày hội đọc sách " * 8
        event = ical.Event(
            uid="article-1@example.vn",
            start=local(2025, 9, 5, 7, 30),
            end=local(2025, 9, 5, 11, 0),
            summary=summary,
            description="Dòng một\nDòng hai, có dấu phẩy",
            location="Sân trường; nhà đa năng",
            url="https://example.vn/tin-tuc/hoi-thi/?a=1,2",
        )
        data = ical.build_calendar(
            [event], name="Trường THCS An Phú", stamp=local(2025, 9, 1)
        ).encode()
        self.assertIn(b"\r\n ", data, "a long line must be folded")
        [parsed] = parse_ics(data)
        self.assertEqual(parsed["SUMMARY"], summary)
        self.assertEqual(parsed["DESCRIPTION"], "Dòng một\nDòng hai, có dấu phẩy")
        self.assertEqual(parsed["LOCATION"], "Sân trường; nhà đa năng")
        self.assertEqual(parsed["URL"], event.url)
        self.assertEqual(parsed["DTSTART"], "20250905T003000Z")
        self.assertEqual(parsed["DTEND"], "20250905T040000Z")

    def test_fold_keeps_every_piece_within_75_octets(self):
        for text in ("a" * 300, "ệ" * 200, "x" + "ư" * 101):
            with self.subTest(text=text[:5]):
                folded = ical.fold("SUMMARY:" + text)
                pieces = folded.split("\r\n")
                self.assertTrue(all(len(p.encode()) <= 75 for p in pieces))
                self.assertEqual(
                    "".join([pieces[0], *(p[1:] for p in pieces[1:])]), "SUMMARY:" + text
                )


# ---- The views -------------------------------------------------------------------------------


class CalendarTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school = SchoolFactory(name="Trường THCS An Phú", hostname=HOST)
        cls.other = SchoolFactory(name="Trường THCS Bình Minh", hostname=OTHER_HOST)
        cls.news = news_section(cls.school)
        cls.sports = ArticlePageFactory(
            parent=cls.news,
            title="Hội khỏe Phù Đổng",
            event_start=local(2025, 9, 5, 7, 30),
            event_end=local(2025, 9, 7, 11, 0),
            event_location="Sân vận động huyện, khu A",
        )
        cls.late = ArticlePageFactory(  # 23:30 local on the 12th is 16:30 UTC the same day
            parent=cls.news, title="Đêm văn nghệ", event_start=local(2025, 9, 12, 23, 30)
        )
        cls.plain_news = ArticlePageFactory(parent=cls.news, title="Tin không phải sự kiện")
        # What must never appear:
        cls.draft = ArticlePageFactory(
            parent=cls.news, title="Sự kiện nháp", live=False, event_start=local(2025, 9, 10, 8)
        )
        cls.private = ArticlePageFactory(
            parent=cls.news, title="Họp nội bộ", event_start=local(2025, 9, 11, 8)
        )
        PageViewRestriction.objects.create(page=cls.private, restriction_type="login")
        cls.expired = ArticlePageFactory(
            parent=cls.news,
            title="Sự kiện đã hết hạn",
            event_start=local(2025, 9, 15, 8),
            expire_at=timezone.now() - datetime.timedelta(minutes=1),
        )
        cls.foreign = ArticlePageFactory(
            parent=news_section(cls.other),
            title="Sự kiện trường khác",
            event_start=local(2025, 9, 16, 8),
        )
        cls.hidden = [cls.draft, cls.private, cls.expired, cls.foreign]

    def get(self, path, host=HOST, **params):
        return self.client.get(path, params, HTTP_HOST=host)


class TestMonthView(CalendarTestCase):
    def test_month_table_is_accessible_and_places_events_on_their_local_days(self):
        response = self.get("/su-kien/2025/9/")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        table = re.search(r"<table class=\"calendar\">.*?</table>", html, flags=re.S).group(0)
        self.assertIn("<caption>", table)
        self.assertEqual(table.count('<th scope="col">'), 7)
        self.assertEqual(table.count("<tr>"), 1 + 5)  # header + five weeks (1 Sep 2025 is a Monday)
        # A three-day event shows on each of its days; the late one on its local day.
        self.assertEqual(table.count("Hội khỏe Phù Đổng"), 3)
        cells = re.findall(r'<td class="calendar__day[^"]*"[^>]*>(.*?)</td>', table, flags=re.S)
        day_12 = next(c for c in cells if 'datetime="2025-09-12"' in c)
        self.assertIn("Đêm văn nghệ", day_12)
        self.assertIn(f'href="{path_of(self.sports)}"', table)

    def test_phone_list_has_the_same_events_per_day(self):
        html = self.get("/su-kien/2025/9/").content.decode()
        agenda = re.search(r'<section class="agenda".*?</section>', html, flags=re.S).group(0)
        self.assertEqual(agenda.count('<li class="agenda__day'), 4)  # 5, 6, 7 and 12 Sep
        self.assertIn("Sân vận động huyện, khu A", agenda)

    def test_previous_and_next_month_links_cross_the_year(self):
        response = self.get("/su-kien/2025/12/")
        self.assertContains(response, 'href="/su-kien/2025/11/" rel="prev"')
        self.assertContains(response, 'href="/su-kien/2026/1/" rel="next"')
        response = self.get("/su-kien/2026/1/")
        self.assertContains(response, 'href="/su-kien/2025/12/" rel="prev"')

    def test_current_month_marks_today(self):
        response = self.get("/su-kien/")
        self.assertEqual(response.status_code, 200)
        today = timezone.localdate()
        self.assertContains(response, f'<time class="calendar__date" datetime="{today:%Y-%m-%d}">')
        self.assertRegex(
            response.content.decode(),
            rf'calendar__day--today" aria-current="date">\s*<time class="calendar__date" datetime="{today:%Y-%m-%d}">',
        )

    def test_invalid_months_are_404(self):
        for path in (
            "/su-kien/2025/13/",
            "/su-kien/2025/0/",
            "/su-kien/0/5/",
            "/su-kien/99999/1/",
            "/su-kien/9999999999999999999999/1/",
            "/su-kien/2025/abc/",
            "/su-kien/-1/2/",
        ):
            with self.subTest(path=path):
                self.assertEqual(self.get(path).status_code, 404)

    def test_a_host_without_a_school_is_404(self):
        for path in ("/su-kien/", "/su-kien/danh-sach/", "/su-kien/lich.ics"):
            with self.subTest(path=path):
                self.assertEqual(self.get(path, host="khong-co-truong.example").status_code, 404)


class TestUpcomingList(CalendarTestCase):
    def test_lists_only_events_not_over_yet_soonest_first(self):
        now = timezone.now()
        running = ArticlePageFactory(
            parent=self.news,
            title="Tuần lễ học tập suốt đời",
            event_start=now - datetime.timedelta(days=1),
            event_end=now + datetime.timedelta(days=2),
        )
        soon = ArticlePageFactory(
            parent=self.news, title="Họp phụ huynh", event_start=now + datetime.timedelta(days=3)
        )
        response = self.get("/su-kien/danh-sach/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(list(response.context["events"]), [running, soon])
        self.assertNotContains(response, "Hội khỏe Phù Đổng")  # September 2025 is over

    def test_bad_page_numbers_give_a_normal_page(self):
        for bad in ("abc", "999", "-1"):
            with self.subTest(page=bad):
                self.assertEqual(self.get("/su-kien/danh-sach/", page=bad).status_code, 200)


class TestIcalFeed(CalendarTestCase):
    def test_feed_is_valid_icalendar_with_stable_uids(self):
        now = timezone.now()
        upcoming = ArticlePageFactory(
            parent=self.news,
            title="Lễ kỷ niệm ngày Nhà giáo Việt Nam 20/11, chào mừng quý thầy cô; khách mời",
            summary="Chương trình gồm:\nvăn nghệ, trao thưởng",
            event_start=now + datetime.timedelta(days=5),
            event_end=now + datetime.timedelta(days=5, hours=3),
            event_location="Hội trường A, tầng 2",
        )
        response = self.get("/su-kien/lich.ics")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/calendar; charset=utf-8")
        events = {event["UID"]: event for event in parse_ics(response.content)}
        uid = f"article-{upcoming.pk}@{HOST}"
        self.assertIn(uid, events)
        event = events[uid]
        self.assertEqual(event["SUMMARY"], upcoming.title)
        self.assertEqual(event["DESCRIPTION"], "Chương trình gồm:\nvăn nghệ, trao thưởng")
        self.assertEqual(event["LOCATION"], "Hội trường A, tầng 2")
        self.assertEqual(event["URL"], f"http://{HOST}{path_of(upcoming)}")
        start = upcoming.event_start.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        self.assertEqual(event["DTSTART"], start)
        # The same UID on the next request: calendar apps update instead of duplicating.
        again = {e["UID"] for e in parse_ics(self.get("/su-kien/lich.ics").content)}
        self.assertIn(uid, again)

    def test_feed_leaves_out_old_events(self):
        ArticlePageFactory(
            parent=self.news, title="Sự kiện năm xưa", event_start=local(2019, 5, 1, 8)
        )
        self.assertNotIn(
            b"S\xe1\xbb\xb1 ki\xe1\xbb\x87n n\xc4\x83m x\xc6\xb0a",
            self.get("/su-kien/lich.ics").content,
        )


class TestPrivacy(CalendarTestCase):
    """Drafts, private, expired pages and other schools' events appear nowhere."""

    def test_hidden_events_are_absent_from_month_list_and_feed(self):
        # Move everything into the future so that the list and the feed would show them.
        start = timezone.now() + datetime.timedelta(days=2)
        for page in [self.sports, *self.hidden]:
            type(page).objects.filter(pk=page.pk).update(event_start=start, event_end=None)
        month = f"/su-kien/{timezone.localtime(start):%Y/%-m}/"
        for path in (month, "/su-kien/danh-sach/", "/su-kien/lich.ics"):
            body = self.get(path).content.decode()
            with self.subTest(path=path):
                self.assertIn("Hội khỏe Phù Đổng", body)
                for page in self.hidden:
                    self.assertNotIn(page.title, body)
                    self.assertNotIn(f"article-{page.pk}@", body)

    def test_the_other_school_sees_only_its_own_event(self):
        body = self.get("/su-kien/2025/9/", host=OTHER_HOST).content.decode()
        self.assertIn("Sự kiện trường khác", body)
        self.assertNotIn("Hội khỏe Phù Đổng", body)


class TestQueryBudget(CalendarTestCase):
    def count(self, path) -> int:
        self.get(path)  # warm caches (site root paths, ...)
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.get(path).status_code, 200)
        return len(queries)

    def test_queries_do_not_grow_with_the_number_of_events(self):
        now = timezone.now()
        ArticlePageFactory(parent=self.news, event_start=now + datetime.timedelta(hours=1))
        paths = ("/su-kien/2025/9/", "/su-kien/danh-sach/", "/su-kien/lich.ics")
        before = {path: self.count(path) for path in paths}
        for n in range(12):
            ArticlePageFactory(
                parent=self.news,
                title=f"Sự kiện số {n}",
                event_start=local(2025, 9, 1 + n, 8)
                if n % 2
                else now + datetime.timedelta(days=n + 1),
                event_end=now + datetime.timedelta(days=n + 2) if n % 3 == 0 else None,
            )
        after = {path: self.count(path) for path in paths}
        self.assertEqual(before, after)
