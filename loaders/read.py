"""Read article files in the two forms the corpus uses.

1. Raw text as received: no header; the first line may carry ` date YYYY-MM`
   and a photo credit, or a title, or a title followed by a line of dashes.
2. A header block of `key: value` lines (url, language, published, title, ...),
   one blank line, then the body.

The document id is a hash of the body, so the same article loads once however
often it is read and under whatever name; `name` keeps the file stem, which
is what the evaluation format calls the doc id.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .errors import ArticleError

SUFFIXES = {".txt", ".md"}
#: Notes that sit beside articles and are not articles (`liaison synth` writes SYNTHETIC.md).
NOT_ARTICLES = {"SYNTHETIC.md"}
MAX_BYTES = 5_000_000
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]{0,30}):[ \t]*(.*)$")
_RAW_DATE = re.compile(r"^\s*date\s+(\d{4})-(\d{2})(?:-(\d{2}))?\b")
_PUBLISHED = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_DASHES = re.compile(r"^\s*[-=_]{3,}\s*$")


@dataclass
class Article:
    name: str                      # file stem, the evaluation's doc id
    path: str
    body: str                      # text the extractor sees; offsets point into it
    title: str | None = None
    url: str | None = None
    published: str | None = None   # YYYY, YYYY-MM or YYYY-MM-DD
    declared_language: str | None = None
    header: dict = field(default_factory=dict)

    @property
    def synthetic(self) -> bool:
        """Made by `liaison synth`: for speed and scale only, never for quality scores."""
        return self.header.get("synthetic", "").strip().lower() in {"true", "yes", "1"}

    @property
    def id(self) -> str:
        return content_id(self.body)


def content_id(text: str) -> str:
    return "doc:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand files and directories (recursively, sorted) into article paths."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            yield from sorted(q for q in p.rglob("*")
                              if q.is_file() and q.suffix in SUFFIXES and q.name not in NOT_ARTICLES)
        else:
            yield p


def read_article(path: str | Path) -> Article:
    path = Path(path)
    if not path.exists():
        raise ArticleError(path, "no such file; check the path")
    if path.stat().st_size > MAX_BYTES:
        raise ArticleError(path, f"larger than {MAX_BYTES // 1_000_000} MB; is this really one article?")
    data = path.read_bytes()
    if b"\x00" in data:
        raise ArticleError(path, "binary file (contains NUL bytes); save the article as UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            path, f"not UTF-8 (byte {exc.start}); re-save the article as UTF-8 text"
        ) from None
    return parse_article(text, name=path.stem, path=str(path))


def parse_article(text: str, name: str, path: str = "") -> Article:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    header, body = _split_header(text)
    art = Article(name=name, path=path, body="")
    if header is not None:
        art.header = header
        art.url = header.get("url") or None
        art.title = _known(header.get("title"))
        art.declared_language = _known(header.get("language"))
        art.published = _published(header.get("published"), path or name)
    else:
        body, art.title, art.published = _raw_preamble(text)
    art.body = body.strip("\n")
    if not art.body.strip():
        raise ArticleError(path or name, "empty body: nothing to extract")
    if sum(ch.isalpha() for ch in art.body) < 20:
        raise ArticleError(path or name, "body has almost no letters; is this an article?")
    return art


def _known(value: str | None) -> str | None:
    if value is None or value.strip().lower() in {"", "unknown", "none", "null", "n/a"}:
        return None
    return value.strip()


def _published(value: str | None, name: str) -> str | None:
    value = _known(value)
    if value is None:
        return None
    m = _PUBLISHED.match(value)
    if not m:
        raise ArticleError(name, f"header 'published: {value}' is not YYYY-MM-DD, YYYY-MM or 'unknown'")
    return value


def _split_header(text: str) -> tuple[dict | None, str]:
    """A header is two or more key: value lines at the top, then a blank line."""
    lines = text.split("\n")
    header: dict[str, str] = {}
    for i, line in enumerate(lines):
        if not line.strip():
            if len(header) >= 2 and i + 1 < len(lines):
                return header, "\n".join(lines[i + 1:])
            return None, text
        m = _HEADER_LINE.match(line)
        if not m or m.group(1).lower() in {"http", "https"}:
            return None, text
        header[m.group(1).lower()] = m.group(2).strip()
    return None, text


def _raw_preamble(text: str) -> tuple[str, str | None, str | None]:
    """Take a ` date YYYY-MM` marker or a title line off a raw article."""
    lines = text.split("\n")
    published = None
    title = None
    first = lines[0] if lines else ""
    m = _RAW_DATE.match(first)
    if m:
        published = "-".join(g for g in m.groups() if g)
        # The rest of that line is a photo credit or the first sentence: keep
        # it in the body only when it reads like prose (ends a sentence).
        rest = first[m.end():].strip()
        lines[0] = rest if _looks_like_prose(rest) else ""
        return "\n".join(lines), None, published
    rest = "\n".join(lines[1:])
    if len(lines) > 1 and _DASHES.match(lines[1]) and "\n".join(lines[2:]).strip():
        return "\n".join(lines[2:]), first.strip(), None
    # A short first line without a full stop reads as a title, unless it is
    # all there is (scripts such as Thai do not end sentences with a stop).
    if first.strip() and len(first) < 160 and not first.rstrip().endswith((".", "!", "?", "。")) and rest.strip():
        return rest, first.strip(), None
    return text, None, None


def _looks_like_prose(s: str) -> bool:
    return len(s) > 80 or s.endswith((".", "!", "?", "。"))
