"""A first load through ``neo4j-admin database import``: the same graph, built offline.

An archive's first load is most of its writes: 100,000 articles through the
transactional writer spend 20-odd minutes in write transactions, most of it
the server maintaining indexes one row at a time and the writer asking the
graph which Meetings each report may join. Into an empty database none of
that is needed: every report is known once extraction ends, so events are
resolved once, in memory, over all of them (loaders.events.group_rows, the
grouping the transactional writer converges to), and the store is built by
Neo4j's own offline importer. The result is the graph `load_paths` would
write (tests/test_bulk.py compares them node for node and relationship for
relationship, and loads more articles on top of a bulk-loaded graph the
transactional way).

Three steps:

1. `build` streams the articles (read → detect language → extract, on the
   executor like any load) into import CSV files: documents, sentences and
   their mentions as they come (memory stays flat for them), entities united
   over all articles, the schema-version marker. It also keeps every report
   and, per article, the people and organisations it names, for steps 3.
2. The caller (liaison.first_load: it owns the server) stops the server,
   runs the importer with `import_args`, and starts it again.
3. `finish` creates the constraints and indexes, waits for them, writes the
   Meetings (the writer's own Cypher, loaders.write.Q_MEETINGS, in batches),
   their country pairs, the meeting review pairs, and runs the duplicate
   review as a load does.

A malformed article is reported and skipped, as in any load. The whole is
all or nothing: the caller puts an empty database back if any step after the
import fails (see liaison.first_load).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .errors import ArticleError, WriteError
from .pipeline import LoadReport, Skipped, _chunks, _extracted
from .read import iter_paths, read_article

#: Joins list elements and labels in the CSV files: no text of ours holds it.
ARRAY_DELIMITER = "\x1f"
#: Meetings per write transaction in `finish`.
MEETING_BATCH = 500
#: Articles whose entities are reviewed together in `finish` (about a load's batch).
REVIEW_ARTICLES = 60

#: The list properties of an entity: stored as lists, empty ones too (CSV cannot say
#: "empty list", so `finish` sets those the import left absent).
ENTITY_LISTS = ("names", "keys", "titles", "blocks", "sides")


class BulkError(WriteError):
    """A bulk load cannot go on (the message says why and what to do instead)."""


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


class _Table:
    """One CSV file of neo4j-admin import: its header line, then rows.

    Columns are (name, type) with type one of string, long, boolean, string[]
    or the ID/START_ID/END_ID/LABEL fields. Every string is quoted, so an
    empty string stays one; None is an empty unquoted field: no property."""

    def __init__(self, path: Path, columns: list[tuple[str, str]]):
        self.path = path
        self.columns = columns
        self.rows = 0
        self.multiline = False
        self.fh = open(path, "w", encoding="utf-8", newline="")
        self.fh.write(",".join(f"{name}:{kind}" if name else f":{kind}" for name, kind in columns) + "\n")

    def _cell(self, value, kind: str) -> str:
        if value is None:
            return ""
        if kind == "long":
            return str(int(value))
        if kind == "boolean":
            return "true" if value else "false"
        if kind.endswith("[]") or kind == "LABEL":
            parts = [str(v) for v in value]
            if any(ARRAY_DELIMITER in p for p in parts):
                raise BulkError(f"a list element contains U+001F, which bulk loading joins lists with: {parts!r}")
            text = ARRAY_DELIMITER.join(parts)
        else:
            text = str(value)
        if "\n" in text or "\r" in text:
            self.multiline = True
        return _quote(text)

    def write(self, *values) -> None:
        self.fh.write(",".join(self._cell(v, kind) for v, (_, kind) in zip(values, self.columns)) + "\n")
        self.rows += 1

    def close(self) -> None:
        self.fh.close()


_DOC_PROPS = (("name", "string"), ("title", "string"), ("url", "string"), ("published", "string"),
              ("language", "string"), ("declared_language", "string"), ("path", "string"),
              ("text", "string"), ("extractor", "string"), ("chars", "long"), ("synthetic", "boolean"))
_ENTITY_PROPS = (("name", "string"), ("iso3", "string"), ("status", "string"), ("country", "string"),
                 *((k, "string[]") for k in ENTITY_LISTS), ("search_text", "string"), ("block_text", "string"))


@dataclass
class Plan:
    """What `build` leaves for the importer and for `finish`."""

    out_dir: Path
    report: LoadReport
    nodes: list[tuple[str, str]] = field(default_factory=list)          # (labels or "", file)
    relationships: list[tuple[str, str]] = field(default_factory=list)  # (type, file)
    multiline: bool = False
    node_count: int = 0
    relationship_count: int = 0
    reports: list[dict] = field(default_factory=list)
    article_entities: list[list[str]] = field(default_factory=list)
    entity_ids: list[str] = field(default_factory=list)
    seconds: dict = field(default_factory=dict)

    def import_args(self) -> list[str]:
        """The arguments of ``neo4j-admin database import full`` for these files."""
        args = ["database", "import", "full", "neo4j", "--overwrite-destination=true",
                f"--array-delimiter={ARRAY_DELIMITER}", "--bad-tolerance=0"]
        if self.multiline:
            # Not the per-file v2 chunker: on 5.26 it fails on some buffer boundaries inside
            # long quoted texts (liaison/bench_import.py).
            args.append("--multiline-fields=true")
        args += [f"--nodes={label + '=' if label else ''}{path}" for label, path in self.nodes]
        args += [f"--relationships={rel}={path}" for rel, path in self.relationships]
        return args


def build(paths: Iterable[str | Path], out_dir: Path, executor=None,
          progress: Callable[[Path], None] | None = None) -> Plan:
    """Extract every article into import CSV files in `out_dir` (see the module docstring)."""
    from .write import ENTITY_LABELS, GRAPH_SCHEMA, _united, build_rows

    started = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    report = LoadReport()
    plan = Plan(out_dir=out_dir, report=report)
    tables: dict[str, _Table] = {}

    def table(name: str, columns) -> _Table:
        if name not in tables:
            tables[name] = _Table(out_dir / f"{name}.csv", list(columns))
        return tables[name]

    docs = table("documents", [("id", "ID(Document)"), *_DOC_PROPS])
    sentences = table("sentences", [("id", "ID(Sentence)"), ("index", "long"), ("start", "long"),
                                    ("end", "long"), ("text", "string")])
    part_of = table("part_of", [("", "START_ID(Sentence)"), ("", "END_ID(Document)")])
    mentioned = table("mentioned_in", [("", "START_ID(Entity)"), ("", "END_ID(Sentence)"), ("start", "long"),
                                       ("end", "long"), ("text", "string")])
    affiliated = table("affiliated_with", [("", "START_ID(Entity)"), ("", "END_ID(Entity)"), ("doc", "string"),
                                           ("title", "string"), ("as_of", "string")])
    entity_rows: dict[str, list[dict]] = {label: [] for label in ENTITY_LABELS}
    org_countries: set[tuple[str, str]] = set()
    seen: set[str] = set()

    def tick(path):
        if progress:
            progress(path)

    def articles():
        for path in iter_paths(paths):
            report.read += 1
            try:
                article = read_article(path)
            except ArticleError as exc:
                report.skipped.append(Skipped(str(path), exc.reason))
                tick(path)
                continue
            if article.id in seen:
                report.unchanged += 1       # the same text earlier in this load
                tick(article.path)
                continue
            seen.add(article.id)
            yield article

    try:
        for chunk in _chunks(_extracted(articles(), executor), 256):
            for article, ex in chunk:
                if isinstance(ex, str):
                    report.skipped.append(Skipped(article.path or article.name, ex))
                    tick(article.path)
                    continue
                rows = build_rows(article, ex)
                d = rows["doc"]
                docs.write(d["id"], *(d["props"].get(k) for k, _ in _DOC_PROPS))
                for s in rows["sentences"]:
                    sentences.write(s["id"], s["index"], s["start"], s["end"], s["text"])
                    part_of.write(s["id"], d["id"])
                    for m in s["mentions"]:
                        mentioned.write(m["entity"], s["id"], m["start"], m["end"], m["text"])
                for a in rows["affiliations"]:
                    affiliated.write(a["person"], a["target"], a["doc"], a["title"], a["as_of"])
                for label in ENTITY_LABELS:
                    entity_rows[label] += rows["entities"][label]
                org_countries.update((o["entity"], o["country"]) for o in rows["org_countries"])
                plan.reports += rows["reports"]
                plan.article_entities.append([e.id for e in ex.entities if e.type in ("Person", "Organization")])
                report.loaded += 1
                report.by_language[ex.language] = report.by_language.get(ex.language, 0) + 1
                tick(article.path)
            # Entities are united as they come, so a hub named in every article is one row, not thousands.
            for label in ENTITY_LABELS:
                entity_rows[label] = _united(entity_rows[label])
        plan.seconds["extract"] = time.perf_counter() - started

        t = time.perf_counter()
        labels_of: dict[str, str] = {}
        entities = table("entities", [("id", "ID(Entity)"), ("", "LABEL"), *_ENTITY_PROPS])
        for label in ENTITY_LABELS:
            for row in entity_rows[label]:
                if labels_of.setdefault(row["id"], label) != label:
                    raise BulkError(
                        f"entity id {row['id']!r} is both a {labels_of[row['id']]} and a {label}; "
                        "bulk loading needs one node per id: load without --bulk.")
                entities.write(row["id"], (label, "Entity"), *_entity_values(label, row))
        plan.entity_ids = sorted(labels_of)
        in_country = table("in_country", [("", "START_ID(Entity)"), ("", "END_ID(Entity)")])
        for entity, country in sorted(org_countries):
            in_country.write(entity, country)
        schema = table("graph_schema", [("id", "ID(GraphSchema)"), ("version", "long")])
        schema.write("liaison", GRAPH_SCHEMA)
        plan.seconds["entities"] = time.perf_counter() - t
    finally:
        for tb in tables.values():
            tb.close()

    for name, label in (("documents", "Document"), ("sentences", "Sentence"), ("entities", ""),
                        ("graph_schema", "GraphSchema")):
        plan.nodes.append((label, str(tables[name].path)))
        plan.node_count += tables[name].rows
    for name, rel in (("part_of", "PART_OF"), ("mentioned_in", "MENTIONED_IN"),
                      ("affiliated_with", "AFFILIATED_WITH"), ("in_country", "IN_COUNTRY")):
        plan.relationships.append((rel, str(tables[name].path)))
        plan.relationship_count += tables[name].rows
    plan.multiline = any(tb.multiline for tb in tables.values())
    return plan


def _entity_values(label: str, row: dict) -> list:
    """An entity node's properties as the transactional writer leaves them (loaders.write._ENTITY_BODY)."""
    from .resolve import display_name
    from .write import MAX_INDEXED_TEXT

    props = row["props"]
    lists = {k: list(dict.fromkeys(row[k])) for k in ENTITY_LISTS}
    search = "".join(" " + x for x in lists["names"])[:MAX_INDEXED_TEXT]
    blocks = "".join(" " + x for x in lists["blocks"])[:MAX_INDEXED_TEXT] if lists["blocks"] else None
    return [display_name(label, row["id"], lists["names"]), props.get("iso3"), props.get("status"),
            props.get("country"), *(lists[k] for k in ENTITY_LISTS), search, blocks]


