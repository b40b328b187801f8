"""Embedded development and demo settings: SQLite, local files, no service to install."""

from school_site.env import BASE_DIR

from .base import *  # noqa: F403
from .base import ENV

DEBUG = True
SECRET_KEY = ENV.secret_key or "dev-only-insecure-key-never-used-in-production"
ALLOWED_HOSTS = list(ENV.allowed_hosts) or ["*"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
(BASE_DIR / "var").mkdir(exist_ok=True)
