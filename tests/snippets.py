"""Helpers for the extraction tests that run short snippets written in the tests."""

from __future__ import annotations

from loaders.extract import extract
from loaders.read import parse_article


def run(body: str, lang: str, published: str | None = None):
    """Extract a snippet as if it were an article with a header in `lang`."""
    head = f"language: {lang}\npublished: {published or 'unknown'}\n\n"
    return extract(parse_article(head + body, name="t"), lang)


def of_type(ex, type_: str) -> dict:
    """The extraction's entities of one type, by name."""
    return {e.name: e for e in ex.entities if e.type == type_}
