"""Settings shared by every environment. Values that vary come from ``school_site.env``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from school_site.env import BASE_DIR, Environment, load_environment

ENV: Environment = load_environment()

DEBUG = ENV.debug
SECRET_KEY = ENV.secret_key
ALLOWED_HOSTS = list(ENV.allowed_hosts)
CSRF_TRUSTED_ORIGINS = list(ENV.csrf_trusted_origins)

INSTALLED_APPS = [
    # Our apps first so their templates and translations override Wagtail's.
    "schools",
    "home",
    "sections",
    "news",
    "galleries",
    "official_docs",
    "people",
    "schedules",
    "timetables",
    "uploads",
    "syndication",
    "links",
    "search",
    "workflows",
    "resources",
    "scheduler",
    "textinput",
    "pagecache",
    "guides",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",  # superuser-only; schools use search.Promotion
    "wagtail.contrib.settings",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "schools.apps.ScopedUsersAppConfig",  # replaces "wagtail.users"
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers visitors' cached pages before sessions, locale and Wagtail do any work.
    "pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "schools.middleware.CurrentSchoolMiddleware",
    "schools.scoping.GlobalAdminAreasMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "school_site.urls"
WSGI_APPLICATION = "school_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "schools.context_processors.school",
            ],
        },
    },
]

DATABASES = {"default": ENV.database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# --- Vietnamese first -------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
# Our messages, then the Vietnamese override of the admin's catalogues (school_site/admin_locale.py).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_admin"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["school_site.formats"]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = False
WAGTAIL_USER_TIME_ZONES = ["Asia/Ho_Chi_Minh"]  # one country, one time zone
WAGTAILADMIN_USER_LOGIN_FORM = "schools.forms.LoginForm"  # a translated password label

# --- Files ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = ENV.static_root
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = ENV.media_root
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if ENV.use_s3:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": ENV.aws_storage_bucket_name,
            "endpoint_url": ENV.aws_s3_endpoint_url or None,
            "region_name": ENV.aws_s3_region_name or None,
            "access_key": ENV.aws_access_key_id or None,
            "secret_key": ENV.aws_secret_access_key or None,
            "custom_domain": ENV.aws_s3_custom_domain or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 16 * 1024 * 1024  # a long pasted Word document must not be lost
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_IMAGE_FORM_BASE = "galleries.image_forms.CompleteImageForm"
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = [
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "txt", "csv", "zip",
]  # fmt: skip
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # documents go through permission checks

# --- Cache, sessions --------------------------------------------------------------------
if ENV.redis_url:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": ENV.redis_url,
        },
        # Visitors' pages (pagecache/): shared by every worker, so a purge is seen by all.
        "pagecache": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": ENV.redis_url,
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "school-portal",
        },
        # Files, not process memory: the web server and the worker (which publishes scheduled
        # pages) must see the same generations, or a purge would miss the other process.
        "pagecache": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": ENV.var_dir / "pagecache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Anonymous visitors' pages are kept this many seconds (0: off); see pagecache/middleware.py.
PORTAL_PAGE_CACHE_SECONDS = ENV.page_cache_seconds
# Proxy caches in front: each change of a school BANs its host (pagecache/frontend.py).
if ENV.frontend_cache_urls:
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "pagecache.frontend.HostBanBackend",
            "LOCATIONS": list(ENV.frontend_cache_urls),
        }
    }

# --- Search -----------------------------------------------------------------------------
if ENV.elasticsearch_url:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [ENV.elasticsearch_url],
            "INDEX_PREFIX": ENV.elasticsearch_index_prefix,
            "TIMEOUT": 5,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# The public site search (search/): candidates from the database's full-text index, or from
# Elasticsearch/OpenSearch when ELASTICSEARCH_URL is set (one index for the install).
PORTAL_SEARCH_ELASTICSEARCH = (
    {
        "URL": ENV.elasticsearch_url,
        "INDEX": f"{ENV.elasticsearch_index_prefix}site_search",
        "TIMEOUT": 5,
    }
    if ENV.elasticsearch_url
    else None
)

# --- Background work --------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Periodic jobs run by ``manage.py run_worker``: (task path, interval in seconds).
PORTAL_PERIODIC_TASKS = [
    ("scheduler.tasks.publish_scheduled", 60),
    ("links.tasks.check_all_links", 24 * 60 * 60),
    ("workflows.tasks.daily_digest", 60 * 60),  # sends once a day, from 07:00
    ("workflows.rota_tasks.rota_reminders", 60 * 60),  # sends from 07:00 to 21:59
    ("schedules.tasks.purge_unconfirmed_subscribers", 60 * 60),
    ("search.tasks.purge_old_search_terms", 24 * 60 * 60),
]

# --- E-mail -----------------------------------------------------------------------------
vars().update(ENV.email)
DEFAULT_FROM_EMAIL = ENV.default_from_email
SERVER_EMAIL = ENV.server_email
ADMINS = list(ENV.admins)

# --- Wagtail ----------------------------------------------------------------------------
WAGTAIL_SITE_NAME = _("School portal")
WAGTAILADMIN_BASE_URL = ENV.base_url
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_PASSWORD_RESET_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no staff e-mail hashes sent to a third party
PORTAL_SUPERUSER_ONLY_ADMIN_PATHS = ["/admin/reports/", "/admin/searchpicks/"]
# Reader submissions ("Gửi bài", workflows/public_views.py): accepted per client address and
# hour (every post, also a refused one, counts against five times as many); a form sent sooner
# than the minimum number of seconds after it was shown is refused.
PORTAL_SUBMISSIONS_PER_HOUR = 3
PORTAL_SUBMISSION_MIN_SECONDS = 3
# The Sở and Phòng GD&ĐT links every new school gets under "Cơ quan quản lý": [(title, url)].
PORTAL_AUTHORITY_LINKS = list(ENV.authority_links)
# Rate limits key on the visitor's address: REMOTE_ADDR, or this header set by the proxy.
PORTAL_CLIENT_IP_HEADER = ENV.client_ip_header
TAGGIT_CASE_INSENSITIVE = True

X_FRAME_OPTIONS = "SAMEORIGIN"  # the admin previews pages in an iframe
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": ENV.log_level},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
