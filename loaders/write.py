"""Write extractions into Neo4j.

Each article is written in ONE managed write transaction: either all of its
facts land or none do, and a retried transaction (the driver retries
transient failures) does the same thing twice, because it first removes what
an earlier version of the same document wrote and then MERGEs everything by
content-derived ids. Loading the same corpus twice therefore changes nothing,
and the second time it is skipped outright (same content hash, same
extractor version).

Labels never come from data: each entity type has its own constant query.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import neo4j

from liaison.errors import WriteError

from .model import Extraction
from .normalize import fold, slug
from .read import Article

#: Bump when extraction changes so documents are re-extracted on the next load.
EXTRACTOR_VERSION = "6-robust-bounded-rules-meeting-kinds"

ENTITY_LABELS = ("Person", "Organization", "Country", "Place", "Agreement")

CONSTRAINTS = [
    *(f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
      for label in ("Document", "Sentence", *ENTITY_LABELS, "Topic", "Meeting", "ReviewCandidate")),
    "CREATE INDEX entity_keys IF NOT EXISTS FOR (n:Entity) ON (n.keys)",
    "CREATE INDEX meeting_date IF NOT EXISTS FOR (n:Meeting) ON (n.date)",
    # 'standard-folding' folds diacritics, so "to lam" finds Tô Lâm.
    "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS "
    "FOR (n:Person|Organization|Country|Place|Agreement) ON EACH [n.name, n.search_text] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}",
]


def ensure_schema(driver: neo4j.Driver, database: str) -> None:
    for statement in CONSTRAINTS:
        driver.execute_query(statement, database_=database)


# --------------------------------------------------------------------------- keys


def entity_id(entity) -> str:
    return entity.id or f"{entity.type.lower()}:{slug(entity.name)}"


def _hash(*parts) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------- rows


@dataclass
class WriteResult:
    status: str                      # "written", "replaced", "unchanged"
    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    counts: dict = field(default_factory=dict)


def build_rows(article: Article, ex: Extraction) -> dict:
    doc_id = article.id
    ids = {e.name: entity_id(e) for e in ex.entities}
    sentences = [
        {"id": f"{doc_id}:s{s.index}", "index": s.index, "start": s.start, "end": s.end, "text": s.text}
        for s in ex.sentences
    ]
    by_type: dict[str, list[dict]] = {label: [] for label in ENTITY_LABELS}
    mentions, affiliations, org_countries = [], [], []
    country_ids = {e.name: ids[e.name] for e in ex.entities if e.type == "Country"}
    for e in ex.entities:
        eid = ids[e.name]
        names = list(dict.fromkeys(e.surface_forms()))
        props = {"name": e.name}
        if e.type == "Country" and e.iso3:
            props["iso3"] = e.iso3
        if e.type == "Agreement" and e.status:
            props["status"] = e.status
        if e.type in ("Organization", "Place") and e.country:
            props["country"] = e.country
        by_type[e.type].append({
            "id": eid,
            "props": props,
            "names": names,
            "keys": sorted({fold(n) for n in names}),
            "titles": [e.title] if e.title else [],
        })
        for m in e.mentions:
            mentions.append({"entity": eid, "sentence": f"{doc_id}:s{m.sentence}",
                             "start": m.start, "end": m.end, "text": m.text})
        if e.type == "Person" and e.affiliation and e.affiliation in ids:
            affiliations.append({"person": eid, "target": ids[e.affiliation], "title": e.title,
                                 "as_of": article.published})
        if e.type in ("Organization", "Place") and e.country in country_ids:
            org_countries.append({"entity": eid, "country": country_ids[e.country]})

    meetings = []
    for i, m in enumerate(ex.meetings):
        part_ids = sorted({ids[p.entity] for p in m.participants if p.entity in ids})
        # The same encounter reported by several articles becomes one node when
        # its date and resolved participants agree; otherwise it is local to
        # the document and the sentence that reported it.
        if m.date and len(part_ids) >= 2:
            mid = "meeting:" + _hash(m.date, *part_ids)
        else:
            first = m.sentences[0] if m.sentences else i
            mid = "meeting:" + _hash(doc_id, first, i, *part_ids)
        m.id = mid
        place_name = (m.place or "").split(",")[0].strip()
        meetings.append({
            "id": mid,
            "props": {
                "kind": m.kind, "date": m.date, "end_date": m.end_date,
                "date_precision": m.date_precision, "place": m.place,
                "outcomes": m.outcomes, "topics": m.topics,
                "title": _meeting_title(m),
            },
            "participants": [{"id": ids[p.entity], "role": p.role} for p in m.participants if p.entity in ids],
            "countries": [country_ids[c] for c in m.countries if c in country_ids],
            "place": ids.get(place_name) if place_name in ids and _is_type(ex, place_name, "Place") else None,
            "topics": [{"id": "topic:" + slug(t), "name": t} for t in m.topics],
            "agreements": [ids[a] for a in m.agreements if a in ids],
            "sentences": [f"{doc_id}:s{s}" for s in m.sentences],
        })
    return {
        "doc": {
            "id": doc_id,
            "props": {
                "name": article.name, "title": article.title, "url": article.url,
                "published": article.published, "language": ex.language,
                "declared_language": article.declared_language, "path": article.path,
                "text": article.body, "extractor": EXTRACTOR_VERSION,
                "chars": len(article.body),
                # `liaison synth` articles: for speed and scale only (absent on real ones)
                "synthetic": True if article.synthetic else None,
            },
        },
        "sentences": sentences,
        "entities": by_type,
        "mentions": mentions,
        "affiliations": affiliations,
        "org_countries": org_countries,
        "meetings": meetings,
    }


def _is_type(ex: Extraction, name: str, type_: str) -> bool:
    e = ex.entity(name)
    return e is not None and e.type == type_


def _meeting_title(m) -> str:
    names = [p.entity for p in m.participants][:3]
    return f"{m.kind}: {' / '.join(names)}" + (f" ({m.date})" if m.date else "")


# --------------------------------------------------------------------------- queries

Q_EXISTING = "MATCH (d:Document {id: $id}) RETURN d.extractor AS extractor"

Q_CLEAR = """
MATCH (d:Document {id: $id})
OPTIONAL MATCH (d)<-[:PART_OF]-(s:Sentence)
OPTIONAL MATCH (s)<-[:MENTIONED_IN]-(e)
OPTIONAL MATCH (s)<-[:REPORTED_IN]-(m:Meeting)
WITH d, collect(DISTINCT s) AS ss, collect(DISTINCT e) AS es, collect(DISTINCT m) AS ms
FOREACH (x IN ss | DETACH DELETE x)
WITH d, es, ms
OPTIONAL MATCH ()-[r:AFFILIATED_WITH {doc: d.id}]->()
DELETE r
WITH DISTINCT es, ms
FOREACH (m IN [x IN ms WHERE NOT (x)-[:REPORTED_IN]->()] | DETACH DELETE m)
FOREACH (e IN [x IN es WHERE NOT (x)-[:MENTIONED_IN]->()] | DETACH DELETE e)
"""

Q_DOC = "MERGE (d:Document {id: $doc.id}) SET d += $doc.props"

Q_SENTENCES = """
MATCH (d:Document {id: $doc})
UNWIND $rows AS row
MERGE (s:Sentence {id: row.id})
SET s.index = row.index, s.start = row.start, s.end = row.end, s.text = row.text
MERGE (s)-[:PART_OF]->(d)
"""

_ENTITY_BODY = """
UNWIND $rows AS row
MERGE (n:{label} {{id: row.id}})
ON CREATE SET n.name = row.props.name
SET n:Entity, n.iso3 = coalesce(row.props.iso3, n.iso3),
    n.status = coalesce(row.props.status, n.status), n.country = coalesce(row.props.country, n.country)
