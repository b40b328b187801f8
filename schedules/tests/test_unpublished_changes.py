"""A published week edited since: the editor warns (with a publish action) and the listing
flags it, until the week is published again. Through the admin views."""

from __future__ import annotations

import datetime
import re

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from schedules.factories import WorkEntryFactory, WorkWeekFactory, grant_calendar
from schedules.models import WorkEntry
from schedules.services import publish_week
from schedules.snapshot import differs, snapshot_entries
from schools.factories import TEST_PASSWORD, SchoolFactory, make_staff

MONDAY = datetime.date(2025, 9, 8)
LIST = reverse("wagtailsnippets_schedules_workweek:list")
WARNING = "Tuần này có thay đổi chưa công bố"


def edit_url(week) -> str:
    return reverse("wagtailsnippets_schedules_workweek:edit", args=[week.pk])


def publish_url(week) -> str:
    return reverse("schedules_publish", args=[week.pk])


def row(entry: WorkEntry, **changes) -> dict:
    data = {
        "id": entry.pk,
        "date": entry.date.strftime("%d/%m/%Y"),
        "session": entry.session,
        "time": entry.time.strftime("%H:%M") if entry.time else "",
        "content": entry.content,
        "place": entry.place,
        "chair": entry.chair,
        "participants": entry.participants,
        "preparation": entry.preparation,
        "notes": entry.notes,
    }
    return {**data, **changes}


class UnpublishedChangesTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname="anphu.example.vn")
        cls.secretary = make_staff(cls.a, "secretary")
        grant_calendar(cls.secretary)
        cls.week = WorkWeekFactory(school=cls.a, week_start=MONDAY)
        cls.meeting = WorkEntryFactory(
            week=cls.week, date=MONDAY, content="Họp hội đồng", place="Phòng họp"
        )
        cls.visit = WorkEntryFactory(
            week=cls.week, date=MONDAY + datetime.timedelta(days=2), content="Dự giờ Tổ Toán"
        )
        publish_week(week=cls.week, actor=cls.secretary)
        cls.week.refresh_from_db()

    def setUp(self):
        self.client.login(username=self.secretary.username, password=TEST_PASSWORD)

    def save_week(self, rows):
        data = nested_form_data(
            {
                "school": self.a.pk,
                "week_start": MONDAY.strftime("%d/%m/%Y"),
                "entries": inline_formset(rows, initial=2),
            }
        )
        return self.client.post(edit_url(self.week), data, follow=True)


class TestEditorWarning(UnpublishedChangesTestCase):
    def test_no_warning_while_the_published_week_is_unchanged(self):
        response = self.client.get(edit_url(self.week))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(response.context["has_unpublished_changes"])
        self.assertNotContains(response, WARNING)
        # Saving without changes keeps it that way.
        response = self.save_week([row(self.meeting), row(self.visit)])
        self.assertNotContains(response, WARNING)

    def test_saving_a_change_warns_with_a_publish_action_until_published(self):
        response = self.save_week([row(self.meeting, place="Thư viện"), row(self.visit)])
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, WARNING)  # the message after saving, with its button
        self.assertContains(response, f'href="{publish_url(self.week)}"')

        editor = self.client.get(edit_url(self.week))
        self.assertTrue(editor.context["has_unpublished_changes"])
        self.assertContains(editor, WARNING)
        self.assertContains(editor, "“Phòng họp” → “Thư viện”")  # what readers do not see yet
        self.assertContains(editor, f'href="{publish_url(self.week)}"')
        self.assertContains(editor, "Công bố các thay đổi")

        confirm = self.client.get(publish_url(self.week))
        self.assertContains(confirm, "Người xem sẽ thấy các thay đổi sau:")
        self.assertContains(confirm, "“Phòng họp” → “Thư viện”")

        self.client.post(publish_url(self.week))
        editor = self.client.get(edit_url(self.week))
        self.assertFalse(editor.context["has_unpublished_changes"])
        self.assertNotContains(editor, WARNING)

    def test_a_removed_entry_is_an_unpublished_change(self):
        response = self.save_week([row(self.meeting), row(self.visit, DELETE="1")])
        self.assertContains(response, WARNING)
        self.assertContains(self.client.get(edit_url(self.week)), "Dự giờ Tổ Toán")

    def test_a_draft_week_has_no_warning(self):
        draft = WorkWeekFactory(school=self.a, week_start=MONDAY + datetime.timedelta(days=7))
        WorkEntryFactory(week=draft, date=draft.week_start)
        response = self.client.get(edit_url(draft))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, WARNING)


class TestListingIndicator(UnpublishedChangesTestCase):
    def states(self) -> list[str]:
        """The publication state of each listed week, newest week first."""
        html = self.client.get(LIST).content.decode()
        return re.findall(r'<span class="w-status[^"]*">\s*(.*?)\s*</span>', html)

    def test_draft_published_and_changed_weeks_are_told_apart(self):
        WorkWeekFactory(school=self.a, week_start=MONDAY + datetime.timedelta(days=7))
        self.assertEqual(self.states(), ["Bản nháp (chưa công bố)", "Đã công bố"])
        WorkEntry.objects.filter(pk=self.meeting.pk).update(content="Họp hội đồng (dời giờ)")
        self.assertEqual(self.states(), ["Bản nháp (chưa công bố)", "Có thay đổi chưa công bố"])
        self.assertContains(self.client.get(LIST), 'class="schedules-unpublished"', count=1)

    def test_query_count_does_not_grow_with_the_number_of_weeks(self):
        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(LIST).status_code, 200)
            return len(queries)

        self.client.get(LIST)
        few = count()
        for n in range(1, 6):
            week = WorkWeekFactory(school=self.a, week_start=MONDAY + datetime.timedelta(weeks=n))
            WorkEntryFactory(week=week, date=week.week_start)
            publish_week(week=week, actor=self.secretary)
            WorkEntryFactory(week=week, date=week.week_start)  # changed since
        self.assertEqual(count(), few)


class TestDiffers(UnpublishedChangesTestCase):
    def current(self):
        return snapshot_entries(self.week.entries.all())

    def test_what_a_reader_would_see_differently(self):
        published = self.week.published_entries
        self.assertFalse(differs(published, self.current()))
        WorkEntry.objects.filter(pk=self.visit.pk).update(date=MONDAY)  # moved to Monday
        self.assertTrue(differs(published, self.current()))
        self.assertTrue(self.week.has_unpublished_changes)
        WorkEntry.objects.filter(pk=self.visit.pk).update(date=self.visit.date, sort_order=99)
        self.assertFalse(differs(published, self.current()))  # renumbered, same order
        self.assertTrue(differs(published, self.current()[:1]))  # removed
        self.assertTrue(differs([], self.current()))  # added
