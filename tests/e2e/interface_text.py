"""Finding English left in the Vietnamese admin: what a page shows, and which of it is English.

``visible_texts(page)`` collects what a person sees or hears on the page: the rendered text
(``innerText``, without code blocks), the title, ``placeholder``/``aria-label``/``title``/``alt`` attributes, the texts
of ``<option>``s and of the items in dropdown menus, which are in the page but hidden until opened.
``english_lines(texts)`` flags each line that is

1. an English message of the admin's catalogues (``school_site.admin_locale.CATALOGUES``, and
   ``EXTRA_PACKAGES``) or of ours (``locale/vi``) whose Vietnamese translation is not the same text ("Save", "Choose a
   page", "Page %(page)s of %(pages)s" matched as a pattern), compared case-insensitively without
   trailing ":", "…" or "*"; or
2. made only of ASCII words, at least two of which are common English interface words; or
3. a Python value printed as it is ("True", "False", "None").

``ALLOWED`` names what may stay as it is (product names, the language switcher's "English",
...); code-like strings (paths, file names, addresses) and people's usernames pass as data.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Shown as they are, on purpose.
ALLOWED = frozenset(
    {
        "wagtail",  # the product's name (the logo's label, "Wagtail v7.4.4")
        "english",  # the language switcher offers English in English
        "tiếng việt",
        "ok",
        "email",
        "e-mail",
        "pdf",
        "url",
        "rss",
        "atom",
        "excel",
        "word",
        "html",
        "id",
        "slug",
        "tag",
        "tags",
    }
)
ALLOWED_PATTERNS = (
    re.compile(r"^wagtail v?\d+(\.\d+)*$", re.I),
    re.compile(r"^[\w.+-]+@[\w.-]+$"),  # e-mail addresses
    re.compile(r"^(https?://|/)\S*$"),  # URLs and paths
    re.compile(r"^[\w.-]+\.(png|jpe?g|gif|webp|pdf|docx?|xlsx?|zip|odt|ods|csv|txt)$", re.I),
    re.compile(r"^[\d\s.,:/%()+\-–—×x]*$"),  # numbers, dates, sizes
)

_ENGLISH_WORDS = """
    the and of to your you this that these with for from in on at by or not no yes all any
    add edit delete save cancel search view more select choose page pages image images document
    documents settings help new create update remove upload download publish unpublish draft
    live preview history revisions revision workflow task tasks submit approve reject comment
    comments user users group groups account password name title date status actions action
    filter filters sort order show hide close open copy move lock unlock locked privacy private
    public site sites collection collections snippets snippet report reports log logs dashboard
    menu item items file files size created updated edited owner type content field fields
    back next previous first last clear apply reset log-in login logout sign out in out
    is are was were be been has have had will can may must should could would there here
    a an it as if when which please enter only each other used use my our guide guides role
    roles topic topics list term terms school schools week weeks person people staff resource
    resources link links photo photos calendar notification notifications work contents
