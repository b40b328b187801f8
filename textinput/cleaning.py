"""Clean text on its way into the CMS with ``vntext``: legacy encodings (TCVN3, VNI, VIQR,
Windows-1258, mojibake) become Unicode, everything becomes NFC. Correct Unicode is never altered
beyond NFC. Each function also reports which legacy encodings it converted."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.rich_text import RichText

import vntext

LEGACY_NAMES = {
    "tcvn3": "TCVN3",
    "tcvn3h": "TCVN3",
    "vni": "VNI",
    "viqr": "VIQR",
    "cp1258": "Windows-1258",
    "mojibake": "UTF-8/Windows-1252",
}


@dataclass
class CleaningReport:
    encodings: list[str] = field(default_factory=list)

    def add(self, *encodings: str) -> None:
        for encoding in encodings:
            name = LEGACY_NAMES.get(encoding)
            if name and name not in self.encodings:
                self.encodings.append(name)

    @property
    def converted(self) -> bool:
        return bool(self.encodings)

    def message(self) -> str:
        return _("Converted %(encodings)s to Unicode.") % {"encodings": ", ".join(self.encodings)}


def clean_text(text: str, report: CleaningReport) -> str:
    if not text:
        return text
    converted = vntext.to_unicode(text)
    if converted != unicodedata.normalize("NFC", text):
        report.add(*vntext.detect_encoding(text).encodings)
    return unicodedata.normalize("NFC", converted)


def clean_html(html: str, report: CleaningReport) -> str:
    """Clean the text nodes of stored rich text (Wagtail's own HTML: link and embed markup must
    survive untouched, so nothing but text is rewritten, and only when something changed)."""
    if not html:
        return html
    from bs4 import BeautifulSoup, NavigableString

    soup = BeautifulSoup(html, "html.parser")
    changed = False
    for node in soup.find_all(string=True):
        if type(node) is not NavigableString:  # comments, CDATA...
            continue
        cleaned = clean_text(str(node), report)
        if cleaned != str(node):
            node.replace_with(cleaned)
            changed = True
    return str(soup) if changed else unicodedata.normalize("NFC", html)


def clean_block_value(block: blocks.Block, value, report: CleaningReport):
    """Clean a StreamField value of any depth: rich text, char and text blocks are cleaned;
    structure, ids and other values are kept."""
    if isinstance(block, blocks.RichTextBlock):
        return RichText(clean_html(value.source, report)) if value else value
    if isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        return clean_text(value, report) if isinstance(value, str) else value
    if isinstance(block, blocks.StreamBlock):
        children = [
            (child.block_type, clean_block_value(child.block, child.value, report), child.id)
            for child in value
        ]
        return blocks.StreamValue(block, children, is_lazy=False)
    if isinstance(block, blocks.StructBlock):
        return blocks.StructValue(
            block,
            [
                (name, clean_block_value(block.child_blocks[name], val, report))
                for name, val in value.items()
            ],
        )
    if isinstance(block, blocks.ListBlock):
        return blocks.list_block.ListValue(
            block,
            values=[clean_block_value(block.child_block, item, report) for item in value],
        )
    return value
