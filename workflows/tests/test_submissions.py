"""Reader submissions ("Gửi bài"): a good article becomes a draft that nobody outside the
editorial board sees, the secretaries are told, the contact stays private; the form's defences
(honeypot, rate limit, challenge, uploads) refuse with Vietnamese messages and write nothing;
each host gets its own school; the inbox is confined to the school; and a submission goes live
only after the workflow's sign-off."""

from __future__ import annotations

import html
import io
import json
import os
import re
import time
import unicodedata
from unittest import mock

from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import ModelLogEntry, PageLogEntry

import vntext
from news.models import ArticlePage
from schools.factories import TEST_PASSWORD, SchoolFactory, make_staff
from sections.models import SectionPage
from workflows.models import Notification, Submission, SubmissionFile
from workflows.public_forms import parse_answer
from workflows.submissions import create_submission, set_submission_status

from .helpers import edit_page, form_data

HOST_A = "anphu.test"
HOST_B = "binhminh.test"
FORM = "/gui-bai/"
DONE = "/gui-bai/da-gui/"
CONTACT = "0912 345 678"
NUMBERS = {
    "không": 0, "một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
    "chín": 9, "mười": 10, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
LABEL = re.compile(r'<label for="id_answer">(.*?)</label>', re.DOTALL)
TOKEN = re.compile(r'name="challenge" value="([^"]*)"')


def solve(page_html: str) -> tuple[str, str]:
    """The answer (as a reader would type it) and the token of the form's check question."""
    question = html.unescape(LABEL.search(page_html).group(1)).split("(")[0].lower()
    words = re.findall(r"\w+", question)
    a, b = (NUMBERS[w] for w in words if w in NUMBERS)
    answer = a - b if ("trừ" in words or "minus" in words) else a + b
    return str(answer), html.unescape(TOKEN.search(page_html).group(1))


def jpeg(name="anh.jpg", size=(40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "red").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def pdf(name="ke-hoach.pdf", padding=0) -> SimpleUploadedFile:
    data = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b"0" * padding
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def exe(name) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"MZ\x90\x00\x03" + bytes(512), content_type="image/jpeg")


def stored_files() -> set[str]:
    found = set()
    for folder, _dirs, names in os.walk(settings.MEDIA_ROOT):
        found.update(os.path.join(folder, n) for n in names)
    return found


def section(school, title="Tin tức"):
    return SectionPage.objects.descendant_of(school.site.root_page).get(title=title)


def path_of(page) -> str:
    return page.get_url_parts()[2]


@override_settings(PORTAL_SUBMISSION_MIN_SECONDS=0, PORTAL_SUBMISSIONS_PER_HOUR=3)
class SubmissionTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname=HOST_A, is_default=True)
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname=HOST_B)
        cls.people = {}
        for key, school in (("a", cls.a), ("b", cls.b)):
            for role in ("secretary", "head", "deputy", "editor", "contributor"):
                cls.people[f"{role}_{key}"] = make_staff(school, role, username=f"{role}_{key}")

    def setUp(self):
        cache.clear()  # rate-limit counters and used challenges

    def login(self, who):
        self.client.logout()
        user = self.people[who]
        self.assertTrue(self.client.login(username=user.username, password=TEST_PASSWORD))
        return user

    def fields(self, **overrides) -> dict:
        data = {
            "title": "Học sinh lớp 7A trồng cây xanh",
            "text": "Sáng thứ Bảy, lớp 7A trồng 20 cây.\nCả lớp cùng tưới cây.\n\n<b>Cảm ơn</b> "
            "các bác phụ huynh!",
            "sender_name": "Nguyễn Thị Mai",
            "sender_kind": "parent",
            "sender_contact": CONTACT,
            "website": "",
        }
        data.update(overrides)
        return data

    def send(self, host=HOST_A, address="10.0.0.1", answer=None, **fields):
        """GET the form on ``host``, answer its question (unless ``answer`` is given), post."""
        page = self.client.get(FORM, HTTP_HOST=host, REMOTE_ADDR=address)
        self.assertEqual(page.status_code, 200)
        right, self.token = solve(page.content.decode())
        data = {"answer": right if answer is None else answer, "challenge": self.token}
        data.update(self.fields(**fields))
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(FORM, data, HTTP_HOST=host, REMOTE_ADDR=address)

    def assert_refused(self, response, message, *, status=400):
        self.assertEqual(response.status_code, status)
        self.assertContains(response, message, status_code=status)
        self.assertContains(response, "Bài của bạn chưa được gửi", status_code=status)
        # The sender's text is kept, with a new question to answer.
        self.assertContains(response, "Học sinh lớp 7A trồng cây xanh", status_code=status)
        self.assertContains(response, "Cả lớp cùng tưới cây.", status_code=status)
        self.assertContains(response, CONTACT, status_code=status)
        form = response.context["form"]
        self.assertEqual(form["answer"].value(), "")
        self.assertNotEqual(form["challenge"].value(), self.token)
        self.assertFalse(Submission.objects.exists())
        self.assertFalse(ArticlePage.objects.filter(title__contains="trồng cây").exists())
        self.assertFalse(Notification.objects.filter(kind="submission").exists())
        self.assertEqual(mail.outbox, [])


