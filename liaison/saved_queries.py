"""Saved Cypher queries: `cypher/<slug>.cypher`, one query per file.

Each file starts with a comment header, then the query:

    // title: Meetings between two countries
    // description: Every meeting that involves both countries, newest first.
    // param: a string Vietnam
    // param: b string South Korea

A `param:` line is `name type default`; the default is the rest of the line
(may be empty). Types: string, int, float, date (YYYY, YYYY-MM or YYYY-MM-DD,
kept as a string because the graph stores dates that way), bool, list (comma
separated strings). Every value in the body is a `$parameter`; the test suite
checks the declared parameters against the `$names` in the body both ways.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import QueryError
from .settings import PROJECT_DIR

#: Where the saved queries live (override with LIAISON_CYPHER_DIR).
def default_dir() -> Path:
    import os

    return Path(os.environ.get("LIAISON_CYPHER_DIR", PROJECT_DIR / "cypher"))


TYPES = ("string", "int", "float", "date", "bool", "list")
_HEADER = re.compile(r"^\s*//\s*(title|description|param)\s*:\s?(.*)$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str = "string"
    default: str = ""


@dataclass
class SavedQuery:
    slug: str
    title: str
    description: str
    params: list[Param] = field(default_factory=list)
    text: str = ""

    def defaults(self) -> dict:
        return {p.name: coerce(p, p.default) for p in self.params}

    def values(self, raw: dict[str, str]) -> dict:
        """Coerce raw strings (form fields, URL, CLI) into typed parameters; defaults fill gaps."""
        unknown = set(raw) - {p.name for p in self.params}
        if unknown:
            raise QueryError(f"{self.slug}: unknown parameter(s) {', '.join(sorted(unknown))}; "
                             f"it takes {', '.join(p.name for p in self.params) or 'none'}")
        return {p.name: coerce(p, raw.get(p.name, p.default)) for p in self.params}


def parse(text: str, slug: str) -> SavedQuery:
    title, description, params, body = "", "", [], []
    in_header = True
    for line in text.splitlines():
        m = _HEADER.match(line) if in_header else None
        if m:
            key, value = m.group(1), m.group(2).strip()
            if key == "title":
                title = value
            elif key == "description":
                description = (description + " " + value).strip()
            else:
                params.append(_param(value, slug))
            continue
        if in_header and not line.strip():
            continue
        in_header = False
        body.append(line)
    query = "\n".join(body).strip().rstrip(";").strip()
    if not query:
        raise QueryError(f"{slug}.cypher has no query after its header")
    return SavedQuery(slug=slug, title=title or slug.replace("_", " "), description=description,
                      params=params, text=query)


def _param(spec: str, slug: str) -> Param:
    parts = spec.split(None, 2)
    if len(parts) < 2:
        raise QueryError(f"{slug}.cypher: `// param: {spec}` needs `name type [default]`")
    name, type_ = parts[0], parts[1].lower()
    if not _NAME.match(name):
        raise QueryError(f"{slug}.cypher: parameter name {name!r} is not a valid Cypher name")
    if type_ not in TYPES:
        raise QueryError(f"{slug}.cypher: parameter {name} has type {type_!r}; use one of {', '.join(TYPES)}")
    return Param(name, type_, parts[2].strip() if len(parts) > 2 else "")


def load_all(directory: str | Path | None = None) -> dict[str, SavedQuery]:
    """Every `*.cypher` file in the directory, by slug, sorted by slug."""
    directory = Path(directory) if directory else default_dir()
    out = {}
    for path in sorted(directory.glob("*.cypher")):
        out[path.stem] = parse(path.read_text(encoding="utf-8"), path.stem)
    return out


def get(slug: str, directory: str | Path | None = None) -> SavedQuery:
    queries = load_all(directory)
    if slug not in queries:
        raise QueryError(f"No saved query named {slug!r}; `liaison query --list` shows them "
                         f"({', '.join(queries) or 'none found'})")
    return queries[slug]


def coerce(param: Param, raw):
    """Turn a raw string (form, URL, CLI) into the value of the parameter's type."""
    if raw is None:
        raw = param.default
    if not isinstance(raw, str):
        raw = str(raw)
    value = raw.strip()
    try:
        if param.type == "string":
            return raw
        if param.type == "int":
            return int(value)
        if param.type == "float":
            return float(value)
        if param.type == "bool":
            if value.lower() in ("1", "true", "yes", "y", "on"):
                return True
            if value.lower() in ("0", "false", "no", "n", "off", ""):
                return False
            raise ValueError(value)
        if param.type == "date":
            if value and not _DATE.match(value):
                raise ValueError(value)
            return value
        if param.type == "list":
            return [x.strip() for x in value.split(",") if x.strip()]
    except ValueError:
        raise QueryError(f"Parameter {param.name} expects {param.type}"
                         + (" (YYYY, YYYY-MM or YYYY-MM-DD)" if param.type == "date" else "")
                         + f", got {raw!r}") from None
    raise QueryError(f"Parameter {param.name} has unknown type {param.type!r}")


# One scan, leftmost match wins: a $parameter, or a string, comment or `identifier` to skip.
_TOKENS = re.compile(
    r"\$(?:([A-Za-z_][A-Za-z0-9_]*)|`([^`]+)`)"
    r"|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*|/\*.*?\*/|`[^`]*`",
    re.S,
)


def referenced_params(text: str) -> set[str]:
    """The `$names` a Cypher text uses (outside strings, comments and quoted identifiers)."""
    return {m.group(1) or m.group(2) for m in _TOKENS.finditer(text) if m.group(1) or m.group(2)}


def slugify(title: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")
    return s[:64].rstrip("_")


def render(title: str, description: str, params: list[Param], text: str) -> str:
    def one_line(s: str) -> str:
        return " ".join(str(s).split())

    lines = [f"// title: {one_line(title)}", f"// description: {one_line(description)}"]
    for p in params:
        lines.append(f"// param: {p.name} {p.type} {one_line(p.default)}".rstrip())
    return "\n".join(lines) + "\n" + text.strip().rstrip(";") + "\n"


def save(slug: str, title: str, description: str, text: str, params: list[Param] | None = None,
         directory: str | Path | None = None, overwrite: bool = False) -> Path:
    """Write `<directory>/<slug>.cypher`; the slug is checked, the file stays inside the folder."""
    directory = Path(directory) if directory else default_dir()
    if not _SLUG.match(slug or ""):
        raise QueryError(f"File name {slug!r} is not allowed: use 1-64 lowercase letters, digits, '_' or '-' "
                         "starting with a letter or digit")
    params = list(params or [])
    declared, used = {p.name for p in params}, referenced_params(text)
    if declared != used:
        raise QueryError(f"Declared parameters {sorted(declared)} do not match the query's $names {sorted(used)}")
    path = (directory / f"{slug}.cypher").resolve()
    if path.parent != directory.resolve():
        raise QueryError(f"{slug!r} would be written outside {directory}")
    if path.exists() and not overwrite:
        raise QueryError(f"{path.name} already exists: choose another name")
    content = render(title or slug, description, params, text)
    parse(content, slug)  # what we write must load
    directory.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path
