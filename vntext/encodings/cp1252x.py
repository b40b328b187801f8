"""Windows-1252 extended to all 256 bytes (the five undefined bytes map to C1 controls).

Legacy Vietnamese text usually reaches us as a ``str`` in which each byte of the
legacy encoding shows as its Windows-1252 character (how Word, browsers and Excel show
a .VnTime or VNI file). These helpers move between that view and the raw bytes.
"""

from __future__ import annotations

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

# Every character that a single Windows-1252 byte can show as.
CHARSET: Final[frozenset[str]] = frozenset(
    bytes(range(256)).decode("latin-1").translate(DECODE_TABLE)
)


def decode(data: bytes) -> str:
    """Decode bytes as Windows-1252 without ever failing."""
    return data.decode("latin-1").translate(DECODE_TABLE)


def encode(text: str) -> bytes:
    """Encode text made of Windows-1252 characters; raises UnicodeEncodeError otherwise."""
    return text.translate(ENCODE_TABLE).encode("latin-1")


def is_encodable(text: str) -> bool:
    """True when every character of ``text`` is a Windows-1252 (extended) character."""
    try:
        text.translate(ENCODE_TABLE).encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True
