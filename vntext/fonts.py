"""Font names that imply a legacy Vietnamese encoding (.VnTime, .VnTimeH, VNI-Times ...)."""

from __future__ import annotations

import re
from typing import Final

_SUBSET_RE: Final[re.Pattern[str]] = re.compile(r"^[A-Z]{6}\+")


def clean_font_name(name: str) -> str:
    """Strip quotes, white space and a PDF subset tag (``ABCDEF+``)."""
    name = name.strip().strip("'\"").strip()
    return _SUBSET_RE.sub("", name)


def font_encoding(name: str | None) -> str | None:
    """Encoding implied by a font name: ``"tcvn3"``, ``"tcvn3h"``, ``"vni"`` or None.

    ``.Vn*`` fonts are TCVN3 (ABC); a name ending in ``H`` (``.VnTimeH``, ``.VnArialH``)
    is an upper-case font. ``VNI-*`` fonts are VNI-Windows. Anything else is a Unicode
    (or unknown) font: None.
    """
    if not name:
        return None
    name = clean_font_name(name)
    low = name.lower()
    if low.startswith(".vn"):
        return "tcvn3h" if name.endswith("H") or (name == low and low.endswith("h")) else "tcvn3"
    if low.startswith(("vni-", "vni ")):
        return "vni"
    return None


def first_family(css_value: str) -> str:
    """First family of a CSS ``font-family`` list (``'".VnTime", serif'`` -> ``.VnTime``)."""
    first = css_value.split(",")[0]
    return clean_font_name(first.replace("!important", ""))
