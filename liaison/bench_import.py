"""The offline ceiling of the benchmark: ``neo4j-admin database import full`` of the same graph.

``export_csv`` streams the graph a database holds into neo4j-admin import CSV
files (one header file and one data file per label set and per relationship
type, plus ``import.json``, the manifest naming them and the options they
need). ``import_ceiling`` imports those files into a separate, stopped
instance, times the import, and by default starts that instance, counts what
it holds and stops it again.

Format of the files:

* Nodes: ``:ID`` is the source node's elementId (never stored as a property;
  every property, ``id`` included, is a typed column of its own), then
  ``:LABEL`` (labels joined with the array delimiter), then one typed column
  per property key of that label set (``name:string``, ``names:string[]``,
  ``start:long``, ``chars:long``...). Types come from ``valueType()`` over the
  whole graph, so an empty list takes the element type the key has elsewhere.
* Relationships: ``:START_ID``, ``:END_ID``, ``:TYPE``, then typed columns.
* Every string is quoted (RFC 4180, ``""`` for a quote), so an empty string
  stays an empty string and a missing property is an empty unquoted field.
  Texts keep their quotes, commas, newlines and scripts as they are; the data
  files that contain a line break are listed in the manifest; when there are
  any, the import runs with ``--multiline-fields=true`` (the per-file v2
  chunker of 5.26 fails on some buffer boundaries inside long quoted texts).
* Array elements are joined with U+001F (unit separator) by default, a
  character no text of ours contains; an element that contains it aborts the
  export instead of being split wrongly.

Known limits: an empty list property is written as an empty field, which the
importer reads as "no property" (CSV cannot tell an empty array from a missing
one); the loader stores many (``titles``, ``blocks``, meeting ``outcomes``),
so the manifest counts them per label set and key and the test compares with
them removed; spatial and byte-array values are not supported;
indexes and constraints are not part of the import (the ceiling is the store
alone). The export runs in one read transaction, which in Neo4j is read
committed, not a snapshot: export a graph nobody is writing to.
"""

from __future__ import annotations

import json
import math
import os
import re
import socket
import time
from pathlib import Path

import neo4j

from .errors import LiaisonError
from .server import LocalServer, ServerError

__all__ = ["ExportError", "export_csv", "import_ceiling", "MANIFEST"]

MANIFEST = "import.json"
DEFAULT_ARRAY_DELIMITER = "\x1f"

Q_NODE_KEYS = """
MATCH (n) UNWIND keys(n) AS key
RETURN labels(n) AS labels, key, collect(DISTINCT valueType(n[key])) AS types
"""
Q_REL_KEYS = """
MATCH ()-[r]->() UNWIND keys(r) AS key
RETURN type(r) AS type, key, collect(DISTINCT valueType(r[key])) AS types
"""
Q_NODES = "MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props"
Q_RELS = ("MATCH (a)-[r]->(b) RETURN elementId(a) AS start, elementId(b) AS end, type(r) AS type, "
          "properties(r) AS props")

#: valueType() names (without NOT NULL) -> neo4j-admin import column types.
_SCALARS = {
    "STRING": "string",
    "INTEGER": "long",
    "FLOAT": "double",
    "BOOLEAN": "boolean",
    "DATE": "date",
    "LOCAL DATETIME": "localdatetime",
    "ZONED DATETIME": "datetime",
    "LOCAL TIME": "localtime",
    "ZONED TIME": "time",
    "DURATION": "duration",
}
_SAFE_KEY = re.compile(r"[^:,;\"'\s\x00-\x1f]+")


class ExportError(LiaisonError):
    """The graph cannot be written faithfully as import CSV (the message says why)."""


# --------------------------------------------------------------------------- types


def _import_type(value_types: list[str], where: str, warnings: list[str]) -> str:
    """One import column type for the valueType()s a property key holds."""
    scalars, lists = set(), set()
    empty_list = False
    for vt in value_types:
        vt = vt.replace(" NOT NULL", "").strip()
        if vt.startswith("LIST<"):
            inner = vt[5:-1].strip()
            if inner == "NOTHING":
                empty_list = True
            elif inner in _SCALARS:
                lists.add(_SCALARS[inner])
            else:
                raise ExportError(f"{where}: lists of {inner} cannot be imported faithfully.")
        elif vt in _SCALARS:
            scalars.add(_SCALARS[vt])
        else:
            raise ExportError(f"{where}: values of type {vt} are not supported by this export.")
    if scalars and (lists or empty_list):
        raise ExportError(f"{where}: holds both lists and single values.")
    is_list = bool(lists or empty_list)
    kinds = set(scalars or lists or {"string"})  # only empty lists: string[] (they become absent anyway)
    if len(kinds) > 1:
        if kinds == {"long", "double"}:
            warnings.append(f"{where}: integers and floats, exported as double.")
            kinds = {"double"}
        else:
            warnings.append(f"{where}: several types ({', '.join(sorted(kinds))}), exported as string.")
            kinds = {"string"}
    kind = kinds.pop()
    return f"{kind}[]" if is_list else kind


