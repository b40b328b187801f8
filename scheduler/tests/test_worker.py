import time
from datetime import timedelta

from django.core.management import call_command
from django.test import TransactionTestCase, override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from scheduler.periodic import PeriodicJob, configured_jobs
from schools.factories import SchoolFactory
from sections.factories import StandardPageFactory


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
class TestScheduledPublishing(TransactionTestCase):
    """The worker publishes scheduled pages by itself: no cron."""

    serialized_rollback = True  # keep Wagtail's root page and collection between tests

    def test_publish_scheduled_is_a_configured_periodic_job(self):
        self.assertIn("scheduler.tasks.publish_scheduled", [j.task_path for j in configured_jobs()])

    def test_worker_publishes_a_page_whose_time_has_come(self):
        school = SchoolFactory()
        news = school.site.root_page.get_children().get(slug="tin-tuc-su-kien")
        page = StandardPageFactory(parent=news, title="Tin hẹn giờ", live=False)
        page.go_live_at = timezone.now() + timedelta(seconds=1)
        revision = page.save_revision()
        revision.publish()  # a future go_live_at makes this a scheduled publication
        page.refresh_from_db()
        self.assertFalse(page.live)

        time.sleep(1.2)  # the scheduled time passes
        job = PeriodicJob("scheduler.tasks.publish_scheduled", interval=60)
        self.assertTrue(job.enqueue_if_due(now=0))
        self.assertFalse(job.enqueue_if_due(now=1))  # not due again before its interval
        job.next_run = 0
        self.assertFalse(job.enqueue_if_due(now=2))  # an earlier run still waits: no pile-up
        runs = DBTaskResult.objects.filter(task_path=job.task_path)
        self.assertEqual(runs.filter(status=TaskResultStatus.READY).count(), 1)

        call_command(
            "run_worker",
            "--batch",
            "--no-reload",
            "--no-startup-delay",
            "--no-scheduler",
            verbosity=0,
        )
        page.refresh_from_db()
        self.assertTrue(page.live)
        self.assertEqual(runs.get().status, TaskResultStatus.SUCCESSFUL)
