"""Text keys shared by extraction, resolution, the writer and the explorer's search."""

from __future__ import annotations

import functools

import hashlib
import re
import unicodedata


def fold(text: str | None) -> str:
    """Case, Latin diacritics (with đ) and punctuation folded; Hangul, kana and Han kept whole.

    Tô Lâm, TO LAM and to-lam all fold to "to lam". NFD then NFC, rather than
    NFKD, so Hangul syllables come back composed instead of as loose jamo.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not 0x300 <= ord(c) <= 0x36F)
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def slug(text: str) -> str:
    """A readable id part: the folded text with hyphens, or a short hash when nothing is left."""
    return fold(text).replace(" ", "-") or hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def script_of(text: str) -> str:
    """The script of a name's first letter (LATIN, CJK, HANGUL, KATAKANA, CYRILLIC, THAI...)."""
    import unicodedata

    return next((unicodedata.name(ch, "?").split()[0] for ch in text if ch.isalpha()), "")


@functools.lru_cache(maxsize=None)
def _folded_char(ch: str, variant: str) -> str:
    import zhconv

    out = zhconv.convert(ch, variant)
    return out if len(out) == 1 else ch


def fold_script(text: str, variant: str) -> str:
    """The text with each Han character written in `variant` (zh-cn: 國 -> 国, 會見 -> 会见),
    one character for one, so every offset into it is an offset into the text (zhconv)."""
    return "".join(_folded_char(ch, variant) if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" else ch
                   for ch in text)
