"""Clipboard and Word HTML: convert legacy-font text to Unicode, then strip the styling.

Text is converted according to its effective font: inline ``font-family`` (Word's
``mso-hansi-font-family`` first), ``<font face>``, or a class/element rule of a
``<style>`` block, inherited from ancestors. Text without a legacy font goes through
content detection (which leaves correct Unicode alone). Then font families, sizes,
colours, backgrounds, Word's ``mso-`` noise, conditional comments and ``<o:p>`` are
removed; headings, lists, tables, bold/italic/underline, links and images stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from .convert import convert_pieces
from .detect import detect_text
from .encodings import DISPLAY_NAMES
from .fonts import first_family, font_encoding

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

__all__ = ["ConversionReport", "convert_html", "convert_html_report"]


@dataclass(frozen=True, slots=True)
class ConversionReport:
    """What a conversion changed. ``encodings`` are canonical names, in order of appearance."""

    encodings: tuple[str, ...] = ()
    pieces: int = 0
    by_font: int = 0
    by_content: int = 0
    warnings: tuple[str, ...] = field(default=())

    @property
    def converted(self) -> bool:
        return bool(self.encodings)

    @property
    def message_vi(self) -> str:
        """E.g. ``"Đã chuyển mã TCVN3 sang Unicode"`` (empty when nothing was converted)."""
        if not self.encodings:
            return ""
        names: list[str] = []
        for enc in self.encodings:
            name = DISPLAY_NAMES.get(enc, enc)
            if name not in names:
                names.append(name)
        return f"Đã chuyển mã {', '.join(names)} sang Unicode"


class _Collector:
    def __init__(self) -> None:
        self.encodings: list[str] = []
        self.pieces = 0
        self.by_font = 0
        self.by_content = 0

    def add(self, enc: str, by_font: bool) -> None:
        if enc not in self.encodings:
            self.encodings.append(enc)
        self.pieces += 1
        if by_font:
            self.by_font += 1
        else:
            self.by_content += 1

    def report(self) -> ConversionReport:
        return ConversionReport(tuple(self.encodings), self.pieces, self.by_font, self.by_content)


# --- CSS ---------------------------------------------------------------------------------

_COND_HIDDEN_RE: Final[re.Pattern[str]] = re.compile(
    r"<!--\[if[^\]]*\]>.*?<!\[endif\]-->", re.S | re.I
)
_COND_REVEALED_RE: Final[re.Pattern[str]] = re.compile(r"<!\[(?:if[^\]]*|endif)\]>", re.I)
_CSS_COMMENT_RE: Final[re.Pattern[str]] = re.compile(r"/\*.*?\*/|<!--|-->", re.S)
_CSS_RULE_RE: Final[re.Pattern[str]] = re.compile(r"([^{}@]+)\{([^{}]*)\}")
_SIMPLE_SELECTOR_RE: Final[re.Pattern[str]] = re.compile(r"^([a-zA-Z][\w:-]*)?(?:\.([\w-]+))?$")


def _declarations(style: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for decl in style.split(";"):
        if ":" in decl:
            prop, _, value = decl.partition(":")
            out[prop.strip().lower()] = value.strip()
    return out


def _font_of_declarations(decls: dict[str, str]) -> str | None:
    for prop in ("mso-hansi-font-family", "font-family", "mso-ascii-font-family"):
        value = decls.get(prop)
        if value:
            return first_family(value)
    font = decls.get("font")
    if font:  # shorthand: the family list comes last
        m = re.search(r"""(['"]?[.\w][^,]*?['"]?)\s*(?:,|$)""", font.split(" ", 2)[-1])
        if m:
            return first_family(m.group(1))
    return None


def _style_rules(soup: BeautifulSoup) -> list[tuple[str | None, str | None, str]]:
    rules: list[tuple[str | None, str | None, str]] = []
    for style in soup.find_all("style"):
        css = _CSS_COMMENT_RE.sub(" ", style.get_text())
        for selectors, body in _CSS_RULE_RE.findall(css):
            font = _font_of_declarations(_declarations(body))
            if font is None:
                continue
            for sel in selectors.split(","):
                m = _SIMPLE_SELECTOR_RE.match(sel.strip())
                if m and (m.group(1) or m.group(2)):
                    tag = m.group(1).lower() if m.group(1) else None
                    cls = m.group(2).lower() if m.group(2) else None
                    rules.append((tag, cls, font))
    return rules


# --- tree walk ---------------------------------------------------------------------------

_BLOCK_TAGS: Final[frozenset[str]] = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "td",
        "th",
        "caption",
        "blockquote",
        "pre",
        "body",
        "html",
        "table",
        "tr",
        "ul",
        "ol",
        "dd",
        "dt",
    ]
)
_DROP_WITH_CONTENT: Final[frozenset[str]] = frozenset(
    [
        "style",
        "script",
        "meta",
        "link",
        "xml",
        "title",
        "head",
        "template",
        "noscript",
        "object",
        "embed",
        "iframe",
        "svg",
    ]
)
_KEEP_TAGS: Final[frozenset[str]] = frozenset(
    [
        "p",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "s",
        "sub",
        "sup",
        "a",
        "img",
        "blockquote",
        "pre",
        "code",
        "hr",
        "div",
    ]
)
_KEEP_ATTRS: Final[dict[str, frozenset[str]]] = {
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    "ol": frozenset({"start", "type"}),
    "li": frozenset({"value"}),
}
_KEEP_STYLE_PROPS: Final[frozenset[str]] = frozenset({"text-align"})


