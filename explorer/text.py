"""Showing article-derived text safely in Markdown and HTML."""

from __future__ import annotations

_MD_SPECIAL = set("\\`*_{}[]()#+-.!<>|:~$")


def md(text) -> str:
    """Escape Markdown so a name from an article cannot format, link or inject HTML."""
    if text is None:
        return ""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(text))


def mdj(items, sep: str = ", ") -> str:
    return sep.join(md(x) for x in items if x is not None)
