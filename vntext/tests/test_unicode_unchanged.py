"""Correct Unicode text, in any language, must come back unchanged."""

import pytest

import vntext
from vntext.tests.corpus import OTHER_UNICODE, VI_SENTENCES


@pytest.mark.parametrize("text", OTHER_UNICODE + VI_SENTENCES)
def test_unchanged(text):
    assert vntext.to_unicode(text) == text
    assert vntext.to_unicode(text.encode("utf-8")) == text
    assert not vntext.detect_encoding(text).is_legacy


def test_whole_corpus_unchanged():
    text = "\n".join(OTHER_UNICODE + VI_SENTENCES)
    assert vntext.to_unicode(text) == text


@pytest.mark.parametrize("text", ["Café", "naïve", "Straße", "déjà vu", "½ × 3 °C"])
def test_latin1_bytes_of_western_text(text):
    # a Windows-1252 file in French/German stays French/German
    assert vntext.to_unicode(text.encode("cp1252")) == text


def test_decomposed_unicode_is_composed():
    import unicodedata

    text = "Trường THCS Nguyễn Du, Café"
    assert vntext.to_unicode(unicodedata.normalize("NFD", text)) == text
    assert vntext.detect_encoding(unicodedata.normalize("NFD", text)).encoding == "nfd"
    # old tone code points U+0340/U+0341
    assert vntext.to_unicode("a\u0341") == "á"


def test_empty_and_whitespace():
    assert vntext.to_unicode("") == ""
    assert vntext.to_unicode(b"") == ""
    assert vntext.to_unicode(" \n\t") == " \n\t"
