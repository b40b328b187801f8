"""Production settings: refuse to start without secrets, hosts and a database URL."""

from school_site.env import load_environment

from .base import *  # noqa: F403

ENV = load_environment(production=True)

DEBUG = False
SECRET_KEY = ENV.secret_key
ALLOWED_HOSTS = list(ENV.allowed_hosts)
DATABASES = {"default": ENV.database}

SECURE_SSL_REDIRECT = ENV.secure_ssl_redirect
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = ENV.secure_hsts_seconds
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = ENV.secure_hsts_preload
SILENCED_SYSTEM_CHECKS = [
    # Wagtail's live preview shows the page in a same-origin frame: SAMEORIGIN, not DENY.
    "security.W019",
    # Joining the HSTS preload list is a decision for each domain's owner (SECURE_HSTS_PRELOAD).
    "security.W021",
]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
# Production needs a shared cache for sessions across workers: Redis when configured.
if not ENV.redis_url:
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
