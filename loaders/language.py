"""Detect an article's language offline.

Script decides first where it can (Hangul is Korean, kana is Japanese); lingua,
limited to the languages analysts meet in this field, decides the rest. Any
language lingua does not cover still gets a code: "und" (undetermined) is a
valid answer and the document is stored with it.
"""

from __future__ import annotations

import functools
import re

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")

#: ISO 639-1 codes lingua is asked to choose between.
LANGUAGES = ("vi", "fr", "en", "ko", "ja", "zh", "de", "es", "pt", "it", "nl", "id", "ms", "tl", "ru", "th", "tr")


@functools.lru_cache(maxsize=1)
def _detector():
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, c.upper()) for c in LANGUAGES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def detect_language(text: str) -> str:
    sample = text[:4000]
    letters = sum(ch.isalpha() for ch in sample) or 1
    if len(_HANGUL.findall(sample)) / letters > 0.2:
        return "ko"
    if len(_KANA.findall(sample)) / letters > 0.05:
        return "ja"
    if len(_HAN.findall(sample)) / letters > 0.3:
        return "zh"
    if len(_THAI.findall(sample)) / letters > 0.3:
        return "th"
    if len(_CYRILLIC.findall(sample)) / letters > 0.3:
        return "ru"
    lang = _detector().detect_language_of(sample)
    if lang is None:
        return "und"
    return lang.iso_code_639_1.name.lower()