def _own_font(tag: Tag, rules: list[tuple[str | None, str | None, str]]) -> str | None:
    style = tag.get("style")
    if isinstance(style, str):
        font = _font_of_declarations(_declarations(style))
        if font:
            return font
    face = tag.get("face")
    if tag.name == "font" and isinstance(face, str) and face.strip():
        return first_family(face)
    if rules:
        classes = tag.get("class") or []
        if isinstance(classes, str):
            classes = classes.split()
        classes = [c.lower() for c in classes]
        found = None
        for rtag, rcls, font in rules:  # later rules win
            if (rtag is None or rtag == tag.name) and (rcls is None or rcls in classes):
                found = font
        return found
    return None


def _font_to_enc(font: str) -> str:
    return font_encoding(font) or "unicode"


def _walk(
    soup: BeautifulSoup, rules: list[tuple[str | None, str | None, str]]
) -> list[tuple[object, str | None, int]]:
    """Text nodes in document order as (node, encoding or None, block id)."""
    from bs4 import NavigableString, Tag
    from bs4.element import PreformattedString

    out: list[tuple[object, str | None, int]] = []
    stack: list[tuple[object, str | None, int]] = [(soup, None, id(soup))]
    while stack:
        node, enc, block = stack.pop()
        if isinstance(node, Tag):
            if node.name in _DROP_WITH_CONTENT:
                continue
            font = _own_font(node, rules) if node is not soup else None
            if font is not None:
                enc = _font_to_enc(font)
            if node.name in _BLOCK_TAGS:
                block = id(node)
            for child in reversed(node.contents):
                stack.append((child, enc, block))
        elif isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            out.append((node, enc, block))
    return out


def _convert_text_nodes(
    soup: BeautifulSoup, rules: list[tuple[str | None, str | None, str]], col: _Collector
) -> None:
    nodes = _walk(soup, rules)
    i = 0
    while i < len(nodes):
        node, enc, block = nodes[i]
        if enc is not None and enc != "unicode":
            j = i
            while j + 1 < len(nodes) and nodes[j + 1][1] == enc and nodes[j + 1][2] == block:
                j += 1
            group = nodes[i : j + 1]
            texts = [str(n) for n, _, _ in group]
            new = convert_pieces(texts, enc)
            changed = False
            for (n, _, _), old, text in zip(group, texts, new, strict=True):
                if text != old:
                    n.replace_with(text)  # type: ignore[attr-defined]
                    changed = True
            if changed:
                col.add(enc, by_font=True)
            i = j + 1
            continue
        text = str(node)
        if text.strip():
            result, converted = detect_text(text)
            if converted != text:
                node.replace_with(converted)  # type: ignore[attr-defined]
                if result.is_legacy:
                    for e in result.encodings:
                        if e not in ("unicode", "nfd", "ascii"):
                            col.add(e, by_font=False)
        i += 1


