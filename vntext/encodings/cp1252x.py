"""Windows-1252 extended to all 256 bytes (the five undefined bytes map to C1 controls).

Legacy Vietnamese text usually reaches us as a ``str`` in which each byte of the
legacy encoding shows as its Windows-1252 character (how Word, browsers and Excel show
a .VnTime or VNI file). These helpers move between that view and the raw bytes.

The conversions run through the C charmap codec (``codecs.charmap_encode`` /
``charmap_decode``), which is many times faster than ``str.translate`` with a dict.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Mapping
from typing import Final

_SPECIALS: Final[str] = bytes(range(0x80, 0xA0)).decode("cp1252", errors="replace")

# C1 control -> Windows-1252 character (for bytes decoded as Latin-1)
DECODE_TABLE: Final[dict[int, str]] = {
    0x80 + i: ch for i, ch in enumerate(_SPECIALS) if ch != "\ufffd"
}
# Windows-1252 character -> Latin-1 code point (so ``.encode("latin-1")`` gives the bytes)
ENCODE_TABLE: Final[dict[int, int]] = {
    ord(ch): 0x80 + i for i, ch in enumerate(_SPECIALS) if ch != "\ufffd"
}

# The character each byte 0..255 shows as, in byte order.
CHARS: Final[str] = bytes(range(256)).decode("latin-1").translate(DECODE_TABLE)

# Every character that a single Windows-1252 byte can show as.
CHARSET: Final[frozenset[str]] = frozenset(CHARS)

_ENCODING_MAP: Final = codecs.charmap_build(CHARS)


def decode(data: bytes) -> str:
    """Decode bytes as Windows-1252 without ever failing."""
    return codecs.charmap_decode(data, "strict", CHARS)[0]


def encode(text: str) -> bytes:
    """Encode text made of Windows-1252 characters; raises UnicodeEncodeError otherwise.

    A C1 control (U+0080..U+009F) is written as its own byte, like Latin-1 does.
    """
    try:
        return codecs.charmap_encode(text, "strict", _ENCODING_MAP)[0]
    except UnicodeEncodeError:  # C1 controls, or a character no byte shows as (raises)
        return text.translate(ENCODE_TABLE).encode("latin-1")


def is_encodable(text: str) -> bool:
    """True when every character of ``text`` is a Windows-1252 (extended) character."""
    try:
        encode(text)
    except UnicodeEncodeError:
        return False
    return True


def translator(table: Mapping[int, str]) -> Callable[[str], str]:
    """A function equal to ``lambda text: text.translate(table)`` for a ``table`` whose keys
    are Windows-1252 characters: fast on text made only of such characters (one C-speed
    pass through the bytes), ``str.translate`` otherwise.

    Values that are not one character (VNI marks become two combining marks) go through
    a private-use placeholder that is replaced afterwards; it cannot clash with the input,
    which holds Windows-1252 characters only on the fast path.
    """
    if not all(chr(k) in CHARSET for k in table):
        raise ValueError("translator() needs a table keyed by Windows-1252 characters")
    by_byte: list[str] = []
    expand: list[tuple[str, str]] = []  # (placeholder, value)
    for ch in CHARS:
        value = table.get(ord(ch), ch)
        if len(value) != 1:
            placeholder = chr(0xE000 + len(expand))
            expand.append((placeholder, value))
            value = placeholder
        by_byte.append(value)
    decoding_table = "".join(by_byte)

    def translate(text: str) -> str:
        try:
            raw = codecs.charmap_encode(text, "strict", _ENCODING_MAP)[0]
        except UnicodeEncodeError:
            return text.translate(table)
        out = codecs.charmap_decode(raw, "strict", decoding_table)[0]
        for placeholder, value in expand:
            if placeholder in out:
                out = out.replace(placeholder, value)
        return out

    return translate
