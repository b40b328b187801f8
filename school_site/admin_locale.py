"""The Vietnamese override of the admin's catalogues (``locale_admin/``, in ``LOCALE_PATHS``).

Wagtail 7.4 ships a Vietnamese catalogue covering less than a tenth of its admin, Django's
covers most but not all of what the admin shows. ``locale_admin/vi/LC_MESSAGES/django.po`` and
``djangojs.po`` hold the translations of every message of the catalogues below that the packages'
own Vietnamese catalogues lack. ``bin/admin-locale sync`` refreshes the list of messages after an
upgrade (new messages arrive untranslated; translations are kept); ``tests/test_admin_locale.py``
fails below 99 % coverage or when a translation drops a placeholder, a tag or the plural form.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
OVERRIDE_DIR = BASE_DIR / "locale_admin"


@dataclass(frozen=True)
class Catalogue:
    package: str  # the Python package holding locale/<lang>/LC_MESSAGES/<domain>.po
    domain: str = "django"
    subdir: str = "locale"  # Django's own core catalogue lives in conf/locale

    @property
    def name(self) -> str:
        return f"{self.package}:{self.domain}"

    def path(self, language: str) -> Path:
        spec = importlib.util.find_spec(self.package)
        root = Path(spec.submodule_search_locations[0])
        return root / self.subdir / language / "LC_MESSAGES" / f"{self.domain}.po"


# What the admin of this install shows: the Wagtail apps in INSTALLED_APPS (a test keeps this
# list in step with them), the admin's JavaScript, and
# the Django parts visible in it (form validation, authentication, content types, humanize).
CATALOGUES = (
    Catalogue("wagtail"),
    Catalogue("wagtail.admin"),
    Catalogue("wagtail.admin", "djangojs"),
    Catalogue("wagtail.images"),
    Catalogue("wagtail.documents"),
    Catalogue("wagtail.users"),
    Catalogue("wagtail.snippets"),
    Catalogue("wagtail.sites"),
    Catalogue("wagtail.embeds"),
    Catalogue("wagtail.search"),
    Catalogue("wagtail.contrib.forms"),
    Catalogue("wagtail.contrib.redirects"),
    Catalogue("wagtail.contrib.settings"),
    Catalogue("wagtail.contrib.search_promotions"),
    Catalogue("wagtail.contrib.typed_table_block"),
    Catalogue("django", subdir="conf/locale"),
    Catalogue("django.contrib.auth"),
    Catalogue("django.contrib.contenttypes"),
    Catalogue("django.contrib.humanize"),
    Catalogue("taggit"),  # the tag field of the page editor
)


def override_path(domain: str, language: str = "vi") -> Path:
    return OVERRIDE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def _runtime_catalogue(domain: str, language: str):
    """What Django will actually use for ``domain`` in ``language``: every installed app's
    catalogue merged with ``LOCALE_PATHS`` (ours win), as at run time."""
    from django.utils.translation import trans_real

    if domain == "django":
        return trans_real.translation(language)._catalog
    localedirs = sorted({str(c.path("en").parents[2]) for c in CATALOGUES if c.domain == domain})
    return trans_real.DjangoTranslation(language, domain=domain, localedirs=localedirs)._catalog


def _key(entry) -> str:
    return f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid


def coverage(language: str = "vi"):
    """[(catalogue name, messages, translated, [missing msgids])] for ``CATALOGUES``."""
    import polib

    rows = []
    for catalogue in CATALOGUES:
        catalog = _runtime_catalogue(catalogue.domain, language)
        entries = [e for e in polib.pofile(str(catalogue.path("en"))) if not e.obsolete]
        missing = []
        for entry in entries:
            key = (_key(entry), 0) if entry.msgid_plural else _key(entry)
            if not catalog.get(key):
                missing.append(entry.msgid)
        rows.append((catalogue.name, len(entries), len(entries) - len(missing), missing))
    return rows
