"""Legacy Vietnamese encodings: tables, decoders and encoders.

Each legacy encoding is handled through the ``str`` that its bytes show as when read
as Windows-1252 (which is how it reaches us from Word, the clipboard and most files).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from . import composite, cp1252x, cp1258, mojibake, tcvn3, viqr, vni

# Canonical names. "tcvn3h" is TCVN3 written with an upper-case ``.Vn...H`` font.
ENCODINGS: Final[tuple[str, ...]] = (
    "unicode",
    "nfd",
    "tcvn3",
    "tcvn3h",
    "vni",
    "viqr",
    "cp1258",
    "mojibake",
)

ALIASES: Final[dict[str, str]] = {
    "unicode": "unicode",
    "utf-8": "unicode",
    "utf8": "unicode",
    "nfc": "unicode",
    "nfd": "nfd",
    "composite": "nfd",
    "to-hop": "nfd",
    "unicode-to-hop": "nfd",
    "tcvn3": "tcvn3",
    "tcvn": "tcvn3",
    "abc": "tcvn3",
    "vn3": "tcvn3",
    "tcvn5712": "tcvn3",
    "tcvn3h": "tcvn3h",
    "tcvn3-h": "tcvn3h",
    "tcvn3-upper": "tcvn3h",
    "vni": "vni",
    "vni-windows": "vni",
    "vni-win": "vni",
    "viqr": "viqr",
    "cp1258": "cp1258",
    "windows-1258": "cp1258",
    "win1258": "cp1258",
    "mojibake": "mojibake",
    "utf8-mojibake": "mojibake",
    "utf-8-as-cp1252": "mojibake",
}

DISPLAY_NAMES: Final[dict[str, str]] = {
    "unicode": "Unicode",
    "nfd": "Unicode tổ hợp",
    "tcvn3": "TCVN3",
    "tcvn3h": "TCVN3",
    "vni": "VNI",
    "viqr": "VIQR",
    "cp1258": "Windows-1258",
    "mojibake": "UTF-8 lỗi hiển thị",
}


def canonical(name: str) -> str | None:
    """Canonical encoding name for ``name`` (case-insensitive), or None if unknown."""
    key = name.strip().lower().replace("_", "-").replace(" ", "-")
    return ALIASES.get(key)


DECODERS: Final[dict[str, Callable[[str], str]]] = {
    "unicode": composite.decode,
    "nfd": composite.decode,
    "tcvn3": tcvn3.decode,
    "tcvn3h": lambda s: tcvn3.decode(s, upper=True),
    "vni": vni.decode,
    "viqr": viqr.decode,
    "cp1258": cp1258.decode,
    "mojibake": mojibake.decode,
}

ENCODERS: Final[dict[str, Callable[[str], str]]] = {
    "unicode": composite.decode,
    "nfd": composite.encode_nfd,
    "tcvn3": tcvn3.encode,
    "tcvn3h": lambda s: tcvn3.encode(s, upper=True),
    "vni": vni.encode,
    "viqr": viqr.encode,
    "cp1258": cp1258.encode,
    "mojibake": mojibake.encode,
}

__all__ = [
    "ALIASES",
    "DECODERS",
    "DISPLAY_NAMES",
    "ENCODERS",
    "ENCODINGS",
    "canonical",
    "composite",
    "cp1252x",
    "cp1258",
    "mojibake",
    "tcvn3",
    "viqr",
    "vni",
]