class GoodSubmissionTests(SubmissionTestCase):
    def test_good_submission_is_a_private_draft_and_the_secretary_is_told(self):
        images, documents = get_image_model().objects.count(), get_document_model().objects.count()
        response = self.send(photos=[jpeg(), jpeg("IMG_2034.jpg")], files=[pdf()])
        self.assertRedirects(response, DONE, fetch_redirect_response=False)
        done = self.client.get(DONE, HTTP_HOST=HOST_A)
        self.assertContains(done, "Cảm ơn bạn đã gửi bài")

        submission = Submission.objects.get()
        self.assertEqual(submission.school, self.a)
        self.assertEqual(submission.status, Submission.NEW)
        self.assertEqual(submission.sender_contact, CONTACT)
        page = submission.page.specific
        self.assertIsInstance(page, ArticlePage)
        self.assertFalse(page.live)
        self.assertIsNone(page.first_published_at)
        self.assertIsNone(page.owner)
        self.assertEqual(page.byline, "")  # no consent, no name
        self.assertEqual(page.get_parent().specific, section(self.a))
        self.assertEqual(page.title, "Học sinh lớp 7A trồng cây xanh")
        # The text is text: escaped, in paragraphs; the photos follow; the file is attached.
        kinds = [block.block_type for block in page.body]
        self.assertEqual(kinds, ["paragraph", "paragraph", "image", "image"])
        self.assertEqual(
            page.body[0].value.source, "<p>Sáng thứ Bảy, lớp 7A trồng 20 cây.<br/>Cả lớp cùng tưới cây.</p>"
        )  # fmt: skip
        self.assertIn("&lt;b&gt;Cảm ơn&lt;/b&gt;", page.body[1].value.source)
        self.assertEqual(page.cover_image, page.body[2].value["image"])
        [attachment] = page.attachments.all()
        self.assertEqual(attachment.title, "ke-hoach.pdf")
        # Files in the school's collection, under names nobody can guess.
        self.assertEqual(get_image_model().objects.count(), images + 2)
        self.assertEqual(get_document_model().objects.count(), documents + 1)
        files = SubmissionFile.objects.filter(submission=submission)
        self.assertEqual(files.count(), 3)
        for item in files:
            obj = item.image or item.document
            self.assertEqual(obj.collection, self.a.collection)
            self.assertRegex(os.path.basename(obj.file.name), r"^gui-bai-[0-9a-f]{16}\.(jpg|pdf)$")
        # The contact is nowhere on the page, its revision or its history.
        self.assertNotIn(CONTACT, page.latest_revision.content.__repr__())
        self.assertFalse(PageLogEntry.objects.filter(page=page, data__icontains="0912").exists())

        # The secretary of the school, and nobody else, is told (without the contact).
        self.assertEqual([m.to for m in mail.outbox], [[self.people["secretary_a"].email]])
        message = mail.outbox[0]
        self.assertIn("Học sinh lớp 7A trồng cây xanh", message.subject)
        self.assertIn("Nguyễn Thị Mai", message.body)
        self.assertNotIn(CONTACT, message.body + message.subject)
        note = Notification.objects.get(kind="submission")
        self.assertEqual(note.recipient, self.people["secretary_a"])
        self.assertEqual(
            note.url, reverse("wagtailsnippets_workflows_submission:edit", args=[submission.pk])
        )

        # Not public: the page itself, listings, feeds, sitemap, search.
        # (The search page repeats the query and a 404 page its own address: the mark of the
        # article in a listing is a link to it.)
        public = self.public_pages(page)
        self.assertEqual(public.pop(path_of(page)).status_code, 404)
        for url, response in public.items():
            self.assertEqual(response.status_code, 200, url)
            self.assertNotContains(response, path_of(page), msg_prefix=url)
            self.assertNotContains(response, CONTACT, msg_prefix=url)
        # The preview shows the draft to staff, still without the contact.
        self.login("secretary_a")
        preview = self.client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
        self.assertContains(preview, "Học sinh lớp 7A trồng cây xanh")
        self.assertContains(preview, "Sáng thứ Bảy")
        self.assertNotContains(preview, CONTACT)
        self.assertNotContains(preview, "Nguyễn Thị Mai")

        # Once published (the positive check), it is everywhere the draft was not; the contact
        # still is not.
        page.get_latest_revision().publish()
        self.client.logout()
        for url, response in self.public_pages(page).items():
            self.assertContains(response, path_of(page), msg_prefix=url)
            self.assertNotContains(response, CONTACT, msg_prefix=url)
        self.assertContains(self.client.get(path_of(page), HTTP_HOST=HOST_A), "Sáng thứ Bảy")

    def public_pages(self, page) -> dict:
        urls = [
            path_of(page),
            "/",
            path_of(section(self.a)),
            path_of(section(self.a, "Tin tức - Sự kiện")),
            "/rss/",
            "/atom/",
            path_of(section(self.a)) + "rss/",
            "/sitemap.xml",
            "/tim-kiem/?q=tr%E1%BB%93ng+c%C3%A2y+xanh",
        ]
        return {url: self.client.get(url, HTTP_HOST=HOST_A) for url in urls}

    def test_the_name_is_the_byline_only_with_consent(self):
        self.send(title="Bài có tên", show_name="on", address="10.0.0.2")
        self.send(title="Bài không tên", address="10.0.0.3")
        self.assertEqual(ArticlePage.objects.get(title="Bài có tên").byline, "Nguyễn Thị Mai")
        self.assertEqual(ArticlePage.objects.get(title="Bài không tên").byline, "")
        self.assertTrue(Submission.objects.get(title="Bài có tên").show_name)

    def test_legacy_encodings_and_decomposed_text_become_unicode_nfc(self):
        legacy = vntext.from_unicode("Hội khỏe Phù Đổng", "tcvn3")
        self.assertNotEqual(legacy, "Hội khỏe Phù Đổng")
        decomposed = unicodedata.normalize("NFD", "Vườn trường của em")
        name = unicodedata.normalize("NFD", "Lê Văn Đức")
        self.send(title=legacy, text=decomposed, sender_name=name)
        submission = Submission.objects.get()
        self.assertEqual(submission.title, "Hội khỏe Phù Đổng")
        self.assertEqual(submission.text, "Vườn trường của em")
        self.assertEqual(submission.sender_name, "Lê Văn Đức")
        self.assertEqual(submission.page.slug, "hoi-khoe-phu-dong")

    def test_each_host_gets_its_own_school(self):
        self.send(host=HOST_B, title="Tin của Bình Minh")
        submission = Submission.objects.get()
        self.assertEqual(submission.school, self.b)
        self.assertEqual(submission.page.get_parent().specific, section(self.b))
        self.assertEqual([m.to for m in mail.outbox], [[self.people["secretary_b"].email]])
        self.assertFalse(Notification.objects.filter(recipient=self.people["secretary_a"]).exists())
        # The footer of every page leads to the form.
        self.assertContains(self.client.get("/", HTTP_HOST=HOST_B), f'href="{FORM}"')

    def test_answers_in_words_or_digits(self):
        self.assertEqual(parse_answer(" 7 "), 7)
        self.assertEqual(parse_answer("Bảy"), 7)
        self.assertEqual(parse_answer("bẩy"), 7)
        self.assertEqual(parse_answer("bằng mười"), 10)
        self.assertEqual(parse_answer("năm."), 5)
        self.assertIsNone(parse_answer("chưa biết"))
        self.assertIsNone(parse_answer(""))
        page = self.client.get(FORM, HTTP_HOST=HOST_A)
        self.assertContains(page, "bằng mấy?")
        answer, token = solve(page.content.decode())
        words = {}
        for word, n in NUMBERS.items():  # prefer a word with diacritics (hai and ba have none)
            if n not in words or not word.isascii():
                words[n] = word
        data = {"answer": words[int(answer)].capitalize(), "challenge": token, **self.fields()}
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(FORM, data, HTTP_HOST=HOST_A)
        self.assertRedirects(response, DONE, fetch_redirect_response=False)


