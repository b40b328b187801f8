"""Settings of the benchmark stack (``bench/run.py``): production's, unchanged, except that
seeding (``BENCH_SEEDING=1``) drops the background tasks its thousands of writes would queue;
the search index is rebuilt once when the data is in."""

import os

from school_site.settings.production import *  # noqa: F403

if os.environ.get("BENCH_SEEDING") == "1":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
