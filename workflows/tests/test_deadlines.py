"""Deadline arithmetic with frozen time: weekends, holidays, late and on time."""

from __future__ import annotations

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.test import TestCase
from freezegun import freeze_time

from news.models import ArticlePage
from official_docs.models import OfficialDocument
from resources.models import Resource
from schools.factories import SchoolFactory
from workflows import deadlines
from workflows.deadlines import (
    DUE_SOON,
    NO_DEADLINE,
    ON_TIME,
    OVERDUE,
    PUBLISHED_LATE,
    PUBLISHED_ON_TIME,
    add_working_days,
    deadline_for,
    deadline_state,
    policy_for,
)
from workflows.models import EditorialPolicy
from workflows.models.policy import parse_holidays

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args):
    return datetime.datetime(*args, tzinfo=HCM)


class WorkingDays(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school = SchoolFactory()
        cls.policy = policy_for(cls.school)

    def test_friday_afternoon_plus_one_working_day_is_monday(self):
        # 27/11/2026 is a Friday.
        due = add_working_days(at(2026, 11, 27, 15, 30), 1, self.policy)
        self.assertEqual(due, at(2026, 11, 30, 15, 30))

    def test_saturday_as_a_working_day(self):
        self.policy.working_weekdays = "0,1,2,3,4,5"
        self.assertEqual(add_working_days(at(2026, 11, 27, 9), 1, self.policy), at(2026, 11, 28, 9))

    def test_holidays_are_skipped(self):
        # Tết 2027: 5–9/2/2027 declared as holidays; 4/2 is a Thursday.
        self.policy.holidays = "05/02/2027\n08/02/2027  # Mùng 4\n2027-02-09"
        due = add_working_days(at(2027, 2, 4, 10), 1, self.policy)
        self.assertEqual(due, at(2027, 2, 10, 10))

    def test_a_step_started_on_a_day_off_counts_from_the_next_working_day(self):
        due = add_working_days(at(2026, 11, 29, 20), 1, self.policy)  # Sunday evening
        self.assertEqual(due, at(2026, 11, 30, 20))  # Monday is the one working day
        self.assertEqual(add_working_days(at(2026, 11, 29, 20), 0, self.policy).date(),
                         datetime.date(2026, 11, 30))  # fmt: skip

    def test_bad_holiday_line_is_named_in_vietnamese(self):
        with self.assertRaises(ValidationError) as raised:
            parse_holidays("01/01/2027\nTết")
        self.assertIn("Dòng 2", str(raised.exception))

    @freeze_time("2026-11-27 08:00:00+07:00")
    def test_review_step_due_date_is_recorded_on_start(self):
        from workflows.deadlines import step_due_at

        self.assertEqual(step_due_at(school=self.school), at(2026, 11, 30, 8))


class ItemDeadlines(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school = SchoolFactory()

    def test_states(self):
        due = datetime.date(2026, 11, 30)
        cases = [
            (None, None, datetime.date(2026, 11, 1), NO_DEADLINE),
            (due, None, datetime.date(2026, 11, 25), ON_TIME),
            (due, None, datetime.date(2026, 11, 29), DUE_SOON),
            (due, None, datetime.date(2026, 12, 1), OVERDUE),
            (due, datetime.date(2026, 11, 30), datetime.date(2026, 12, 5), PUBLISHED_ON_TIME),
            (due, datetime.date(2026, 12, 1), datetime.date(2026, 12, 5), PUBLISHED_LATE),
        ]
        for due_date, published, today, expected in cases:
            with self.subTest(expected=expected):
                self.assertEqual(
                    deadline_state(due=due_date, published=published, today=today, due_soon_days=1),
                    expected,
                )

    def test_news_three_days_after_the_event_ends(self):
        article = ArticlePage(
            title="Hội thi", event_start=at(2026, 11, 20, 7), event_end=at(2026, 11, 21, 23, 30)
        )
        deadline = deadline_for(article, school=self.school, today=datetime.date(2026, 11, 24))
        self.assertEqual(deadline.trigger, datetime.date(2026, 11, 21))
        self.assertEqual(deadline.due, datetime.date(2026, 11, 24))
        self.assertEqual(deadline.state, DUE_SOON)
        article.first_published_at = at(2026, 11, 25, 8)
        self.assertEqual(deadline_for(article, school=self.school).state, PUBLISHED_LATE)
        article.first_published_at = at(2026, 11, 24, 23, 59)
        self.assertEqual(deadline_for(article, school=self.school).state, PUBLISHED_ON_TIME)

    def test_news_without_an_event_counts_from_submission(self):
        article = ArticlePage(title="Tin ngắn")
        deadline = deadline_for(
            article,
            school=self.school,
            submitted_at=at(2026, 11, 2, 9),
            today=datetime.date(2026, 11, 10),
        )
        self.assertEqual((deadline.due, deadline.state), (datetime.date(2026, 11, 5), OVERDUE))
        self.assertEqual(deadline_for(ArticlePage(title="x"), school=self.school).state,
                         NO_DEADLINE)  # fmt: skip

    def test_documents_two_days_after_signing_and_research_fourteen_after_approval(self):
        document = OfficialDocument(issued_on=datetime.date(2026, 11, 2))
        self.assertEqual(deadline_for(document, school=self.school).due, datetime.date(2026, 11, 4))
        resource = Resource(approved_on=datetime.date(2026, 11, 2))
        self.assertEqual(deadline_for(resource, school=self.school).due,
                         datetime.date(2026, 11, 16))  # fmt: skip

    def test_durations_are_per_school(self):
        other = SchoolFactory()
        EditorialPolicy.objects.filter(school=other).update(news_days=5, document_days=1)
        article = ArticlePage(title="Tin", event_end=at(2026, 11, 2, 9))
        self.assertEqual(deadline_for(article, school=self.school).due, datetime.date(2026, 11, 5))
        fresh = type(other).objects.get(pk=other.pk)
        self.assertEqual(deadline_for(article, school=fresh).due, datetime.date(2026, 11, 7))
        self.assertEqual(deadlines.policy_for(fresh).document_days, 1)
