"""File names: readable Vietnamese for people, safe ASCII on disk."""

from __future__ import annotations

import unicodedata

import vntext

MAX_STEM = 80


def display_name(original: str, extension: str) -> str:
    """The name people see when downloading: the original stem in NFC, no path, no control or
    reserved characters, with the extension matching the real content."""
    stem = original.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    stem = "".join(
        ch for ch in unicodedata.normalize("NFC", stem) if ch.isprintable() and ch not in '<>:"|?*'
    )
    stem = vntext.normalize(stem).strip(". ")[:MAX_STEM] or "tep"
    return f"{stem}.{extension}"


def storage_name(original: str, extension: str) -> str:
    """The name on disk: an ASCII slug of the original stem ("Công văn số 12" → "cong-van-so-12")."""
    stem = original.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return f"{(vntext.slugify(stem) or 'tep')[:MAX_STEM]}.{extension}"


def download_name(title: str, stored_name: str, kind_code: str) -> str:
    """The readable name a file is downloaded under: its title (or the stored name made
    readable), always ending with the extension of its real content."""
    from .checks import KINDS

    extension = KINDS[kind_code].extension
    title = title.strip()
    if not title:
        return display_name(stored_name, extension)
    if not title.lower().endswith(f".{extension}"):
        title = f"{title}.{extension}"
    return title
