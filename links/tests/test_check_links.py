"""``manage.py check_links`` and the daily task against a local HTTP server: never the internet."""

from __future__ import annotations

import io
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

import requests
from django.core.management import CommandError, call_command
from django.test import SimpleTestCase, TestCase
from django.utils.module_loading import import_string
from django_tasks.base import TaskResultStatus

from links.checking import CONNECTION, ERROR, INVALID, SSL, TIMEOUT, CheckResult, check_url
from links.models import Link
from links.tasks import check_all_links
from scheduler.periodic import configured_jobs
from schools.factories import SchoolFactory


class Handler(BaseHTTPRequestHandler):
    def _answer(self, with_body: bool):
        if self.path == "/ok":
            self.send_response(200)
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/ok")
        elif self.path == "/no-head":
            self.send_response(405 if self.command == "HEAD" else 200)
        elif self.path == "/gone-away":
            self.send_response(301)
            self.send_header("Location", "/missing")
        else:
            self.send_response(404)
        self.send_header("Content-Length", "2" if with_body else "0")
        self.end_headers()
        if with_body:
            self.wfile.write(b"ok")

    def do_HEAD(self):
        self._answer(with_body=False)

    def do_GET(self):
        self._answer(with_body=True)

    def log_message(self, *args):
        pass


def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LocalLinksTestCase(TestCase):
    """Two schools whose links point to a local HTTP server (and one unused port)."""

    @classmethod
    def setUpClass(cls):
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()
        cls.addClassCleanup(cls.server.server_close)
        cls.addClassCleanup(cls.server.shutdown)
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        base = f"http://127.0.0.1:{cls.server.server_address[1]}"
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname="anphu.example.vn")
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname="binhminh.example.vn")
        Link.objects.all().delete()  # the seeded links point to the internet
        make = Link.objects.create
        cls.live = make(school=cls.a, title="Sống", url=f"{base}/ok")
        cls.moved = make(school=cls.a, title="Chuyển hướng", url=f"{base}/moved")
        cls.no_head = make(school=cls.a, title="Không HEAD", url=f"{base}/no-head")
        cls.dead = make(school=cls.a, title="Mất trang", url=f"{base}/missing")
        cls.dead_redirect = make(
            school=cls.a, title="Chuyển tới trang mất", url=f"{base}/gone-away"
        )
        cls.unreachable = make(
            school=cls.a, title="Không tới được", url=f"http://127.0.0.1:{unused_port()}/"
        )
        cls.other = make(school=cls.b, title="Trường B", url=f"{base}/missing")


class TestCheckLinks(LocalLinksTestCase):
    def run_command(self, *args) -> str:
        out = io.StringIO()
        call_command("check_links", "--timeout", "2", *args, stdout=out)
        return out.getvalue()

    def test_results_are_recorded(self):
        output = self.run_command("--school", "anphu.example.vn")
        for link, status, broken in [
            (self.live, "200", False),
            (self.moved, "200", False),
            (self.no_head, "200", False),
            (self.dead, "404", True),
            (self.dead_redirect, "404", True),
            (self.unreachable, CONNECTION, True),
        ]:
            link.refresh_from_db()
            with self.subTest(link=link.title):
                self.assertEqual(link.last_status, status)
                self.assertIs(link.is_broken, broken)
                self.assertIsNotNone(link.last_checked_at)
        self.assertIn("Mất trang", output)
        self.assertIn("Không tới được", output)
        self.assertNotIn("Sống", output)
        # --school confines the run: the other school's link was not checked.
        self.other.refresh_from_db()
        self.assertIsNone(self.other.last_checked_at)
        self.assertNotIn("Trường B", output)

    def test_every_school_is_reported(self):
        output = self.run_command()
        self.assertIn("Trường THCS An Phú", output)
        self.assertIn("Trường THCS Bình Minh", output)
        self.assertIn("Trường B", output)

    def test_dry_run_writes_nothing(self):
        output = self.run_command("--dry-run")
        self.assertIn("Mất trang", output)
        self.assertFalse(Link.objects.filter(last_checked_at__isnull=False).exists())
        self.assertFalse(Link.objects.filter(is_broken=True).exists())

    def test_a_link_fixed_since_is_no_longer_broken(self):
        Link.objects.filter(pk=self.live.pk).update(is_broken=True, last_status="404")
        self.run_command("--school", "anphu.example.vn")
        self.live.refresh_from_db()
        self.assertFalse(self.live.is_broken)

    def test_unknown_school_is_an_error(self):
        with self.assertRaises(CommandError):
            self.run_command("--school", "khong-co.example.vn")


class TestCheckLinksTask(LocalLinksTestCase):
    """The daily job of the worker runs the same check as ``manage.py check_links``."""

    def test_is_a_daily_periodic_job(self):
        jobs = {job.task_path: job.interval for job in configured_jobs()}
        self.assertEqual(jobs.get("links.tasks.check_all_links"), 24 * 60 * 60)
        self.assertIs(import_string("links.tasks.check_all_links"), check_all_links)

    def test_checks_and_records_every_schools_links(self):
        result = check_all_links.enqueue()  # the test settings run tasks at once
        self.assertEqual(result.status, TaskResultStatus.SUCCESSFUL)
        self.assertEqual(result.return_value, {"schools": 2, "checked": 7, "dead": 4})
        for link, status, broken in [
            (self.live, "200", False),
            (self.no_head, "200", False),
            (self.dead, "404", True),
            (self.unreachable, CONNECTION, True),
            (self.other, "404", True),
        ]:
            link.refresh_from_db()
            with self.subTest(link=link.title):
                self.assertEqual(link.last_status, status)
                self.assertIs(link.is_broken, broken)
                self.assertIsNotNone(link.last_checked_at)


class TestCheckUrl(SimpleTestCase):
    def test_network_failures_never_raise(self):
        failures = {
            requests.exceptions.ConnectionError("Name or service not known"): CONNECTION,
            requests.exceptions.SSLError("certificate verify failed"): SSL,
            requests.exceptions.ReadTimeout("read timed out"): TIMEOUT,
            ValueError("something odd"): ERROR,
        }
        for error, code in failures.items():
            with self.subTest(code=code), mock.patch("requests.request", side_effect=error):
                self.assertEqual(
                    check_url("https://truong.example.vn/"),
                    (CheckResult("https://truong.example.vn/", code, True)),
                )

    def test_an_invalid_address_is_broken(self):
        self.assertEqual(check_url("not a url").status, INVALID)