def _check_key(key: str, where: str) -> str:
    if not _SAFE_KEY.fullmatch(key):
        raise ExportError(f"{where}: property key {key!r} cannot be named in an import header.")
    return key


# --------------------------------------------------------------------------- values


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _scalar(value, kind: str) -> str:
    if kind == "string":
        return str(value)
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "long":
        return str(int(value))
    if kind == "double":
        v = float(value)
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return repr(v)
    # temporal values: the driver's types print ISO 8601
    iso = getattr(value, "iso_format", None)
    return iso() if iso else str(value)


class _Writer:
    """One header file and one data file for a label set or a relationship type."""

    def __init__(self, out_dir: Path, stem: str, fixed: list[str], columns: list[tuple[str, str]],
                 delimiter: str):
        self.data_path = out_dir / f"{stem}.csv"
        self.header_path = out_dir / f"{stem}.header.csv"
        self.columns = columns
        self.index = {key: i for i, (key, _) in enumerate(columns)}
        self.delimiter = delimiter
        self.rows = 0
        self.multiline = False
        self.empty_lists: dict[str, int] = {}
        header = fixed + [f"{key}:{kind}" for key, kind in columns]
        self.header_path.write_text(",".join(header) + "\n", encoding="utf-8")
        self.fh = open(self.data_path, "w", encoding="utf-8", newline="")

    def field(self, value, kind: str, where: str) -> str:
        if value is None:
            return ""
        if kind.endswith("[]"):
            if not isinstance(value, (list, tuple)):
                value = [value]
            base = kind[:-2]
            parts = []
            for v in value:
                s = _scalar(v, base)
                if self.delimiter in s:
                    raise ExportError(
                        f"{where}: a list element contains the array delimiter "
                        f"U+{ord(self.delimiter):04X}; export with another array_delimiter.")
                parts.append(s)
            text = self.delimiter.join(parts)
        else:
            text = _scalar(value, kind)
        if kind.startswith("string"):
            if "\n" in text or "\r" in text:
                self.multiline = True
            return _quote(text)
        return text

    def write(self, fixed: list[str], props: dict, where: str) -> None:
        cells = [""] * len(self.columns)
        for key, value in props.items():
            i = self.index.get(key)
            if i is None:
                raise ExportError(f"{where}: property {key!r} appeared during the export "
                                  "(the graph changed; export a graph nobody writes to).")
            if isinstance(value, list) and not value:
                self.empty_lists[key] = self.empty_lists.get(key, 0) + 1
                continue
            cells[i] = self.field(value, self.columns[i][1], f"{where}.{key}")
        self.fh.write(",".join(fixed + cells) + "\n")
        self.rows += 1

    def close(self) -> None:
        self.fh.close()


def _stem(prefix: str, parts, taken: set[str]) -> str:
    base = prefix + "_" + ("_".join(re.sub(r"[^A-Za-z0-9_]+", "-", p) for p in parts) or "nolabel")
    stem, n = base, 1
    while stem in taken:
        n += 1
        stem = f"{base}-{n}"
    taken.add(stem)
    return stem


# --------------------------------------------------------------------------- export