SET n.names = reduce(acc = coalesce(n.names, []), x IN row.names | CASE WHEN x IN acc THEN acc ELSE acc + x END),
    n.keys = reduce(acc = coalesce(n.keys, []), x IN row.keys | CASE WHEN x IN acc THEN acc ELSE acc + x END),
    n.titles = reduce(acc = coalesce(n.titles, []), x IN row.titles | CASE WHEN x IN acc THEN acc ELSE acc + x END)
SET n.search_text = reduce(s = '', x IN n.names | s + ' ' + x)
"""
# The name stays the first one seen; status, iso3 and country follow the latest source.
Q_ENTITIES = {label: _ENTITY_BODY.format(label=label) for label in ENTITY_LABELS}

Q_MENTIONS = """
UNWIND $rows AS row
MATCH (e:Entity {id: row.entity})
MATCH (s:Sentence {id: row.sentence})
MERGE (e)-[r:MENTIONED_IN {start: row.start}]->(s)
SET r.end = row.end, r.text = row.text
"""

Q_AFFILIATIONS = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person})
MATCH (t:Entity {id: row.target})
MERGE (p)-[r:AFFILIATED_WITH {doc: $doc}]->(t)
SET r.title = row.title, r.as_of = row.as_of
"""

Q_ORG_COUNTRIES = """
UNWIND $rows AS row
MATCH (e:Entity {id: row.entity})
MATCH (c:Country {id: row.country})
MERGE (e)-[:IN_COUNTRY]->(c)
"""

