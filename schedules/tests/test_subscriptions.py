"""E-mail subscribers of the work calendar: double opt-in, the notices of a published week and of
its changes (sent by the worker, one message per subscriber, never twice), unsubscribe in one
click, the form's defences (honeypot, rate limit, same answer for every address), per-school
tokens, addresses never public, and the admin listing confined to the school."""

from __future__ import annotations

import datetime
import re
import smtplib
from urllib.parse import urlsplit

from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test import Client, TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from schedules import notices, tasks
from schedules.factories import WorkEntryFactory, WorkWeekFactory, grant_calendar
from schedules.models import CalendarSubscriber, WorkEntry, WorkWeek
from schedules.services import (
    CONFIRMATION_RESEND_AFTER,
    UNCONFIRMED_KEPT_FOR,
    confirm_subscription,
    publish_week,
    subscribe,
)
from schedules.views import SUBSCRIBE_LIMIT
from schools.factories import TEST_PASSWORD, SchoolFactory, make_staff

HOST_A = "anphu.example.vn"
HOST_B = "binhminh.example.vn"
SUBSCRIBE = "/lich-cong-tac/dang-ky/"
SENT = "/lich-cong-tac/dang-ky/da-gui/"
PAST_MONDAY = datetime.date(2025, 9, 8)
WEEK = datetime.timedelta(days=7)
LINK = re.compile(r"https?://[^\s\"<>]+")


def this_monday() -> datetime.date:
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday())


def links(message, part: str) -> list[str]:
    return [url for url in LINK.findall(message.body) if part in url]


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("connection lost")


class SubscriptionTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname=HOST_A, is_default=True)
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname=HOST_B)
        cls.secretary = make_staff(cls.a, "secretary")
        grant_calendar(cls.secretary)
        cls.secretary_b = make_staff(cls.b, "secretary")
        grant_calendar(cls.secretary_b)

    def setUp(self):
        cache.clear()  # the rate limit's counters

    # --- helpers ----------------------------------------------------------------------------------

    def post(self, data, host=HOST_A, address="203.0.113.7", client=None):
        with self.captureOnCommitCallbacks(execute=True):
            return (client or self.client).post(
                SUBSCRIBE, data, HTTP_HOST=host, REMOTE_ADDR=address
            )

    def subscribe(self, email, host=HOST_A, **extra):
        return self.post({"email": email, "website": "", **extra}, host=host)

    def open(self, url, host=HOST_A, method="get"):
        with self.captureOnCommitCallbacks(execute=True):
            return getattr(self.client, method)(urlsplit(url).path, HTTP_HOST=host)

    def active(self, school, email) -> CalendarSubscriber:
        """A confirmed subscriber, made through the services."""
        with self.captureOnCommitCallbacks(execute=True):
            subscriber = subscribe(school=school, email=email)
        confirm_subscription(subscriber=subscriber)
        mail.outbox.clear()
        return subscriber

    def week(self, school=None, monday=None, contents=("Chào cờ đầu tuần",)) -> WorkWeek:
        monday = monday or this_monday()
        week = WorkWeekFactory(school=school or self.a, week_start=monday)
        for content in contents:
            WorkEntryFactory(week=week, date=monday, content=content)
        return week

    def publish(self, week, actor=None):
        with self.captureOnCommitCallbacks(execute=True):
            return publish_week(week=week, actor=actor or self.secretary)

    # --- subscribe, confirm, notices, unsubscribe ---------------------------------------------------

    def test_subscribe_confirm_then_the_published_week_arrives_with_an_unsubscribe_link(self):
        response = self.subscribe("  Co.Lan@Example.VN ")
        self.assertRedirects(response, SENT, fetch_redirect_response=False)
        sent = self.client.get(SENT, HTTP_HOST=HOST_A)
        self.assertContains(sent, "Hãy kiểm tra hộp thư")
        subscriber = CalendarSubscriber.objects.get()
        self.assertEqual((subscriber.school, subscriber.email), (self.a, "co.lan@example.vn"))
        self.assertIsNone(subscriber.confirmed_at)

        [confirmation] = mail.outbox
        self.assertEqual(confirmation.to, ["co.lan@example.vn"])
        self.assertEqual(confirmation.from_email, settings.DEFAULT_FROM_EMAIL)
        self.assertEqual(
            confirmation.subject, "[Trường THCS An Phú] Xác nhận đăng ký nhận lịch công tác"
        )
        [confirm_url] = links(confirmation, "/xac-nhan/")
        self.assertTrue(confirm_url.startswith(f"http://{HOST_A}/lich-cong-tac/xac-nhan/"))
        self.assertIn(confirm_url, html_of(confirmation))
        [unsubscribe_url] = links(confirmation, "/huy-dang-ky/")
        self.assertEqual(confirmation.extra_headers["List-Unsubscribe"], f"<{unsubscribe_url}>")

        # Not confirmed yet: publishing sends nothing.
        self.publish(self.week(monday=this_monday() + WEEK))
        self.assertEqual(len(mail.outbox), 1)

        response = self.open(confirm_url)
        self.assertContains(response, "Đã xác nhận đăng ký")
        subscriber.refresh_from_db()
        self.assertTrue(subscriber.is_active)

        week = self.week(contents=["Họp hội đồng sư phạm"])
        WorkEntryFactory(
            week=week, date=this_monday(), session=WorkEntry.AFTERNOON, content="Dự giờ lớp 8A",
            time=datetime.time(14, 0), place="Phòng 12",
        )  # fmt: skip
        mail.outbox.clear()
        self.publish(week)
        [notice] = mail.outbox
        monday = this_monday()
        start, end = (
            monday.strftime("%d/%m/%Y"),
            (monday + datetime.timedelta(days=6)).strftime("%d/%m/%Y"),
        )
        self.assertEqual(
            notice.subject,
            f"[Trường THCS An Phú] Lịch công tác tuần từ {start} đến {end}",
        )
        self.assertEqual(notice.to, ["co.lan@example.vn"])
        self.assertEqual((notice.cc, notice.bcc), ([], []))
        for text in (notice.body, html_of(notice)):
            self.assertIn("Họp hội đồng sư phạm", text)
            self.assertIn("Dự giờ lớp 8A", text)
            self.assertIn("14:00", text)
            self.assertIn("Phòng 12", text)
            self.assertIn("Chiều", text)
            self.assertIn(f"http://{HOST_A}/lich-cong-tac/{monday.isoformat()}/", text)
            self.assertIn(f"http://{HOST_A}/lich-cong-tac/lich.ics", text)
            self.assertIn(f"http://{HOST_A}/lich-cong-tac/huy-dang-ky/{subscriber.token}/", text)
        self.assertIn("Hủy đăng ký", notice.body)
        week.refresh_from_db()
        self.assertIsNotNone(week.notice_sent_at)

        response = self.open(links(notice, "/huy-dang-ky/")[0])
        self.assertContains(response, "Bạn đã hủy đăng ký")
        subscriber.refresh_from_db()
        self.assertIsNotNone(subscriber.unsubscribed_at)

        mail.outbox.clear()
        WorkEntry.objects.filter(week=week, content="Dự giờ lớp 8A").update(place="Phòng 14")
        self.assertIsNotNone(self.publish(week))  # a change, but nobody is subscribed any more
        self.assertEqual(mail.outbox, [])

    def test_a_change_of_a_published_week_sends_its_summary(self):
        subscriber = self.active(self.a, "thay.binh@example.vn")
        week = self.week(contents=["Khai giảng"])
        self.publish(week)
        mail.outbox.clear()
        WorkEntry.objects.filter(week=week).update(content="Khai giảng năm học mới")
        change = self.publish(week)
        [notice] = mail.outbox
        self.assertTrue(
            notice.subject.startswith("[Trường THCS An Phú] Thay đổi lịch công tác tuần từ ")
        )
        self.assertEqual(notice.to, [subscriber.email])
        for text in (notice.body, html_of(notice)):
            self.assertIn("“Khai giảng” → “Khai giảng năm học mới”", text)
            self.assertIn(f"/lich-cong-tac/huy-dang-ky/{subscriber.token}/", text)
        self.assertIn("Thay đổi lúc", notice.body)
        change.refresh_from_db()
        self.assertIsNotNone(change.notice_sent_at)

    def test_only_confirmed_subscribers_of_the_school_receive_notices(self):
        first = self.active(self.a, "mot@example.vn")
        second = self.active(self.a, "hai@example.vn")
        gone = self.active(self.a, "da-huy@example.vn")
        self.open(reverse("schedules_unsubscribe", args=[gone.token]))
        with self.captureOnCommitCallbacks(execute=True):
            subscribe(school=self.a, email="chua-xac-nhan@example.vn")
        self.active(self.b, "binh-minh@example.vn")
        mail.outbox.clear()

        self.publish(self.week())
        self.assertEqual(sorted(m.to[0] for m in mail.outbox), ["hai@example.vn", "mot@example.vn"])
        for message, subscriber in zip(
            sorted(mail.outbox, key=lambda m: m.to[0]), (second, first), strict=True
        ):
            # One message each: nobody sees another address or another's unsubscribe link.
            self.assertEqual((message.to, message.cc, message.bcc), ([subscriber.email], [], []))
            [own_link] = links(message, "/huy-dang-ky/")
            self.assertTrue(own_link.endswith(f"/{subscriber.token}/"))
            other = first if subscriber is second else second
            self.assertNotIn(other.email, message.body + html_of(message))

    def test_a_notice_is_sent_once_even_when_its_task_runs_again(self):
        self.active(self.a, "mot@example.vn")
        week = self.week()
        self.publish(week)
        self.assertEqual(len(mail.outbox), 1)
        tasks.send_week_notice.enqueue(week.pk)
        self.assertEqual(len(mail.outbox), 1)
        WorkEntry.objects.filter(week=week).update(place="Hội trường")
        change = self.publish(week)
        self.assertEqual(len(mail.outbox), 2)
        tasks.send_change_notice.enqueue(change.pk)
        self.assertEqual(len(mail.outbox), 2)

    def test_a_failed_send_is_not_recorded_so_a_retry_sends_it(self):
        self.active(self.a, "mot@example.vn")
        week = self.week()
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            publish_week(week=week, actor=self.secretary)
        self.assertEqual(len(callbacks), 1)
        failing = override_settings(EMAIL_BACKEND=f"{__name__}.FailingBackend")
        with failing, self.assertRaises(smtplib.SMTPException):
            notices.send_week_published(week.pk)
        week.refresh_from_db()
        self.assertIsNone(week.notice_sent_at)
        self.assertEqual(notices.send_week_published(week.pk), 1)
        self.assertEqual(len(mail.outbox), 1)

    def test_a_change_already_shown_by_the_weeks_first_notice_is_not_sent_again(self):
        self.active(self.a, "mot@example.vn")
        week = self.week(contents=["Họp tổ"])
        with self.captureOnCommitCallbacks(execute=False) as first:
            publish_week(week=week, actor=self.secretary)
        WorkEntry.objects.filter(week=week).update(content="Họp tổ Toán")
        with self.captureOnCommitCallbacks(execute=False) as second:
            change = publish_week(week=week, actor=self.secretary)
        for callback in first + second:  # the worker catches up with both
            callback()
        [notice] = mail.outbox
        self.assertIn("Họp tổ Toán", notice.body)
        change.refresh_from_db()
        self.assertIsNotNone(change.notice_sent_at)

    def test_weeks_already_over_are_published_without_notices(self):
        self.active(self.a, "mot@example.vn")
        week = self.week(monday=PAST_MONDAY)
        self.publish(week)
        WorkEntry.objects.filter(week=week).update(place="Hội trường")
        self.assertIsNotNone(self.publish(week))
        self.assertEqual(mail.outbox, [])
        week.refresh_from_db()
        self.assertIsNone(week.notice_sent_at)

    # --- the form -----------------------------------------------------------------------------------

    def test_the_form_is_on_the_calendar_page(self):
        response = self.client.get("/lich-cong-tac/", HTTP_HOST=HOST_A)
        self.assertContains(response, f'action="{SUBSCRIBE}" method="post"')
        self.assertContains(response, "Nhận lịch qua thư điện tử")
        self.assertContains(response, 'name="website"')  # the honeypot
        self.assertEqual(self.client.get(SUBSCRIBE, HTTP_HOST=HOST_A).status_code, 200)

    def test_subscribing_again_says_the_same_and_resends_only_when_unconfirmed(self):
        self.assertRedirects(self.subscribe("moi@example.vn"), SENT, fetch_redirect_response=False)
        self.assertEqual(len(mail.outbox), 1)
        # Again at once: same answer, no second e-mail (nobody can flood an inbox).
        self.assertRedirects(self.subscribe("moi@example.vn"), SENT, fetch_redirect_response=False)
        self.assertEqual(len(mail.outbox), 1)
        # Later, still unconfirmed: the confirmation is sent again, with the same link.
        CalendarSubscriber.objects.update(
            confirmation_sent_at=timezone.now() - CONFIRMATION_RESEND_AFTER
        )
        self.assertRedirects(self.subscribe("MOI@example.vn"), SENT, fetch_redirect_response=False)
        self.assertEqual(len(mail.outbox), 2)
        self.assertEqual(links(mail.outbox[0], "/xac-nhan/"), links(mail.outbox[1], "/xac-nhan/"))
        self.assertEqual(CalendarSubscriber.objects.count(), 1)
        # Confirmed: the same answer again, and no e-mail at all.
        self.open(links(mail.outbox[1], "/xac-nhan/")[0])
        known = self.subscribe("moi@example.vn")
        self.assertRedirects(known, SENT, fetch_redirect_response=False)
        self.assertEqual(len(mail.outbox), 2)

    def test_an_unsubscribed_address_can_subscribe_again_with_new_links(self):
        subscriber = self.active(self.a, "quay-lai@example.vn")
        old_token = subscriber.token
        self.open(reverse("schedules_unsubscribe", args=[old_token]))
        self.subscribe("quay-lai@example.vn")
        subscriber.refresh_from_db()
        self.assertNotEqual(subscriber.token, old_token)
        self.assertIsNone(subscriber.unsubscribed_at)
        self.assertIsNone(subscriber.confirmed_at)
        [confirmation] = mail.outbox
        self.assertTrue(links(confirmation, "/xac-nhan/")[0].endswith(f"/{subscriber.token}/"))
        self.assertEqual(self.open(reverse("schedules_confirm", args=[old_token])).status_code, 404)

    def test_an_old_confirmation_link_does_not_undo_an_unsubscribe(self):
        self.subscribe("mot@example.vn")
        [confirm_url] = links(mail.outbox[0], "/xac-nhan/")
        [unsubscribe_url] = links(mail.outbox[0], "/huy-dang-ky/")
        self.assertContains(self.open(unsubscribe_url), "Bạn đã hủy đăng ký")
        self.assertContains(self.open(confirm_url), "Đăng ký này đã bị hủy")
        self.assertFalse(CalendarSubscriber.objects.get().is_active)

    def test_the_honeypot_is_answered_like_a_person_but_nothing_is_stored(self):
        response = self.subscribe("robot@example.vn", website="http://spam.example")
        self.assertRedirects(response, SENT, fetch_redirect_response=False)
        self.assertFalse(CalendarSubscriber.objects.exists())
        self.assertEqual(mail.outbox, [])

    def test_posts_are_limited_per_client_address(self):
        for n in range(SUBSCRIBE_LIMIT):
            response = self.subscribe(f"nguoi{n}@example.vn")
            self.assertEqual(response.status_code, 302)
        response = self.subscribe("them@example.vn")
        self.assertContains(response, "Quá nhiều yêu cầu", status_code=429)
        self.assertFalse(CalendarSubscriber.objects.filter(email="them@example.vn").exists())
        other = self.post({"email": "them@example.vn"}, address="198.51.100.9")
        self.assertEqual(other.status_code, 302)
        self.assertEqual(CalendarSubscriber.objects.count(), SUBSCRIBE_LIMIT + 1)

    def test_a_bad_address_gets_a_vietnamese_error_not_a_500(self):
        cases = {
            "khong-phai-email": "Địa chỉ thư điện tử không hợp lệ",
            "a@b": "Địa chỉ thư điện tử không hợp lệ",
            "mot@example.vn\nBcc: hai@example.vn": "Địa chỉ thư điện tử không hợp lệ",
            "": "Vui lòng nhập địa chỉ thư điện tử.",
            "x" * 250 + "@example.vn": "Địa chỉ thư điện tử quá dài.",
        }
        for email, error in cases.items():
            with self.subTest(email=email):
                cache.clear()
                response = self.subscribe(email)
                self.assertContains(response, error, status_code=400)
                self.assertContains(
                    response, 'aria-describedby="subscribe-email-error"', status_code=400
                )
        self.assertFalse(CalendarSubscriber.objects.exists())
        self.assertEqual(mail.outbox, [])
        self.assertEqual(self.client.put(SUBSCRIBE, HTTP_HOST=HOST_A).status_code, 405)

    # --- links and schools ----------------------------------------------------------------------

    def test_another_schools_token_is_a_404(self):
        subscriber = self.active(self.a, "mot@example.vn")
        for name in ("schedules_confirm", "schedules_unsubscribe"):
            with self.subTest(name=name):
                url = reverse(name, args=[subscriber.token])
                self.assertEqual(self.open(url, host=HOST_B).status_code, 404)
                self.assertEqual(self.open(url, host=HOST_B, method="post").status_code, 404)
                for bad in ("x" * 43, "ngan"):
                    self.assertEqual(self.client.get(
                        f"/lich-cong-tac/{url.split('/')[2]}/{bad}/", HTTP_HOST=HOST_A
                    ).status_code, 404)  # fmt: skip
        subscriber.refresh_from_db()
        self.assertTrue(subscriber.is_active)
        self.assertEqual(
            self.open(reverse("schedules_unsubscribe", args=[subscriber.token])).status_code, 200
        )

    def test_one_click_unsubscribe_by_post_needs_no_csrf_token(self):
        subscriber = self.active(self.a, "mot@example.vn")
        client = Client(enforce_csrf_checks=True)
        response = client.post(
            reverse("schedules_unsubscribe", args=[subscriber.token]),
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
            HTTP_HOST=HOST_A,
        )
        self.assertEqual(response.status_code, 200)
        subscriber.refresh_from_db()
        self.assertFalse(subscriber.is_active)
        self.assertIn("no-cache", response["Cache-Control"])

    def test_addresses_never_appear_on_public_pages_feeds_or_json(self):
        secret = "bi-mat.phu-huynh@example.vn"
        subscriber = self.active(self.a, secret)
        self.publish(self.week(contents=["Họp phụ huynh"]))
        monday = this_monday().isoformat()
        paths = [
            "/",
            "/lich-cong-tac/",
            f"/lich-cong-tac/{monday}/",
            f"/lich-cong-tac/{monday}/in/",
            "/lich-cong-tac/lich.ics",
            SUBSCRIBE,
            SENT,
            reverse("schedules_confirm", args=[subscriber.token]),
            "/rss/",
            "/atom/",
            "/sitemap.xml",
            "/tim-kiem/?q=phu-huynh+example",  # search never finds an address
            "/jsi18n/",
        ]
        for path in paths:
            with self.subTest(path=path):
                response = self.client.get(path, HTTP_HOST=HOST_A)
                self.assertEqual(response.status_code, 200)
                body = response.content.decode()
                self.assertNotIn(secret, body)
                self.assertNotIn("bi-mat", body)
                if "xac-nhan" not in path:
                    self.assertNotIn(subscriber.token, body)
        unsubscribed = self.open(reverse("schedules_unsubscribe", args=[subscriber.token]))
        self.assertNotIn(secret, unsubscribed.content.decode())

    # --- admin --------------------------------------------------------------------------------------

    def test_admin_lists_and_deletes_only_its_own_schools_subscribers(self):
        own = self.active(self.a, "cua-an-phu@example.vn")
        other = self.active(self.b, "cua-binh-minh@example.vn")
        head = make_staff(self.a, "head")
        self.client.login(username=head.username, password=TEST_PASSWORD)
        listing = reverse("wagtailsnippets_schedules_calendarsubscriber:list")
        response = self.client.get(listing)
        self.assertContains(response, "cua-an-phu@example.vn")
        self.assertContains(response, "Đang nhận thư")
        self.assertNotContains(response, "cua-binh-minh@example.vn")
        for name in ("inspect", "delete"):
            url = reverse(f"wagtailsnippets_schedules_calendarsubscriber:{name}", args=[other.pk])
            self.assertEqual(self.client.get(url).status_code, 404)
            self.assertEqual(self.client.post(url).status_code, 404)
        self.assertTrue(CalendarSubscriber.objects.filter(pk=other.pk).exists())
        # Nobody adds or edits an address by hand.
        for url in (
            reverse("wagtailsnippets_schedules_calendarsubscriber:add"),
            reverse("wagtailsnippets_schedules_calendarsubscriber:edit", args=[own.pk]),
        ):
            self.assertNotEqual(self.client.get(url).status_code, 200)
        inspect = reverse("wagtailsnippets_schedules_calendarsubscriber:inspect", args=[own.pk])
        self.assertContains(self.client.get(inspect), "cua-an-phu@example.vn")
        delete = reverse("wagtailsnippets_schedules_calendarsubscriber:delete", args=[own.pk])
        self.assertEqual(self.client.post(delete).status_code, 302)
        self.assertFalse(CalendarSubscriber.objects.filter(pk=own.pk).exists())

    def test_superusers_cannot_add_or_edit_either(self):
        subscriber = self.active(self.a, "mot@example.vn")
        admin = make_staff(self.a, "head", is_superuser=True)
        self.client.login(username=admin.username, password=TEST_PASSWORD)
        for url in (
            reverse("wagtailsnippets_schedules_calendarsubscriber:add"),
            reverse("wagtailsnippets_schedules_calendarsubscriber:edit", args=[subscriber.pk]),
        ):
            self.assertNotEqual(self.client.get(url).status_code, 200)

    def test_listing_costs_the_same_whatever_the_number_of_subscribers(self):
        self.active(self.a, "mot@example.vn")
        secretary = make_staff(self.a, "secretary")
        self.client.login(username=secretary.username, password=TEST_PASSWORD)
        listing = reverse("wagtailsnippets_schedules_calendarsubscriber:list")
        self.client.get(listing)

        def count():
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(listing).status_code, 200)
            return len(queries)

        before = count()
        for n in range(8):
            self.active(self.a, f"them{n}@example.vn")
        self.assertEqual(count(), before)

    def test_roles_that_see_subscribers(self):
        for role in ("head", "deputy", "secretary"):
            user = make_staff(self.a, role)
            self.assertTrue(user.has_perm("schedules.view_calendarsubscriber"), role)
            self.assertTrue(user.has_perm("schedules.delete_calendarsubscriber"), role)
        for role in ("editor", "contributor"):
            user = make_staff(self.a, role)
            self.assertFalse(user.has_perm("schedules.view_calendarsubscriber"), role)
            self.client.login(username=user.username, password=TEST_PASSWORD)
            listing = reverse("wagtailsnippets_schedules_calendarsubscriber:list")
            self.assertNotEqual(self.client.get(listing).status_code, 200)

    # --- housekeeping ---------------------------------------------------------------------------

    def test_never_confirmed_addresses_are_purged(self):
        kept = self.active(self.a, "da-xac-nhan@example.vn")
        with self.captureOnCommitCallbacks(execute=True):
            stale = subscribe(school=self.a, email="cu@example.vn")
            fresh = subscribe(school=self.a, email="moi@example.vn")
        long_ago = timezone.now() - UNCONFIRMED_KEPT_FOR - datetime.timedelta(hours=1)
        CalendarSubscriber.objects.filter(pk__in=[kept.pk, stale.pk]).update(
            created_at=long_ago, confirmation_sent_at=long_ago
        )
        tasks.purge_unconfirmed_subscribers.enqueue()
        self.assertEqual(
            set(CalendarSubscriber.objects.values_list("pk", flat=True)), {kept.pk, fresh.pk}
        )
        self.assertIn(
            ("schedules.tasks.purge_unconfirmed_subscribers", 3600),
            [tuple(job) for job in settings.PORTAL_PERIODIC_TASKS],
        )