def export_csv(driver: neo4j.Driver, database: str, out_dir, *, array_delimiter: str = DEFAULT_ARRAY_DELIMITER,
               fetch_size: int = 2000) -> dict:
    """Stream the whole graph of `database` into neo4j-admin import CSV files in `out_dir`.

    One read transaction; the records are pulled `fetch_size` at a time and
    written as they arrive, so memory does not grow with the graph. Writes
    ``import.json`` (files, array delimiter, multiline files, counts) for
    `import_ceiling`. Returns ``{"nodes", "relationships", "seconds",
    "labels": {label set: count}, "types": {type: count}, "warnings",
    "bytes", "manifest", "empty_lists"}`` (`empty_lists`: how many empty
    list properties were written as empty fields, i.e. will be absent after
    the import; the manifest has them per label set / type and key).
    """
    if len(array_delimiter) != 1 or array_delimiter in ',"\n\r':
        raise ExportError("The array delimiter must be one character other than , \" and line breaks.")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for old in list(out.glob("nodes_*.csv")) + list(out.glob("rels_*.csv")):
        old.unlink()
    started = time.perf_counter()
    warnings: list[str] = []
    node_writers: dict[tuple, _Writer] = {}
    rel_writers: dict[str, _Writer] = {}
    stems: set[str] = set()
    d = array_delimiter
    try:
        with driver.session(database=database, fetch_size=fetch_size,
                            default_access_mode=neo4j.READ_ACCESS) as session:
            with session.begin_transaction() as tx:
                node_cols: dict[tuple, dict] = {}
                for r in tx.run(Q_NODE_KEYS):
                    labels = tuple(sorted(r["labels"]))
                    where = ":" + ":".join(labels) if labels else "(no label)"
                    node_cols.setdefault(labels, {})[_check_key(r["key"], where)] = _import_type(
                        r["types"], f"{where}.{r['key']}", warnings)
                rel_cols: dict[str, dict] = {}
                for r in tx.run(Q_REL_KEYS):
                    where = f"[:{r['type']}]"
                    rel_cols.setdefault(r["type"], {})[_check_key(r["key"], where)] = _import_type(
                        r["types"], f"{where}.{r['key']}", warnings)

                for r in tx.run(Q_NODES):
                    labels = tuple(sorted(r["labels"]))
                    w = node_writers.get(labels)
                    if w is None:
                        for label in labels:
                            if d in label:
                                raise ExportError(f"Label {label!r} contains the array delimiter.")
                        cols = sorted(node_cols.get(labels, {}).items())
                        w = node_writers[labels] = _Writer(out, _stem("nodes", labels, stems),
                                                           [":ID", ":LABEL"], cols, d)
                    w.write([_quote(r["id"]), _quote(d.join(labels))], r["props"],
                            ":" + ":".join(labels))
                for r in tx.run(Q_RELS):
                    rtype = r["type"]
                    w = rel_writers.get(rtype)
                    if w is None:
                        cols = sorted(rel_cols.get(rtype, {}).items())
                        w = rel_writers[rtype] = _Writer(out, _stem("rels", [rtype], stems),
                                                         [":START_ID", ":END_ID", ":TYPE"], cols, d)
                    w.write([_quote(r["start"]), _quote(r["end"]), _quote(rtype)], r["props"], f"[:{rtype}]")
    finally:
        for w in [*node_writers.values(), *rel_writers.values()]:
            w.close()

    writers = [*node_writers.values(), *rel_writers.values()]
    manifest = {
        "format": 1,
        "array_delimiter": f"U+{ord(d):04X}",
        "nodes": [[w.header_path.name, w.data_path.name] for w in node_writers.values()],
        "relationships": [[w.header_path.name, w.data_path.name] for w in rel_writers.values()],
        "multiline": [w.data_path.name for w in writers if w.multiline],
        "node_count": sum(w.rows for w in node_writers.values()),
        "relationship_count": sum(w.rows for w in rel_writers.values()),
        "labels": {":".join(k): w.rows for k, w in sorted(node_writers.items())},
        "types": {k: w.rows for k, w in sorted(rel_writers.items())},
        # Empty lists are written as empty fields, which the importer reads as no property.
        "empty_lists": {**{":" + ":".join(k): w.empty_lists for k, w in sorted(node_writers.items())
                           if w.empty_lists},
                        **{f"[:{k}]": w.empty_lists for k, w in sorted(rel_writers.items()) if w.empty_lists}},
        "warnings": warnings,
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return {
        "nodes": manifest["node_count"],
        "relationships": manifest["relationship_count"],
        "seconds": time.perf_counter() - started,
        "labels": manifest["labels"],
        "types": manifest["types"],
        "empty_lists": sum(n for per in manifest["empty_lists"].values() for n in per.values()),
        "warnings": warnings,
        "bytes": sum(w.data_path.stat().st_size + w.header_path.stat().st_size for w in writers),
        "manifest": str(out / MANIFEST),
    }


# --------------------------------------------------------------------------- import

_DONE = re.compile(r"IMPORT DONE in ([^\n]+?)\.\s*Imported:\s*(\d+) nodes\s+(\d+) relationships\s+(\d+) properties")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def import_ceiling(csv_dir, state_dir, name: str = "bench-import", *, bolt_port: int | None = None,
                   password: str | None = None, verify: bool = True, keep_running: bool = False,
                   shared_lib=None, threads: int | None = None, heap: str | None = "1g", timeout: float = 3600,
                   log=lambda *_: None) -> dict:
    """Import the files of `export_csv` into instance `name` of `state_dir`, timed.

    The instance is provisioned (conf written; jars fetched only if
    ``<state_dir>/lib`` is missing: `shared_lib` names an existing lib/ to
    link there instead), stopped if it runs, and its ``neo4j`` database is
    replaced by ``neo4j-admin database import full``. `seconds` is the wall
    time of that command (JVM start included); `importer_seconds` is the time
    the importer itself reports. `heap` is the heap of the neo4j-admin JVM
    (HEAP_SIZE; None: the instance's server heap), `threads` the importer's
    worker threads (default: the processors the JVM sees).

    With `verify` the instance is then started (its initial password, from
    `password` or ``<state_dir>/<name>-password``, is set on its first
    start), its nodes and relationships are counted into `verified`, and it
    is stopped again unless `keep_running` (then `uri` says where it serves).
    """
    csv_dir = Path(csv_dir).resolve()
    try:
        manifest = json.loads((csv_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ExportError(f"{csv_dir / MANIFEST} is missing or unreadable: run export_csv first ({exc}).") from exc
    server = LocalServer(state_dir=Path(state_dir), name=name, bolt_port=bolt_port or _free_port())
    if shared_lib is not None and not server.lib_dir.exists():
        server.state_dir.mkdir(parents=True, exist_ok=True)
        os.symlink(Path(shared_lib).resolve(), server.lib_dir, target_is_directory=True)
    server.provision(log=log)
    server.stop()

    def files(pair):
        # neo4j-admin splits the list on commas and reads each name as a regular expression.
        paths = [str(csv_dir / f) for f in pair]
        if any(re.search(r"[,\[\](){}+*?^$|\\]", p) for p in paths):
            raise ExportError(f"{csv_dir}: neo4j-admin cannot be given a file path containing a comma "
                              "or a regular-expression character; export to a plainer directory.")
        return ",".join(paths)

    args = ["database", "import", "full", "neo4j", "--overwrite-destination=true",
            f"--array-delimiter={manifest['array_delimiter']}", "--bad-tolerance=0",
            f"--report-file={server.home / 'logs' / 'import.report'}"]
    if threads:
        args.append(f"--threads={int(threads)}")
    if manifest["multiline"]:
        # Not the per-file v2 chunker: on 5.26 it fails on some 4 MB buffer boundaries inside
        # quoted texts ("found CR outside a text cell", with no CR in the file), seen at 20k articles.
        args += ["--multiline-fields=true"]
    args += [f"--nodes={files(p)}" for p in manifest["nodes"]]
    args += [f"--relationships={files(p)}" for p in manifest["relationships"]]

    log(f"Importing {manifest['node_count']} nodes and {manifest['relationship_count']} relationships "
        f"into '{name}' ({server.home})...")
    started = time.perf_counter()
    result = server.admin(*args, timeout=timeout, env={"HEAP_SIZE": heap} if heap else None)
    seconds = time.perf_counter() - started
    output = result.stdout + result.stderr
    m = _DONE.search(output)
    if not m:
        raise ServerError(f"neo4j-admin import finished without its summary line; output tail:\n{output[-2000:]}")
    report = {
        "seconds": seconds,
        "importer_seconds": _duration(m.group(1)),
        "nodes": int(m.group(2)),
        "relationships": int(m.group(3)),
        "properties": int(m.group(4)),
        "instance": name,
        "home": str(server.home),
    }
    if report["nodes"] != manifest["node_count"] or report["relationships"] != manifest["relationship_count"]:
        raise ServerError(
            f"neo4j-admin imported {report['nodes']} nodes and {report['relationships']} relationships; "
            f"the export holds {manifest['node_count']} and {manifest['relationship_count']}."
        )
    if verify:
        if password is None:
            from .settings import local_password

            password = local_password(server.state_dir / f"{name}-password")
        started = time.perf_counter()
        server.start(password, timeout=240, log=log)
        report["start_seconds"] = time.perf_counter() - started
        try:
            with neo4j.GraphDatabase.driver(server.uri, auth=("neo4j", password)) as drv:
                records, _, _ = drv.execute_query(
                    "RETURN COUNT { MATCH (n) } AS nodes, COUNT { MATCH ()-[r]->() } AS rels",
                    database_="neo4j", routing_=neo4j.RoutingControl.READ)
            report["verified"] = {"nodes": records[0]["nodes"], "relationships": records[0]["rels"]}
        finally:
            if not keep_running:
                server.stop()
        report["uri"] = server.uri
    return report


def _duration(text: str) -> float | None:
    """Seconds of an importer duration such as '1m 2s 345ms' or '850ms'."""
    units = {"d": 86400, "h": 3600, "m": 60, "s": 1, "ms": 0.001}
    total, found = 0.0, False
    for value, unit in re.findall(r"(\d+(?:\.\d+)?)\s*(ms|d|h|m|s)\b", text):
        total += float(value) * units[unit]
        found = True
    return total if found else None