Q_MEETINGS = """
MATCH (d:Document {id: $doc})
UNWIND $rows AS row
MERGE (m:Meeting {id: row.id})
ON CREATE SET m += row.props
MERGE (m)-[:SOURCE]->(d)
WITH m, row
CALL (m, row) {
  UNWIND row.participants AS p
  MATCH (e:Entity {id: p.id})
  MERGE (m)-[r:PARTICIPANT]->(e)
  SET r.role = p.role
}
CALL (m, row) {
  UNWIND row.countries AS cid
  MATCH (c:Country {id: cid})
  MERGE (m)-[:INVOLVES]->(c)
}
CALL (m, row) {
  UNWIND row.topics AS t
  MERGE (tp:Topic {id: t.id})
  ON CREATE SET tp.name = t.name
  MERGE (m)-[:ABOUT]->(tp)
}
CALL (m, row) {
  UNWIND row.agreements AS aid
  MATCH (a:Agreement {id: aid})
  MERGE (m)-[:CONCERNS]->(a)
}
CALL (m, row) {
  UNWIND row.sentences AS sid
  MATCH (s:Sentence {id: sid})
  MERGE (m)-[:REPORTED_IN]->(s)
}
CALL (m, row) {
  WITH m, row WHERE row.place IS NOT NULL
  MATCH (pl:Place {id: row.place})
  MERGE (m)-[:HELD_IN]->(pl)
}
"""


def _write_tx(tx: neo4j.ManagedTransaction, rows: dict, replace: bool) -> dict:
    totals: dict[str, int] = {}

    def run(query: str, **params) -> None:
        counters = tx.run(query, **params).consume().counters
        for key in ("nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted"):
            totals[key] = totals.get(key, 0) + getattr(counters, key)

    if replace:
        run(Q_CLEAR, id=rows["doc"]["id"])
    run(Q_DOC, doc=rows["doc"])
    doc = rows["doc"]["id"]
    run(Q_SENTENCES, doc=doc, rows=rows["sentences"])
    for label in ENTITY_LABELS:
        if rows["entities"][label]:
            run(Q_ENTITIES[label], rows=rows["entities"][label])
    run(Q_MENTIONS, rows=rows["mentions"])
    run(Q_AFFILIATIONS, rows=rows["affiliations"], doc=doc)
    run(Q_ORG_COUNTRIES, rows=rows["org_countries"])
    run(Q_MEETINGS, doc=doc, rows=rows["meetings"])
    return totals


def document_state(driver: neo4j.Driver, database: str, doc_id: str) -> str | None:
    records, _, _ = driver.execute_query(Q_EXISTING, id=doc_id, database_=database,
                                         routing_=neo4j.RoutingControl.READ)
    return records[0]["extractor"] if records else None


def write_extraction(driver: neo4j.Driver, database: str, article: Article, ex: Extraction,
                     existing: str | None = None) -> WriteResult:
    """Write one article atomically, replacing what an earlier version of it wrote.

    `existing` is the extractor version the graph holds for this document
    (from document_state), None when it is new.
    """
    rows = build_rows(article, ex)
    try:
        with driver.session(database=database) as session:
            totals = session.execute_write(_write_tx, rows, existing is not None)
    except neo4j.exceptions.Neo4jError as exc:
        raise WriteError(
            f"{article.path or article.name}: write failed and was rolled back ({exc.code}: {exc.message})"
        ) from exc
    return WriteResult(status="replaced" if existing else "written", **totals)