# --- cleaning ----------------------------------------------------------------------------


def _clean(soup: BeautifulSoup) -> None:
    from bs4 import Comment, Declaration, Doctype, ProcessingInstruction, Tag

    for node in soup.find_all(
        string=lambda s: isinstance(s, (Comment, Declaration, Doctype, ProcessingInstruction))
    ):
        node.extract()
    for tag in list(soup.find_all(True)):
        if not isinstance(tag, Tag) or tag.decomposed:
            continue
        name = tag.name.lower()
        if name in _DROP_WITH_CONTENT or name == "o:p" or name.startswith(("v:", "w:", "m:")):
            if name == "o:p" and tag.get_text().strip("\xa0 \t\r\n"):
                tag.unwrap()
            else:
                tag.decompose()
            continue
        if name not in _KEEP_TAGS:
            tag.unwrap()
            continue
        keep = _KEEP_ATTRS.get(name, frozenset())
        attrs: dict[str, str] = {}
        for key, value in tag.attrs.items():
            if key in keep:
                attrs[key] = value if isinstance(value, str) else " ".join(value)
            elif key == "style" and isinstance(value, str):
                kept = [
                    f"{p}:{v}" for p, v in _declarations(value).items() if p in _KEEP_STYLE_PROPS
                ]
                if kept:
                    attrs["style"] = ";".join(kept)
        if (
            name == "a"
            and "href" in attrs
            and attrs["href"].strip().lower().startswith(("javascript:", "vbscript:"))
        ):
            del attrs["href"]
        tag.attrs = attrs
    for tag in list(soup.find_all(["p", "div", "span"])):
        if (
            isinstance(tag, Tag)
            and not tag.decomposed
            and not tag.get_text().strip("\xa0 \t\r\n")
            and not tag.find(["img", "br", "table", "hr"])
        ):
            tag.decompose()


def convert_html_report(html: str, detect: bool = True) -> tuple[str, ConversionReport]:
    """Convert legacy-font text in ``html`` to Unicode and strip styling.

    Returns ``(clean_html, report)``; ``report.message_vi`` is e.g.
    ``"Đã chuyển mã TCVN3 sang Unicode"``. With ``detect=False`` only text whose font is a
    legacy Vietnamese font is converted (no content detection).
    """
    from bs4 import BeautifulSoup

    col = _Collector()
    if not html or not html.strip():
        return "", col.report()
    html = _COND_HIDDEN_RE.sub("", html)
    html = _COND_REVEALED_RE.sub("", html)
    soup = BeautifulSoup(html, "html.parser")
    rules = _style_rules(soup)
    if detect:
        _convert_text_nodes(soup, rules, col)
    else:
        _convert_font_only(soup, rules, col)
    _clean(soup)
    body = soup.find("body")
    out = body.decode_contents() if body is not None else soup.decode()
    return out.strip(), col.report()


def _convert_font_only(
    soup: BeautifulSoup, rules: list[tuple[str | None, str | None, str]], col: _Collector
) -> None:
    nodes = _walk(soup, rules)
    i = 0
    while i < len(nodes):
        _, enc, block = nodes[i]
        if enc is None or enc == "unicode":
            i += 1
            continue
        j = i
        while j + 1 < len(nodes) and nodes[j + 1][1] == enc and nodes[j + 1][2] == block:
            j += 1
        group = nodes[i : j + 1]
        texts = [str(n) for n, _, _ in group]
        changed = False
        for (n, _, _), old, text in zip(group, texts, convert_pieces(texts, enc), strict=True):
            if text != old:
                n.replace_with(text)  # type: ignore[attr-defined]
                changed = True
        if changed:
            col.add(enc, by_font=True)
        i = j + 1


def convert_html(html: str) -> str:
    """Clean HTML with legacy-font text converted to Unicode (see :func:`convert_html_report`)."""
    return convert_html_report(html)[0]
