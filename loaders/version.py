"""The extractor version: a hash of everything that decides what an article yields.

A Document remembers the version that wrote it; a load skips a document whose
content and version are unchanged and re-extracts the rest. Hashing the code
and data files (rather than a string bumped by hand) means a changed title
list or rule re-extracts on the next load, and an unrelated change (the
explorer, the CLI) does not.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

_HERE = Path(__file__).resolve().parent

#: What extraction and resolution read: their code and their data files.
SOURCES = ("extract", "data", "model.py", "normalize.py", "resolve.py", "gazetteer.py", "events.py", "language.py",
           "read.py")


def source_files(root: Path = _HERE) -> list[Path]:
    files: list[Path] = []
    for name in SOURCES:
        p = root / name
        if p.is_dir():
            files.extend(q for q in p.rglob("*") if q.is_file() and "__pycache__" not in q.parts
                         and q.suffix not in (".pyc", ".pyo"))
        elif p.is_file():
            files.append(p)
    return sorted(files)


@functools.lru_cache(maxsize=4)
def extractor_version(root: Path = _HERE) -> str:
    """The version of the loaders package at `root` (this one by default)."""
    from .gazetteer import data_version

    h = hashlib.sha256()
    h.update(data_version().encode())
    for p in source_files(root):
        h.update(p.relative_to(root).as_posix().encode())
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return "x-" + h.hexdigest()[:16]
