"""Markdown → safe HTML for the guides shown in the admin.

Python-Markdown renders the text (tables, fenced code, heading anchors with Vietnamese slugs);
nh3 then keeps only ordinary document tags and rewrites every link and image source:

- ``other-guide.md[#anchor]`` → that guide's admin page, ``README.md`` → the index;
- ``anh/<name>.png`` → the screenshot view;
- ``#anchor``, ``http(s):``, ``mailto:`` and admin paths (``/admin/...``) are kept;
- anything else (a path into the repository, ``javascript:``) loses its link.
"""

from __future__ import annotations

import re

import markdown
import nh3
from django.urls import reverse

import vntext

_GUIDE_LINK = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*|README)\.md(?P<anchor>#[\w-]*)?$")
_IMAGE_SRC = re.compile(r"^anh/(?P<name>[a-z0-9]+(?:-[a-z0-9]+)*\.png)$")
_KEPT_HREF = re.compile(r"^(?:#[\w-]*|https?://\S+|mailto:\S+|/admin/\S*)$")
_SCREENSHOT = re.compile(
    r'(?P<img><img [^>]*src="(?P<src>/admin/huong-dan/anh/[a-z0-9-]+\.png)"[^>]*>)'
)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_FENCE = re.compile(r"^\s*(?:```|~~~)")

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "ol", "p", "pre",
    "s", "small", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "td": {"align", "colspan", "rowspan"},
    "ol": {"start"},
    **{f"h{level}": {"id"} for level in range(1, 7)},
}


def _slugify(value: str, separator: str) -> str:
    return vntext.slugify(value)


def _filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href":
        match = _GUIDE_LINK.match(value)
        if match:
            slug, anchor = match["slug"], match["anchor"] or ""
            if slug == "README":
                return reverse("guides_index") + anchor
            return reverse("guides_page", args=[slug]) + anchor
        return value if _KEPT_HREF.match(value) else None
    if tag == "img" and attribute == "src":
        match = _IMAGE_SRC.match(value)
        return reverse("guides_image", args=[match["name"]]) if match else None
    return value


def _separate_list_items(text: str) -> str:
    """A list item may follow a paragraph directly, as GitHub reads Markdown; Python-Markdown
    would join it to the paragraph, so put a blank line before it: after a paragraph that is
    not part of a list, or after an unindented (lazy) line inside one. Never in fenced code."""
    out: list[str] = []
    in_fence = False
    block_is_list = False  # whether the current block (since the last blank line) opened a list
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence or _FENCE.match(line):
            out.append(line)
            continue
        if not line.strip():
            block_is_list = False
            out.append(line)
            continue
        previous = out[-1] if out else ""
        if _LIST_ITEM.match(line):
            follows_paragraph = previous.strip() and not _LIST_ITEM.match(previous)
            if follows_paragraph and (not block_is_list or previous == previous.lstrip()):
                out.append("")
            block_is_list = True
        out.append(line)
    return "\n".join(out)


def render_markdown(text: str) -> str:
    html = markdown.markdown(
        _separate_list_items(text),
        extensions=["tables", "fenced_code", "sane_lists", "toc"],
        extension_configs={"toc": {"slugify": _slugify, "permalink": False}},
        output_format="html",
        tab_length=2,  # the guides nest lists by two or three spaces, as GitHub reads them
    )
    html = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=_filter,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    # A screenshot opens at full size when clicked.
    return _SCREENSHOT.sub(r'<a href="\g<src>">\g<img></a>', html)