# Lists the import could not write as empty (an empty CSV field is no property).
Q_EMPTY_LISTS = ("MATCH (n:Entity) WHERE " + " OR ".join(f"n.{k} IS NULL" for k in ENTITY_LISTS) + "\n"
                 "CALL (n) { SET " + ", ".join(f"n.{k} = coalesce(n.{k}, [])" for k in ENTITY_LISTS)
                 + " } IN TRANSACTIONS OF 10000 ROWS")


def finish(driver, database: str, plan: Plan, review: bool = True,
           log: Callable[[str], None] = lambda _m: None) -> LoadReport:
    """After the import: schema, Meetings, meeting review pairs, duplicate review (see the module docstring)."""
    from .events import group_rows
    from .events import merged as merged_meeting
    from .write import Q_MEETINGS, Q_PAIRS, Q_PROPOSE_MEETINGS, ensure_schema, meeting_candidate_id

    report = plan.report
    t = time.perf_counter()
    ensure_schema(driver, database)
    # Constraints and indexes are populated in the background; the writes below seek them.
    driver.execute_query("CALL db.awaitIndexes(3600)", database_=database)
    with driver.session(database=database) as session:
        session.run(Q_EMPTY_LISTS).consume()
    plan.seconds["schema"] = time.perf_counter() - t

    t = time.perf_counter()
    log(f"Resolving events over {len(plan.reports):,} reports...")
    uncertain: list = []
    groups = group_rows(plan.reports, {}, uncertain)
    meetings = [merged_meeting(g, []) for g in groups]
    by_key = {r["key"]: r for r in plan.reports}
    plan.seconds["events"] = time.perf_counter() - t

    t = time.perf_counter()
    log(f"Writing {len(meetings):,} meetings...")

    def write(query: str, **params):
        _, summary, _ = driver.execute_query(query, database_=database, **params)
        c = summary.counters
        report.nodes_created += c.nodes_created
        report.relationships_created += c.relationships_created
        report.transactions += 1

    for chunk in _chunks(meetings, MEETING_BATCH):
        write(Q_MEETINGS, rows=chunk)
        write(Q_PAIRS, ids=sorted(m["id"] for m in chunk))
    for chunk in _chunks(uncertain, MEETING_BATCH):
        write(Q_PROPOSE_MEETINGS, rows=[
            {"id": meeting_candidate_id(a, b), "a": a, "b": b, "a_doc": by_key[a]["doc"],
             "b_doc": by_key[b]["doc"], "score": round(s, 2)} for a, b, s in chunk])
    plan.seconds["meetings"] = time.perf_counter() - t
    report.nodes_created += plan.node_count
    report.relationships_created += plan.relationship_count

    if review:
        from .review import propose_for

        t = time.perf_counter()
        log("Reviewing the loaded people and organisations for duplicates...")
        first_seen: set[str] = set()
        for chunk in _chunks(plan.article_entities, REVIEW_ARTICLES):
            new = {i for ids in chunk for i in ids} - first_seen
            first_seen |= new
            report.review_proposed += propose_for(driver, database, chunk, new)
        report.review_seconds = time.perf_counter() - t
        plan.seconds["review"] = report.review_seconds
    return report

