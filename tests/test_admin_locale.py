"""The admin speaks Vietnamese: at least 99 % of every catalogue the admin uses has a Vietnamese
translation at run time (the packages' own catalogues plus our override in ``locale_admin/``),
and no translation of ours drops or changes a placeholder, an HTML tag or the plural form."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

from school_site.admin_locale import CATALOGUES, OVERRIDE_DIR, coverage

THRESHOLD = 0.99
PLACEHOLDER = re.compile(
    r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdifr]|\{[A-Za-z_]\w*\}|\{\d*\}"
)
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b")
OVERRIDES = sorted(OVERRIDE_DIR.glob("vi/LC_MESSAGES/*.po"))


@pytest.fixture(scope="module")
def rows():
    with translation.override("vi"):
        return coverage("vi")


def test_every_catalogue_is_at_least_99_percent_vietnamese(rows):
    assert {name for name, *_ in rows} == {c.name for c in CATALOGUES}
    short = [
        (name, f"{done}/{total}", missing[:5])
        for name, total, done, missing in rows
        if total and done / total < THRESHOLD
    ]
    assert not short, short


def test_the_whole_admin_is_at_least_99_percent_vietnamese(rows):
    total = sum(row[1] for row in rows)
    done = sum(row[2] for row in rows)
    assert total > 2000  # the catalogues really were read
    assert done / total >= THRESHOLD, f"{done}/{total}"


def _signature(text: str):
    return sorted(PLACEHOLDER.findall(text)), sorted(t.lower() for t in TAG.findall(text))


@pytest.mark.parametrize("path", OVERRIDES, ids=lambda p: p.name)
def test_override_keeps_placeholders_tags_and_plurals(path):
    po = polib.pofile(str(path))
    assert po.metadata["Plural-Forms"].startswith("nplurals=1;")
    problems = []
    for entry in po.translated_entries():
        if entry.msgid_plural:
            values = list(entry.msgstr_plural.values())
            if len(values) != 1 or not values[0]:
                problems.append(("plural form", entry.msgid))
                continue
            target = values[0]
            sources = (entry.msgid_plural, entry.msgid)
            if _signature(target) not in [_signature(s) for s in sources]:
                problems.append(("placeholders/tags", entry.msgid, target))
        elif _signature(entry.msgstr) != _signature(entry.msgid):
            problems.append(("placeholders/tags", entry.msgid, entry.msgstr))
    assert not problems, problems[:10]


@pytest.mark.parametrize("path", OVERRIDES, ids=lambda p: p.name)
def test_override_is_compiled(path):
    mo_path = path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} missing: run manage.py compilemessages"
    po = {e.msgid: e.msgstr for e in polib.pofile(str(path)).translated_entries() if e.msgstr}
    mo = {e.msgid: e.msgstr for e in polib.mofile(str(mo_path)) if not e.msgid_plural}
    stale = sorted(k for k in po if not k.startswith("\x04") and mo.get(k) != po[k])
    assert not stale, f"{mo_path.name} is stale for {stale[:5]}"


def test_every_installed_wagtail_app_with_a_catalogue_is_listed():
    from django.apps import apps

    listed = {c.package for c in CATALOGUES}
    installed = {
        config.name
        for config in apps.get_app_configs()
        if config.name.startswith("wagtail") and (Path(config.path) / "locale").is_dir()
    }
    assert installed <= listed, installed - listed


def _labels(node) -> set[str]:
    found = set()
    if isinstance(node, dict):
        if isinstance(node.get("label"), str):
            found.add(node["label"])
        for value in node.values():
            found |= _labels(value)
    elif isinstance(node, list):
        for value in node:
            found |= _labels(value)
    return found


def test_the_admin_menu_and_dashboard_are_vietnamese(admin_client):
    import json

    text = admin_client.get("/admin/").content.decode()
    # The sidebar is rendered by JavaScript from these JSON props; their labels are the menu.
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', text, re.S
    )
    labels = _labels(json.loads(props.group(1)))
    for english in ("Pages", "Images", "Documents", "Snippets", "Settings", "Reports", "Help"):
        assert english not in labels, english
    assert {"Trang", "Hình ảnh", "Tài liệu", "Mục dùng chung"} <= labels, labels
