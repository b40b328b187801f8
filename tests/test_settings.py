"""Configuration: one typed environment schema; production refuses to start without secrets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from school_site.env import load_environment

ROOT = Path(__file__).resolve().parent.parent
GOOD_PRODUCTION = {
    "SECRET_KEY": "k" * 30 + "-long-random-secret-for-the-tests-only-0123456789",
    "ALLOWED_HOSTS": "c2tinhsonst.quangngai.edu.vn,.quangngai.edu.vn",
    "DATABASE_URL": "sqlite:////tmp/portal-prod-check.sqlite3",
}


def run_manage(env_overrides: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update({"DJANGO_SETTINGS_MODULE": "school_site.settings.production", **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in GOOD_PRODUCTION.items() if k != missing}
    result = run_manage(env, "check")
    assert result.returncode != 0
    assert f"Environment variable {missing}" in result.stderr


def test_production_passes_check_deploy():
    result = run_manage(GOOD_PRODUCTION, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout


def test_production_rejects_wildcard_hosts_and_short_keys():
    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS"):
        load_environment({**GOOD_PRODUCTION, "ALLOWED_HOSTS": "*"}, production=True)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        load_environment({**GOOD_PRODUCTION, "SECRET_KEY": "short"}, production=True)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DEBUG", "maybe"),
        ("REDIS_URL", "http://localhost:6379"),
        ("ELASTICSEARCH_URL", "localhost:9200"),
        ("DATABASE_URL", "nosuchdb://x"),
        ("SECURE_HSTS_SECONDS", "a year"),
        ("EMAIL_URL", "carrier-pigeon://x"),
        ("ADMINS", "not-an-address"),
    ],
)
def test_malformed_variables_are_named(name, value):
    with pytest.raises(ImproperlyConfigured, match=name):
        load_environment({name: value})


def test_services_are_chosen_by_environment_variables():
    env = load_environment(
        {
            "DATABASE_URL": "postgres://portal:secret@db.example:5432/portal",
            "REDIS_URL": "redis://127.0.0.1:6379/1",
            "ELASTICSEARCH_URL": "http://127.0.0.1:9200",
            "AWS_STORAGE_BUCKET_NAME": "truong-media",
            "EMAIL_URL": "smtp://user:pass@mail.example:587",
        }
    )
    assert env.database["ENGINE"] == "django.db.backends.postgresql"
    assert env.database["HOST"] == "db.example"
    assert env.redis_url == "redis://127.0.0.1:6379/1"
    assert env.use_s3
    assert env.email["EMAIL_HOST"] == "mail.example"


def test_embedded_defaults_need_no_service():
    env = load_environment({})
    assert env.database["ENGINE"] == "django.db.backends.sqlite3"
    assert "journal_mode=WAL" in env.database["OPTIONS"]["init_command"]
    assert env.media_root == env.var_dir / "media"
    assert not env.redis_url and not env.elasticsearch_url and not env.use_s3


def test_production_settings_wire_redis_elasticsearch_and_s3():
    code = (
        "from django.conf import settings as s;"
        "print(s.CACHES['default']['BACKEND']);"
        "print(s.SESSION_ENGINE);"
        "print(s.WAGTAILSEARCH_BACKENDS['default']['BACKEND']);"
        "print(s.STORAGES['default']['BACKEND'])"
    )
    env = {
        **GOOD_PRODUCTION,
        "REDIS_URL": "redis://127.0.0.1:6379/3",
        "ELASTICSEARCH_URL": "http://127.0.0.1:9200",
        "AWS_STORAGE_BUCKET_NAME": "truong-media",
    }
    result = run_manage(env, "shell", "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-4:] == [
        "django.core.cache.backends.redis.RedisCache",
        "django.contrib.sessions.backends.cache",
        "wagtail.search.backends.elasticsearch8",
        "storages.backends.s3.S3Storage",
    ]


def test_env_example_lists_every_variable():
    source = (ROOT / "school_site" / "env.py").read_text()
    example = (ROOT / ".env.example").read_text()
    import re

    names = set(re.findall(r'_(?:str|bool|int|list|url)\(env, "([A-Z_]+)"', source))
    names |= set(re.findall(r'_str\(env, "([A-Z_]+)"\)', source))
    names |= {"DATABASE_URL", "EMAIL_URL", "ADMINS", "DJANGO_SETTINGS_MODULE"}
    missing = sorted(n for n in names if f"{n}=" not in example)
    assert not missing, f".env.example lacks {missing}"
