"""Our own interface strings: 100 % translated into Vietnamese, placeholders intact, and the
compiled catalogue (.mo) in step with its source (.po)."""

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po"))
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]*\}|</?[a-z]+[^>]*>")


def test_there_is_a_vietnamese_catalogue():
    assert ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po" in CATALOGUES


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete_and_placeholders_are_kept(path):
    po = polib.pofile(str(path))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated[:20]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:20]}"
    for entry in po.translated_entries():
        pairs = [(entry.msgid, entry.msgstr)]
        if entry.msgid_plural:
            pairs = [(entry.msgid_plural, s) for s in entry.msgstr_plural.values()]
        for source, target in pairs:
            assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(target)), (
                f"placeholders differ in {source!r} -> {target!r}"
            )


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_catalogue_matches_source(path):
    mo_path = path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} missing: run manage.py compilemessages"
    po = {
        e.msgid: e.msgstr
        for e in polib.pofile(str(path)).translated_entries()
        if not e.msgid_plural
    }
    mo = {e.msgid: e.msgstr for e in polib.mofile(str(mo_path)) if not e.msgid_plural}
    stale = sorted(k for k in po if mo.get(k) != po[k])
    assert not stale, f"{mo_path.name} is stale for {stale[:10]}: run manage.py compilemessages"


def test_interface_defaults_to_vietnamese_and_english_is_selectable(client):
    with translation.override("vi"):
        assert translation.gettext("Search") == "Tìm kiếm"
    with translation.override("en"):
        assert translation.gettext("Search") == "Search"
