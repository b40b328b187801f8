"""The one typed schema of environment variables read by every settings module.

Each variable is declared once here with its type, its default for the embedded setup, and
whether production requires it. ``load_environment`` parses ``os.environ`` (or a given
mapping) into an immutable :class:`Environment`; a missing or malformed variable raises
``ImproperlyConfigured`` naming the variable, so a bad deployment fails at start-up.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

# Variables that production refuses to start without.
PRODUCTION_REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")


@dataclass(frozen=True)
class Environment:
    debug: bool = False
    secret_key: str = ""
    allowed_hosts: tuple[str, ...] = ()
    csrf_trusted_origins: tuple[str, ...] = ()
    database: dict[str, Any] = field(default_factory=dict)
    redis_url: str = ""
    elasticsearch_url: str = ""
    elasticsearch_index_prefix: str = "school_portal_"
    email: dict[str, Any] = field(default_factory=dict)
    default_from_email: str = "Cổng trường <no-reply@localhost>"
    server_email: str = "no-reply@localhost"
    admins: tuple[tuple[str, str], ...] = ()
    aws_storage_bucket_name: str = ""
    aws_s3_endpoint_url: str = ""
    aws_s3_region_name: str = ""
    aws_access_key_id: str = ""
    aws_secret_access_key: str = ""
    aws_s3_custom_domain: str = ""
    var_dir: Path = BASE_DIR / "var"
    media_root: Path = BASE_DIR / "var" / "media"
    static_root: Path = BASE_DIR / "var" / "static"
    base_url: str = "http://127.0.0.1:8000"
    secure_ssl_redirect: bool = True
    secure_hsts_seconds: int = 31536000
    secure_hsts_preload: bool = False
    log_level: str = "INFO"
    # The Sở and Phòng GD&ĐT of a province's install: (title, url) links seeded for new schools.
    authority_links: tuple[tuple[str, str], ...] = ()
    # Behind a proxy: the request header carrying the visitor's address, e.g. HTTP_X_REAL_IP.
    client_ip_header: str = ""
    # Visitors' page cache (pagecache/): seconds a page is kept; 0 turns it off.
    page_cache_seconds: int = 600
    # Proxy caches in front (Varnish) that receive a BAN by host on every change.
    frontend_cache_urls: tuple[str, ...] = ()

    @property
    def use_s3(self) -> bool:
        return bool(self.aws_storage_bucket_name)


def _error(name: str, problem: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"Environment variable {name}: {problem}. See .env.example.")


def _str(env: Mapping[str, str], name: str, default: str = "") -> str:
    return env.get(name, default).strip()


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise _error(name, f"expected a boolean (true/false), got {raw!r}")


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise _error(name, f"expected a whole number, got {raw!r}") from None


def _list(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in env.get(name, "").split(",") if item.strip())


def _url(env: Mapping[str, str], name: str, schemes: tuple[str, ...]) -> str:
    raw = _str(env, name)
    if not raw:
        return ""
    parts = urlsplit(raw)
    if parts.scheme not in schemes or not (parts.netloc or parts.path):
        raise _error(name, f"expected a URL starting with one of {', '.join(schemes)}")
    return raw


def _database(env: Mapping[str, str], var_dir: Path) -> dict[str, Any]:
    raw = _str(env, "DATABASE_URL")
    if not raw:
        config: dict[str, Any] = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(var_dir / "db.sqlite3"),
        }
    else:
        try:
            config = environ.Env.db_url_config(raw)
        except (ValueError, KeyError, TypeError, ImproperlyConfigured) as exc:
            raise _error("DATABASE_URL", f"cannot parse it ({exc})") from None
        scheme = urlsplit(raw).scheme
        if scheme not in environ.Env.DB_SCHEMES or not config.get("ENGINE"):
            raise _error("DATABASE_URL", f"unknown database scheme {scheme!r}")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets visitors read while the worker and editors write.
        config.setdefault("OPTIONS", {}).update(
            {
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
                ),
                "transaction_mode": "IMMEDIATE",
            }
        )
    else:
        config.setdefault("CONN_MAX_AGE", _int(env, "DATABASE_CONN_MAX_AGE", 60))
        config.setdefault("CONN_HEALTH_CHECKS", True)
    return config


def _email(env: Mapping[str, str]) -> dict[str, Any]:
    raw = _str(env, "EMAIL_URL")
    if not raw:
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    try:
        config = environ.Env.email_url_config(raw)
    except (ValueError, KeyError, TypeError, ImproperlyConfigured) as exc:
        raise _error("EMAIL_URL", f"cannot parse it ({exc})") from None
    if not config.get("EMAIL_BACKEND"):
        raise _error("EMAIL_URL", "unknown scheme (use smtp://, smtps://, consolemail://)")
    return config


def _admins(env: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    admins = []
    for address in _list(env, "ADMINS"):
        if "@" not in address:
            raise _error("ADMINS", f"{address!r} is not an e-mail address")
        admins.append((address, address))
    return tuple(admins)


def _authority_links(env: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """``[{"title": "Sở Giáo dục và Đào tạo ...", "url": "https://..."}, ...]`` as JSON."""
    raw = _str(env, "PORTAL_AUTHORITY_LINKS")
    if not raw:
        return ()
    expected = 'a JSON list of {"title": ..., "url": "https://..."}'
    try:
        items = json.loads(raw)
    except ValueError:
        raise _error("PORTAL_AUTHORITY_LINKS", f"expected {expected}, cannot parse it") from None
    if not isinstance(items, list):
        raise _error("PORTAL_AUTHORITY_LINKS", f"expected {expected}")
    links = []
    for item in items:
        title = item.get("title") if isinstance(item, dict) else None
        url = item.get("url") if isinstance(item, dict) else None
        if not isinstance(title, str) or not title.strip() or not isinstance(url, str):
            raise _error("PORTAL_AUTHORITY_LINKS", f"expected {expected}, got {item!r}")
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise _error("PORTAL_AUTHORITY_LINKS", f"{url!r} is not an http(s) address")
        links.append((title.strip(), url.strip()))
    return tuple(links)


def _client_ip_header(env: Mapping[str, str]) -> str:
    value = _str(env, "PORTAL_CLIENT_IP_HEADER").upper().replace("-", "_")
    if value and not value.replace("_", "").isalnum():
        raise _error("PORTAL_CLIENT_IP_HEADER", "must be a header name such as HTTP_X_REAL_IP")
    if value and not (value.startswith("HTTP_") or value == "REMOTE_ADDR"):
        value = f"HTTP_{value}"
    return value


def _page_cache_seconds(env: Mapping[str, str]) -> int:
    value = _int(env, "PORTAL_PAGE_CACHE_SECONDS", 600)
    if value < 0:
        raise _error("PORTAL_PAGE_CACHE_SECONDS", "must be 0 (off) or a number of seconds")
    return value


def _frontend_cache_urls(env: Mapping[str, str]) -> tuple[str, ...]:
    urls = _list(env, "PORTAL_FRONTEND_CACHE_URLS")
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise _error("PORTAL_FRONTEND_CACHE_URLS", f"{url!r} is not an http(s) address")
    return urls


def load_environment(
    env: Mapping[str, str] | None = None, *, production: bool = False
) -> Environment:
    """Parse the environment; with ``production`` the required variables must be set."""
    env = os.environ if env is None else env
    if production:
        for name in PRODUCTION_REQUIRED:
            if not _str(env, name):
                raise _error(name, "is required in production and is not set")
        if len(_str(env, "SECRET_KEY")) < 50:
            raise _error("SECRET_KEY", "must be at least 50 random characters")
        if "*" in _list(env, "ALLOWED_HOSTS"):
            raise _error("ALLOWED_HOSTS", "must list the schools' host names, not '*'")
    var_dir = Path(_str(env, "PORTAL_VAR_DIR") or BASE_DIR / "var")
    return Environment(
        debug=_bool(env, "DEBUG", default=False),
        secret_key=_str(env, "SECRET_KEY"),
        allowed_hosts=_list(env, "ALLOWED_HOSTS"),
        csrf_trusted_origins=_list(env, "CSRF_TRUSTED_ORIGINS"),
        database=_database(env, var_dir),
        redis_url=_url(env, "REDIS_URL", ("redis", "rediss", "unix")),
        elasticsearch_url=_url(env, "ELASTICSEARCH_URL", ("http", "https")),
        elasticsearch_index_prefix=_str(env, "ELASTICSEARCH_INDEX_PREFIX", "school_portal_"),
        email=_email(env),
        default_from_email=_str(env, "DEFAULT_FROM_EMAIL", "Cổng trường <no-reply@localhost>"),
        server_email=_str(env, "SERVER_EMAIL", "no-reply@localhost"),
        admins=_admins(env),
        aws_storage_bucket_name=_str(env, "AWS_STORAGE_BUCKET_NAME"),
        aws_s3_endpoint_url=_url(env, "AWS_S3_ENDPOINT_URL", ("http", "https")),
        aws_s3_region_name=_str(env, "AWS_S3_REGION_NAME"),
        aws_access_key_id=_str(env, "AWS_ACCESS_KEY_ID"),
        aws_secret_access_key=_str(env, "AWS_SECRET_ACCESS_KEY"),
        aws_s3_custom_domain=_str(env, "AWS_S3_CUSTOM_DOMAIN"),
        var_dir=var_dir,
        media_root=Path(_str(env, "MEDIA_ROOT") or var_dir / "media"),
        static_root=Path(_str(env, "STATIC_ROOT") or var_dir / "static"),
        base_url=_url(env, "PORTAL_BASE_URL", ("http", "https")) or "http://127.0.0.1:8000",
        secure_ssl_redirect=_bool(env, "SECURE_SSL_REDIRECT", default=True),
        secure_hsts_seconds=_int(env, "SECURE_HSTS_SECONDS", 31536000),
        secure_hsts_preload=_bool(env, "SECURE_HSTS_PRELOAD", default=False),
        log_level=_str(env, "LOG_LEVEL", "INFO").upper(),
        authority_links=_authority_links(env),
        client_ip_header=_client_ip_header(env),
        page_cache_seconds=_page_cache_seconds(env),
        frontend_cache_urls=_frontend_cache_urls(env),
    )
