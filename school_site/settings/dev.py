"""Embedded development and demo settings: SQLite, local files, no service to install."""

from .base import *  # noqa: F403
from .base import ENV

DEBUG = True
SECRET_KEY = ENV.secret_key or "dev-only-insecure-key-never-used-in-production"
ALLOWED_HOSTS = list(ENV.allowed_hosts) or ["*"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
ENV.var_dir.mkdir(parents=True, exist_ok=True)