"""
ENGLISH_WORDS = frozenset(_ENGLISH_WORDS.split())
# Packages whose messages the admin shows besides school_site.admin_locale.CATALOGUES: the tag
# field's help text comes from django-taggit.
EXTRA_PACKAGES = ("taggit",)
PYTHON_VALUES = frozenset({"true", "false", "none"})  # a value printed instead of its label
_ASCII_LINE = re.compile(r"^[A-Za-z0-9 .,:;!?'\"’()/&+\-–—…]+$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%[sdfr]|\{\w*\}")
_TRAILING = re.compile(r"[\s:：…*]+$|\.\.\.$")


def normalise(text: str) -> str:
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous, text = text, _TRAILING.sub("", text).strip()
    return text.casefold()


@cache
def english_messages() -> tuple[frozenset[str], re.Pattern | None]:
    """(plain messages, one pattern for the messages with placeholders), normalised: every
    English msgid of the admin's catalogues and of ours whose Vietnamese text differs from it."""
    import polib

    from school_site.admin_locale import CATALOGUES, Catalogue, _runtime_catalogue

    sources: list[tuple[str, Path]] = [(c.domain, c.path("en")) for c in CATALOGUES]
    sources.append(("django", ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"))
    for package in EXTRA_PACKAGES:  # shown in the admin, not (yet) in CATALOGUES
        sources.append(("django", Catalogue(package).path("en")))
    catalogues = {domain: _runtime_catalogue(domain, "vi") for domain in ("django", "djangojs")}
    plain: set[str] = set()
    patterns: set[str] = set()
    for domain, path in sources:
        catalogue = catalogues[domain]
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
                translated = catalogue.get((key, 0) if entry.msgid_plural else key)
                if translated == msgid or not re.search(r"[A-Za-z]{2}", msgid):
                    continue
                if "<" in msgid or "\n" in msgid.strip():
                    continue  # markup and paragraphs never make one line of the interface
                text = normalise(msgid)
                if _PLACEHOLDER.search(text):
                    literal = _PLACEHOLDER.sub(" ", text)
                    if len(_WORD.findall(literal)) < 2:
                        continue  # "%(count)s items" alone matches too much
                    parts = _PLACEHOLDER.split(text)
                    patterns.add(".+?".join(re.escape(part) for part in parts))
                elif text not in ALLOWED:
                    plain.add(text)
    pattern = re.compile("^(?:" + "|".join(sorted(patterns)) + ")$") if patterns else None
    return frozenset(plain), pattern


def allowed(line: str, usernames: frozenset[str] = frozenset()) -> bool:
    text = normalise(line)
    if not text or text in ALLOWED or text in usernames:
        return True
    return any(p.match(line.strip()) for p in ALLOWED_PATTERNS)


def is_english(line: str) -> bool:
    text = normalise(line)
    plain, pattern = english_messages()
    if text in PYTHON_VALUES or text in plain or (pattern is not None and pattern.match(text)):
        return True
    if _ASCII_LINE.match(text):
        words = [w.lower() for w in _WORD.findall(text)]
        return sum(1 for w in words if w in ENGLISH_WORDS) >= 2
    return False


def english_lines(texts, *, usernames=frozenset()) -> list[str]:
    """The distinct English lines among ``texts`` (each text may hold several lines)."""
    found: dict[str, None] = {}
    for text in texts:
        for line in re.split(r"[\n\t]", str(text)):  # table cells come tab-separated
            line = " ".join(line.split())
            if line and not allowed(line, usernames) and is_english(line):
                found.setdefault(line, None)
    return list(found)


# What a person sees or hears on the page, including the contents of menus not yet opened.
COLLECT_JS = r"""
() => {
  // Code shown in a page (the guide's commands) is not interface text.
  const code = new Set();
  for (const el of document.querySelectorAll('pre, code')) {
    for (const line of el.innerText.split('\n')) code.add(line.trim());
  }
  const body = document.body.innerText.split('\n').filter((line) => !code.has(line.trim()));
  const out = [document.title, ...body];
  const skip = (el) => el.closest('script, template, noscript, [data-guide-ignore]');
  for (const el of document.querySelectorAll('[placeholder], [aria-label], [title], img[alt]')) {
    if (skip(el)) continue;
    for (const name of ['placeholder', 'aria-label', 'title', 'alt']) {
      const value = el.getAttribute(name);
      if (value) out.push(value);
    }
  }
  for (const el of document.querySelectorAll('option, [role=menuitem], .w-dropdown__content a, .w-dropdown__content button, [data-w-dropdown-target=content] a, [data-w-dropdown-target=content] button')) {
    if (skip(el)) continue;
    out.push(el.textContent);
  }
  return out;
}
"""


def visible_texts(page) -> list[str]:
    return page.evaluate(COLLECT_JS)


def sidebar_labels(page) -> list[str]:
    """Every label of the sidebar's menus (submenus too), from the JSON the sidebar is drawn from."""
    import json

    props = page.locator("#wagtail-sidebar-props").text_content()
    labels: list[str] = []

    def walk(value):
        if isinstance(value, dict):
            for key in ("label", "footer_text", "name"):
                if key in value and isinstance(value[key], str) and key != "name":
                    labels.append(value[key])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(props or "{}"))
    return labels
