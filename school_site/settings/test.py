"""Test settings: the embedded setup, or PostgreSQL when DATABASE_URL is set."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import ENV

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
if not ENV.redis_url:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CACHES["pagecache"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pagecache-tests",
}
# The page cache is off for every test but its own (pagecache/tests switch it on).
PORTAL_PAGE_CACHE_SECONDS = 0
WAGTAILADMIN_BASE_URL = "http://testserver"
# Files written by tests (also in setUpTestData) never land in var/media.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-media-"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Run background tasks (search indexing, ...) at once; tests of the worker switch to the
# database backend with override_settings.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# New schools get no Sở/Phòng links from the developer's environment; tests pass their own.
PORTAL_AUTHORITY_LINKS = []