class DefenceTests(SubmissionTestCase):
    def test_honeypot(self):
        response = self.send(website="http://spam.example")
        self.assert_refused(response, "Chưa nhận được bài của bạn.")

    def test_wrong_answer(self):
        response = self.send(answer="99")
        self.assert_refused(response, "Câu trả lời cho câu hỏi kiểm tra chưa đúng.")

    def test_missing_answer(self):
        response = self.send(answer="")
        self.assert_refused(response, "Vui lòng trả lời câu hỏi kiểm tra.")

    def test_expired_challenge(self):
        issued = time.time() - 5 * 60 * 60
        with mock.patch("time.time", return_value=issued):
            page = self.client.get(FORM, HTTP_HOST=HOST_A)
        answer, self.token = solve(page.content.decode())
        data = {"answer": answer, "challenge": self.token, **self.fields()}
        response = self.client.post(FORM, data, HTTP_HOST=HOST_A)
        self.assert_refused(response, "Biểu mẫu đã mở quá lâu.")

    def test_forged_challenge(self):
        page = self.client.get(FORM, HTTP_HOST=HOST_A)
        answer, self.token = solve(page.content.decode())
        data = {"answer": answer, "challenge": self.token[:-3] + "abc", **self.fields()}
        response = self.client.post(FORM, data, HTTP_HOST=HOST_A)
        self.assert_refused(response, "Không đọc được câu hỏi kiểm tra.")

    @override_settings(PORTAL_SUBMISSION_MIN_SECONDS=60)
    def test_sent_too_quickly(self):
        response = self.send()
        self.assert_refused(response, "Biểu mẫu được gửi quá nhanh.")

    def test_a_solved_challenge_is_used_once(self):
        page = self.client.get(FORM, HTTP_HOST=HOST_A)
        answer, token = solve(page.content.decode())
        data = {"answer": answer, "challenge": token, **self.fields()}
        self.assertEqual(self.client.post(FORM, data, HTTP_HOST=HOST_A).status_code, 302)
        again = self.client.post(FORM, data, HTTP_HOST=HOST_A)
        self.assertContains(again, "Biểu mẫu này đã được gửi rồi.", status_code=400)
        self.assertEqual(Submission.objects.count(), 1)

    def test_rate_limit_per_address(self):
        for n in range(3):
            self.assertEqual(self.send(title=f"Bài số {n}").status_code, 302)
        Submission.objects.all().delete()
        ArticlePage.objects.filter(title__startswith="Bài số").delete()
        mail.outbox.clear()
        Notification.objects.all().delete()
        response = self.send()
        self.assert_refused(response, "Bạn đã gửi nhiều bài trong thời gian ngắn.", status=429)
        # Another address is not affected.
        self.assertEqual(self.send(address="10.9.9.9").status_code, 302)

    def test_many_refused_posts_are_limited_too(self):
        for _n in range(15):
            self.assertEqual(self.send(answer="99").status_code, 400)
        response = self.send()  # right this time, but too many posts from this address
        self.assert_refused(response, "Bạn đã gửi nhiều bài trong thời gian ngắn.", status=429)

    def test_a_program_renamed_as_a_photo_or_a_document_is_refused(self):
        before = stored_files()
        response = self.send(photos=[jpeg(), exe("anh-dep.jpg")])
        self.assert_refused(response, "Tệp “anh-dep.jpg” không phải là ảnh hoặc đã bị hỏng.")
        response = self.send(files=[exe("cong-van.pdf")], address="10.0.0.5")
        self.assert_refused(response, "Tệp “cong-van.pdf” không thuộc các loại được nhận (PDF,")
        self.assertEqual(stored_files(), before)

    def test_too_large_and_too_many_files_are_refused(self):
        self.a.max_upload_mb = 1
        self.a.save()
        response = self.send(files=[pdf(padding=1024 * 1024)])
        self.assert_refused(response, "Tệp “ke-hoach.pdf” lớn hơn 1 MB.")
        response = self.send(photos=[jpeg(f"anh-{n}.jpg") for n in range(11)], address="10.0.0.6")
        self.assert_refused(response, "Vui lòng gửi không quá 10 ảnh.")

    def test_bad_contact_is_refused(self):
        response = self.send(sender_contact="gọi cho tôi")
        self.assertContains(response, "Vui lòng nhập số điện thoại", status_code=400)
        self.assertContains(
            self.send(sender_contact="mai@example"), "không hợp lệ", status_code=400
        )
        self.assertEqual(self.send(sender_contact="mai@example.vn").status_code, 302)

    def test_nothing_half_written_when_a_write_fails(self):
        before = stored_files()
        images = get_image_model().objects.count()
        with self.assertRaises(ValidationError):  # the page cannot be saved without a title
            create_submission(
                school=self.a, title="   ", text="Nội dung", sender_name="Mai",
                sender_kind="parent", sender_contact=CONTACT, photos=[jpeg()], files=[pdf()],
            )  # fmt: skip
        self.assertFalse(Submission.objects.exists())
        self.assertEqual(get_image_model().objects.count(), images)
        self.assertEqual(stored_files(), before)

    def test_unknown_methods_and_schools_without_a_news_section(self):
        self.assertEqual(self.client.put(FORM, HTTP_HOST=HOST_A).status_code, 405)
        for page in SectionPage.objects.descendant_of(self.b.site.root_page).filter(kind="news"):
            page.kind = "general"
            page.save(update_fields=["kind"])
        self.assertEqual(self.client.get(FORM, HTTP_HOST=HOST_B).status_code, 404)
        self.assertEqual(self.client.get(FORM, HTTP_HOST=HOST_A).status_code, 200)


