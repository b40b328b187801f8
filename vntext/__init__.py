"""Vietnamese text engine: pure Python, never imports Django.

Public API (names and signatures are stable):

* text: :func:`normalize`, :func:`fold`, :func:`slugify`, :func:`search_key`,
  :func:`exact_key`, :func:`normalize_tone_placement`
* legacy encodings: :func:`to_unicode`, :func:`detect_encoding`, :func:`from_unicode`,
  :func:`encode_bytes`, :func:`decode_bytes`, :func:`font_encoding`
* rich text: :func:`convert_html`, :func:`convert_html_report`, :func:`docx_to_html`,
  :func:`convert_docx`
* sorting: :func:`sort_key`, :func:`person_sort_key`, :func:`split_name`
* search: :func:`index_forms`, :func:`parse_query` (:class:`Query`), :func:`match_key`,
  :func:`highlight_spans`, :func:`snippet`
* syllables: :func:`is_syllable`, :func:`generate_syllables`
* errors: :class:`VntextError` and subclasses (each has ``message_vi``)
"""

from __future__ import annotations

from .convert import decode_bytes, detect_encoding, encode_bytes, from_unicode, to_unicode
from .detect import DetectionResult
from .docx import DocxImage, DocxResult, convert_docx, docx_to_html, docx_to_html_with_images
from .encodings import ENCODINGS
from .errors import (
    BinaryInputError,
    CorruptDocxError,
    DocxError,
    EmptyInputError,
    EncryptedDocxError,
    InputTooLargeError,
    LegacyDocError,
    UndecodableInputError,
    UnknownEncodingError,
    VntextError,
)
from .fonts import font_encoding
from .html import ConversionReport, convert_html, convert_html_report
from .search import (
    MAX_QUERY_CHARS,
    MAX_QUERY_WORDS,
    Query,
    highlight_spans,
    index_forms,
    match_key,
    parse_query,
    snippet,
)
from .sorting import person_sort_key, sort_key, split_name
from .syllables import generate_syllables, is_syllable
from .text import exact_key, fold, normalize, normalize_tone_placement, search_key, slugify

__all__ = [
    "ENCODINGS",
    "MAX_QUERY_CHARS",
    "MAX_QUERY_WORDS",
    "BinaryInputError",
    "ConversionReport",
    "CorruptDocxError",
    "DetectionResult",
    "DocxError",
    "DocxImage",
    "DocxResult",
    "EmptyInputError",
    "EncryptedDocxError",
    "InputTooLargeError",
    "LegacyDocError",
    "Query",
    "UndecodableInputError",
    "UnknownEncodingError",
    "VntextError",
    "convert_docx",
    "convert_html",
    "convert_html_report",
    "decode_bytes",
    "detect_encoding",
    "docx_to_html",
    "docx_to_html_with_images",
    "encode_bytes",
    "exact_key",
    "fold",
    "font_encoding",
    "from_unicode",
    "generate_syllables",
    "highlight_spans",
    "index_forms",
    "is_syllable",
    "match_key",
    "normalize",
    "normalize_tone_placement",
    "parse_query",
    "person_sort_key",
    "search_key",
    "slugify",
    "snippet",
    "sort_key",
    "split_name",
    "to_unicode",
]