class InboxTests(SubmissionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        common = {"text": "Nội dung", "sender_name": "Mai", "sender_kind": "student"}
        cls.sub_a = create_submission(
            school=cls.a, title="Bài gửi An Phú", sender_contact="mai.a@example.vn", **common
        )
        cls.sub_b = create_submission(
            school=cls.b, title="Bài gửi Bình Minh", sender_contact="mai.b@example.vn", **common
        )

    LIST = "wagtailsnippets_workflows_submission:list"

    def url(self, view, submission):
        return reverse(f"wagtailsnippets_workflows_submission:{view}", args=[submission.pk])

    def test_the_secretary_sees_her_schools_submissions_only(self):
        self.login("secretary_a")
        listing = self.client.get(reverse(self.LIST))
        self.assertContains(listing, "Bài gửi An Phú")
        self.assertNotContains(listing, "Bài gửi Bình Minh")
        self.assertContains(listing, reverse("wagtailadmin_pages:edit", args=[self.sub_a.page_id]))
        self.assertNotContains(listing, "mai.a@example.vn")  # the contact only when opened
        inspect = self.client.get(self.url("inspect", self.sub_a))
        self.assertContains(inspect, "mai.a@example.vn")
        edit = self.client.get(self.url("edit", self.sub_a))
        self.assertContains(edit, "mai.a@example.vn")
        for view in ("inspect", "edit", "history"):
            self.assertEqual(self.client.get(self.url(view, self.sub_b)).status_code, 404)
        # The menu counts the new ones.
        home = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(home, json.dumps("Bài gửi từ bạn đọc (1)"))  # the sidebar's JSON

    def test_listing_costs_the_same_for_more_rows_and_filters(self):
        self.login("secretary_a")
        url = reverse(self.LIST)
        self.client.get(url)  # warm the caches of the admin
        with CaptureQueriesContext(connection) as one:
            self.client.get(url)
        for n in range(3):
            create_submission(
                school=self.a, title=f"Thêm bài {n}", text="Nội dung", sender_name="Lan",
                sender_kind="teacher", sender_contact="lan@example.vn",
            )  # fmt: skip
        with CaptureQueriesContext(connection) as four:
            listing = self.client.get(url)
        self.assertContains(listing, "Thêm bài 2")
        self.assertEqual(len(four), len(one))
        found = self.client.get(url, {"q": "Thêm bài 1"})
        self.assertContains(found, "Thêm bài 1")
        self.assertNotContains(found, "Bài gửi An Phú")
        teachers = self.client.get(url, {"sender_kind": "teacher"})
        self.assertContains(teachers, "Thêm bài 0")
        self.assertNotContains(teachers, "Bài gửi An Phú")

    def test_roles_without_the_inbox_cannot_open_it(self):
        for who in ("editor_a", "contributor_a"):
            self.login(who)
            response = self.client.get(reverse(self.LIST))
            self.assertNotEqual(response.status_code, 200, who)
            self.assertNotEqual(self.client.get(self.url("inspect", self.sub_a)).status_code, 200)
        for who in ("head_a", "deputy_a"):
            self.login(who)
            self.assertContains(self.client.get(reverse(self.LIST)), "Bài gửi An Phú")
            self.assertEqual(self.client.get(reverse(
                "wagtailsnippets_workflows_submission:add")).status_code, 302)  # fmt: skip
            self.assertEqual(self.client.get(self.url("delete", self.sub_a)).status_code, 302)

    def test_status_changes_through_the_service(self):
        secretary = self.login("secretary_a")
        page = self.client.get(self.url("edit", self.sub_a))
        data = form_data(page.content.decode(), form_id="w-editor-form", status="accepted")
        response = self.client.post(self.url("edit", self.sub_a), data)
        self.assertEqual(response.status_code, 302)
        self.sub_a.refresh_from_db()
        self.assertEqual(self.sub_a.status, Submission.ACCEPTED)
        self.assertEqual(self.sub_a.handled_by, secretary)
        self.assertIsNotNone(self.sub_a.handled_at)
        entry = ModelLogEntry.objects.get(action="portal.submission.status")
        self.assertEqual(entry.user, secretary)
        history = self.client.get(self.url("history", self.sub_a))
        self.assertContains(history, "Trạng thái: Đã tiếp nhận")
        # The other school's secretary cannot, not even through the service.
        with self.assertRaises(PermissionDenied):
            set_submission_status(
                submission=self.sub_a, status="declined", actor=self.people["secretary_b"]
            )
        set_submission_status(submission=self.sub_a, status="declined", actor=secretary)
        self.sub_a.refresh_from_db()
        self.assertEqual(self.sub_a.status, Submission.DECLINED)
        self.assertFalse(ArticlePage.objects.get(pk=self.sub_a.page_id).live)


class SignOffTests(SubmissionTestCase):
    def act(self, page, action, data=None):
        state = ArticlePage.objects.get(pk=page.pk).current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(url, data or {})

    def step(self, page):
        state = ArticlePage.objects.get(pk=page.pk).current_workflow_task_state
        return state.task.name.split(" – ")[0] if state else None

    def live(self, page) -> bool:
        return ArticlePage.objects.get(pk=page.pk).live

    def test_a_submission_goes_live_only_after_the_heads_sign_off(self):
        self.send(photos=[jpeg()], show_name="on")
        page = Submission.objects.get().page.specific
        public = path_of(page)
        self.assertFalse(self.live(page))

        # The secretary sends the draft into the workflow from the page editor.
        self.login("secretary_a")
        body = body_form_data(page)
        with self.captureOnCommitCallbacks(execute=True):
            response = edit_page(self.client, page, **body, **{"action-submit": "1"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.step(page), "Thư ký tổng hợp")
        self.assertFalse(self.live(page))
        self.act(page, "approve")
        self.assertEqual(self.step(page), "Duyệt nội dung")

        # A contributor cannot even open it (not the owner).
        self.login("contributor_a")
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        self.assertEqual(self.client.post(edit_url, {"action-publish": "1"}).status_code, 302)
        self.assertFalse(self.live(page))

        self.login("head_a")
        self.act(page, "assign", {"reviewers": [str(self.people["editor_a"].pk)]})
        self.login("editor_a")
        self.act(page, "approve", {"comment": "Ổn"})
        self.assertEqual(self.step(page), "Trưởng ban ký duyệt")
        self.assertFalse(self.live(page))
        self.assertEqual(self.client.get(public, HTTP_HOST=HOST_A).status_code, 404)
        self.login("deputy_a")
        refused = self.act(page, "approve")
        self.assertIn(refused.status_code, (302, 403))  # Wagtail's "no permission" answer
        self.assertNotEqual(
            refused.get("Location"), reverse("wagtailadmin_pages:edit", args=[page.pk])
        )
        self.assertEqual(self.step(page), "Trưởng ban ký duyệt")
        self.assertFalse(self.live(page))

        # The head signs off: now it is live, with the reader's text, photo and name.
        self.login("head_a")
        self.act(page, "approve", {"comment": "Đồng ý đăng"})
        self.assertTrue(self.live(page))
        self.client.logout()
        published = self.client.get(public, HTTP_HOST=HOST_A)
        self.assertContains(published, "Sáng thứ Bảy, lớp 7A trồng 20 cây.")
        self.assertContains(published, "Nguyễn Thị Mai")
        self.assertNotContains(published, CONTACT)
        self.assertTrue(
            PageLogEntry.objects.filter(
                page=page, action="wagtail.workflow.approve", user=self.people["head_a"]
            ).exists()
        )


def body_form_data(page) -> dict:
    """The page's StreamField as the admin's JavaScript would post it (paragraphs, images)."""
    data = {"body-count": str(len(page.body))}
    for i, child in enumerate(page.body):
        prefix = f"body-{i}"
        data.update({f"{prefix}-type": child.block_type, f"{prefix}-deleted": "",
                     f"{prefix}-order": str(i), f"{prefix}-id": child.id})  # fmt: skip
        if child.block_type == "paragraph":
            data[f"{prefix}-value"] = child.block.get_form_state(child.value)
        elif child.block_type == "image":
            data[f"{prefix}-value-image"] = str(child.value["image"].pk)
            data[f"{prefix}-value-alt_text"] = "Học sinh trồng cây"
            data[f"{prefix}-value-caption"] = ""
    return data
