"""Write extractions into Neo4j, many articles per transaction.

A batch of articles is ONE managed write transaction: rows from every article
are concatenated and written with one `UNWIND ... MERGE` statement per kind
(documents, sentences, each entity label, mentions, affiliations, meetings),
so the number of round trips and commits grows with rows, not articles. Each
statement MATCHes or MERGEs by `id` behind a uniqueness constraint or index
(`entity_id` on :Entity), so its cost does not grow with the graph.

If a batch fails, it is rolled back as a whole and retried article by
article: one bad article is reported and never costs the others. A retried
transaction (the driver retries transient failures) does the same thing
twice, because it first removes what earlier versions of the same documents
wrote and then MERGEs everything by content-derived ids. Loading the same
corpus twice therefore changes nothing, and the second time it is skipped
outright (same content hash, same extractor version).

Labels never come from data: each entity type has its own constant query.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

import neo4j

from .errors import WriteError
from .events import (MAX_PAIRED_COUNTRIES, entity_sides, group_rows, meeting_id, merged, report_rows,
                     seek_ranges)

from .model import Extraction
from .normalize import fold, slug
from .read import Article
from .resolve import display_name, review_blocks
from .version import extractor_version

#: A hash of the extraction code and data (loaders.version): a changed rule or
#: data file re-extracts every document on the next load.
EXTRACTOR_VERSION = extractor_version()

ENTITY_LABELS = ("Person", "Organization", "Country", "Place", "Agreement")

CONSTRAINTS = [
    *(f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
      for label in ("Document", "Sentence", *ENTITY_LABELS, "Topic", "Meeting", "ReviewCandidate",
                    "MeetingCandidate", "CountryPair", "GraphSchema")),
    # An analyst's correction of a Meeting, kept on the key of the report it was first in.
    "CREATE CONSTRAINT meeting_correction_key IF NOT EXISTS FOR (n:MeetingCorrection) REQUIRE n.key IS UNIQUE",
    # A hub's meetings in date order: INVOLVES, ABOUT, CONCERNS and IN_PAIR carry
    # key = "<hub id>|<meeting date>", so "the newest
    # 20 meetings of Vietnam" is a prefix seek on this index, read in order and
    # stopped at 20. Undated meetings sort first ("<hub id>|!<day reported>", see
    # hub_key); a hub's dated meetings are the keys between "<hub id>|0" and "<hub id>|~".
    *(f"CREATE INDEX {rel.lower()}_key IF NOT EXISTS FOR ()-[r:{rel}]-() ON (r.key)"
      for rel in ("INVOLVES", "ABOUT", "CONCERNS", "IN_PAIR", "PARTICIPANT", "THROUGH", "HELD_IN")),
    # A multilateral meeting's INVOLVES (it has no IN_PAIR, see MAX_PAIRED_COUNTRIES) carry
    # its key twice, as `multi` too: a conference report seeks the few multilateral
    # Meetings of its countries, not each country's thousands of meetings.
    "CREATE INDEX involves_multi IF NOT EXISTS FOR ()-[r:INVOLVES]-() ON (r.multi)",
    # IN_PAIR's key orders a pair's timeline by date; its `seek` (seek_key) is what a
    # conference report of two of the countries finds it by.
    "CREATE INDEX in_pair_seek IF NOT EXISTS FOR ()-[r:IN_PAIR]-() ON (r.seek)",
    # Writes and lookups that know an id but not the label (mentions, meeting
    # participants, affiliations) seek this index instead of scanning :Entity.
    "CREATE INDEX entity_id IF NOT EXISTS FOR (n:Entity) ON (n.id)",
    # Clearing a replaced document's affiliations seeks by the document id.
    "CREATE INDEX affiliated_doc IF NOT EXISTS FOR ()-[r:AFFILIATED_WITH]-() ON (r.doc)",
    "CREATE INDEX review_status IF NOT EXISTS FOR (n:ReviewCandidate) ON (n.status)",
    "CREATE INDEX review_a IF NOT EXISTS FOR (n:ReviewCandidate) ON (n.a)",
    "CREATE INDEX review_b IF NOT EXISTS FOR (n:ReviewCandidate) ON (n.b)",
    # The meeting review list: pairs of reports (by report key) that may be one encounter.
    "CREATE INDEX meeting_candidate_a IF NOT EXISTS FOR (n:MeetingCandidate) ON (n.a)",
    "CREATE INDEX meeting_candidate_b IF NOT EXISTS FOR (n:MeetingCandidate) ON (n.b)",
    "CREATE INDEX meeting_candidate_status IF NOT EXISTS FOR (n:MeetingCandidate) ON (n.status)",
    "CREATE INDEX meeting_date IF NOT EXISTS FOR (n:Meeting) ON (n.date)",
    # 'standard-folding' folds diacritics, so "to lam" finds Tô Lâm.
    "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS "
    "FOR (n:Person|Organization|Country|Place|Agreement) ON EACH [n.name, n.search_text] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}",
    # Review blocking keys (loaders.resolve.review_blocks): an entity new to the
    # graph is compared only with those sharing a key, rarest keys first.
    "CREATE FULLTEXT INDEX entity_blocks IF NOT EXISTS FOR (n:Person|Organization) ON EACH [n.block_text] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
    # Explorer and saved-query lookups (explorer/queries.py, cypher/*.cypher): each has an index
    # behind it; tests/test_query_plans.py fails on a label scan.
    "CREATE INDEX document_name IF NOT EXISTS FOR (n:Document) ON (n.name)",
    "CREATE INDEX document_published IF NOT EXISTS FOR (n:Document) ON (n.published)",
    "CREATE INDEX country_iso3 IF NOT EXISTS FOR (n:Country) ON (n.iso3)",
    "CREATE INDEX country_name IF NOT EXISTS FOR (n:Country) ON (n.name)",
    "CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name)",
    "CREATE INDEX place_name IF NOT EXISTS FOR (n:Place) ON (n.name)",
    "CREATE INDEX agreement_name IF NOT EXISTS FOR (n:Agreement) ON (n.name)",
    "CREATE INDEX agreement_status IF NOT EXISTS FOR (n:Agreement) ON (n.status)",
    "CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
    "CREATE INDEX topic_name IF NOT EXISTS FOR (n:Topic) ON (n.name)",
    "CREATE INDEX review_score IF NOT EXISTS FOR (n:ReviewCandidate) ON (n.score)",
    "CREATE INDEX review_rank IF NOT EXISTS FOR (n:ReviewCandidate) ON (n.rank)",
    # The explorer's substring fallback (names Lucene does not tokenise as typed, e.g. CJK runs).
    "CREATE TEXT INDEX entity_search_text IF NOT EXISTS FOR (n:Entity) ON (n.search_text)",
    # A range index on a list property serves neither IN nor CONTAINS and fails on long lists
    # ("Property value is too large to index"); lookups by name use entity_names instead.
    "DROP INDEX entity_keys IF EXISTS",
]


def seek_key(hub: str) -> str:
    """Like hub_key, by the date a Meeting is found by (loaders.events.seek_date): the keys of
    PARTICIPANT and HELD_IN and IN_PAIR's `seek`, which only event resolution reads."""
    return f"{hub}.id + '|' + coalesce(m.seek, '!' + coalesce(m.reported, ''))"


def hub_key(hub: str) -> str:
    """The Cypher for a hub relationship's key (see the *_key indexes above), for meeting `m`.

    An undated meeting's key is "<id>|!<the day it was first reported>" ('!' sorts
    below '0', so a hub's dated meetings stay the keys between "<id>|0" and "<id>|~"):
    a dated report seeks its people's undated meetings of the few days after it, not
    every undated meeting they ever had (loaders.events.seek_ranges)."""
    return f"{hub}.id + '|' + coalesce(m.date, '!' + coalesce(m.reported, ''))"



def _pair_links(link: str = "MERGE") -> str:
    """Links meeting `m` to the CountryPair of each two of its countries (see Q_PAIRS);
    `link` CREATE for a meeting just created, which has no IN_PAIR yet."""
    return f"""
WITH m WHERE COUNT {{ (m)-[:INVOLVES]->(:Country) }} <= {MAX_PAIRED_COUNTRIES}
MATCH (m)-[:INVOLVES]->(a:Country)
MATCH (m)-[:INVOLVES]->(b:Country)
WITH m, a, b WHERE a.id < b.id
MERGE (p:CountryPair {{id: a.id + '|' + b.id}})
MERGE (p)-[:PAIR_OF]->(a)
MERGE (p)-[:PAIR_OF]->(b)
{link} (m)-[r:IN_PAIR]->(p)
SET r.key = {hub_key('p')}, r.seek = {seek_key('p')}
"""

def review_rank(status: str, score: str, cid: str) -> str:
    """Cypher for a candidate's rank key: "<status>|<1000 - score in thousandths, 4 digits>|<id>".

    Behind a range index, "the best candidates of a status" (score descending,
    then id) is a prefix seek read in index order that stops at the LIMIT,
    instead of reading and sorting every candidate of that status (tens of
    thousands at 100,000 articles)."""
    return (f"{status} + '|' + right('000' + toString(1000 - toInteger(round(coalesce({score}, 0) * 1000))), 4)"
            f" + '|' + {cid}")


#: Bumped when the writer adds something graphs written before must get
#: (ensure_schema backfills them once): 2 = hub keys and country pairs,
#: 3 = review candidates' rank keys, 4 = participants' keys (event resolution;
#: meetings get their reports, sides and THROUGH links when their documents are next loaded),
#: 5 = undated meetings keyed "|!<day reported>" (the day is filled in when their documents
#: are next loaded, which a changed extractor version makes the next load),
#: 6 = HELD_IN keys and multilateral meetings' INVOLVES `multi` (conference seeks),
#: 7 = PARTICIPANT and HELD_IN keyed by the meeting's seek date, IN_PAIR given it as `seek`
#: (its month until its documents are next loaded: what every day of the month seeks).
GRAPH_SCHEMA = 7

# Each runs over the whole graph once, in transactions of 10,000 rows.
BACKFILL = {
    2: [
        *(f"MATCH (m:Meeting)-[r:{rel}]->(x) WHERE r.key IS NULL\n"
          f"CALL (m, r, x) {{ SET r.key = {hub_key('x')} }} IN TRANSACTIONS OF 10000 ROWS"
          for rel in ("INVOLVES", "ABOUT", "CONCERNS")),
        """MATCH (m:Meeting) WHERE m.country_ids IS NULL
CALL (m) { SET m.country_ids = [(m)-[:INVOLVES]->(c:Country) | c.id] } IN TRANSACTIONS OF 10000 ROWS""",
        "MATCH (m:Meeting) WHERE COUNT { (m)-[:INVOLVES]->() } > 1\n"
        "CALL (m) {" + _pair_links() + "} IN TRANSACTIONS OF 2000 ROWS",
    ],
    4: ["MATCH (m:Meeting)-[r:PARTICIPANT]->(x) WHERE r.key IS NULL\n"
        f"CALL (m, r, x) {{ SET r.key = {hub_key('x')} }} IN TRANSACTIONS OF 10000 ROWS"],
    5: [f"MATCH (m:Meeting)-[r:{rel}]->() WHERE m.date IS NULL AND r.key ENDS WITH '|0'\n"
        "CALL (r) { SET r.key = left(r.key, size(r.key) - 1) + '!' } IN TRANSACTIONS OF 10000 ROWS"
        for rel in ("PARTICIPANT", "INVOLVES", "ABOUT", "CONCERNS", "IN_PAIR", "THROUGH")],
    6: ["MATCH (m:Meeting)-[r:HELD_IN]->(x) WHERE r.key IS NULL\n"
        f"CALL (m, r, x) {{ SET r.key = {hub_key('x')} }} IN TRANSACTIONS OF 10000 ROWS",
        f"MATCH (m:Meeting) WHERE size(m.country_ids) > {MAX_PAIRED_COUNTRIES}\n"
        "MATCH (m)-[r:INVOLVES]->(:Country) WHERE r.multi IS NULL\n"
        "CALL (r) { SET r.multi = r.key } IN TRANSACTIONS OF 10000 ROWS"],
    7: ["MATCH (m:Meeting) WHERE m.seek IS NULL AND m.date IS NOT NULL\n"
        "CALL (m) { SET m.seek = left(m.date, 7) } IN TRANSACTIONS OF 10000 ROWS",
        *(f"MATCH (m:Meeting)-[r:{rel}]->(x)\n"
          f"CALL (m, r, x) {{ SET r.key = {seek_key('x')} }} IN TRANSACTIONS OF 10000 ROWS"
          for rel in ("PARTICIPANT", "HELD_IN")),
        f"MATCH (m:Meeting)-[r:IN_PAIR]->(x)\n"
        f"CALL (m, r, x) {{ SET r.seek = {seek_key('x')} }} IN TRANSACTIONS OF 10000 ROWS"],
    3: ["MATCH (r:ReviewCandidate) WHERE r.rank IS NULL\n"
        "CALL (r) { SET r.rank = " + review_rank("r.status", "r.score", "r.id") + " } IN TRANSACTIONS OF 10000 ROWS"],
}

Q_SCHEMA_VERSION = "MATCH (s:GraphSchema {id: 'liaison'}) RETURN s.version AS version"
Q_ANY_DOCUMENT = "MATCH (d:Document) RETURN d.id LIMIT 1"
Q_SET_SCHEMA_VERSION = "MERGE (s:GraphSchema {id: 'liaison'}) SET s.version = $version"


def ensure_schema(driver: neo4j.Driver, database: str) -> None:
    """Constraints and indexes, then (once) what graphs written by earlier versions lack."""
    for statement in CONSTRAINTS:
        driver.execute_query(statement, database_=database)
    records, _, _ = driver.execute_query(Q_SCHEMA_VERSION, database_=database)
    version = records[0]["version"] if records else None
    if version is not None and version >= GRAPH_SCHEMA:
        return
    written, _, _ = driver.execute_query(Q_ANY_DOCUMENT, database_=database)
    if version is None and written:
        version = 1     # written before the schema was versioned
    if version is not None:
        with driver.session(database=database) as session:
            for v in range(version + 1, GRAPH_SCHEMA + 1):
                for statement in BACKFILL.get(v, []):
                    # CALL ... IN TRANSACTIONS needs an auto-commit transaction.
                    session.run(statement).consume()
    driver.execute_query(Q_SET_SCHEMA_VERSION, version=GRAPH_SCHEMA, database_=database)


# --------------------------------------------------------------------------- keys


def entity_id(entity) -> str:
    return entity.id or f"{entity.type.lower()}:{slug(entity.name)}"


# --------------------------------------------------------------------------- rows


def build_rows(article: Article, ex: Extraction) -> dict:
    doc_id = article.id
    ids = {e.name: entity_id(e) for e in ex.entities}
    sentences = [
        {"id": f"{doc_id}:s{s.index}", "index": s.index, "start": s.start, "end": s.end, "text": s.text,
         "mentions": []}
        for s in ex.sentences
    ]
    sentence_rows = {row["id"]: row for row in sentences}
    by_type: dict[str, list[dict]] = {label: [] for label in ENTITY_LABELS}
    mentions, affiliations, org_countries = [], [], []
    # One MENTIONED_IN per (entity, sentence, start): the writer CREATEs them under fresh sentences.
    seen_mentions: set = set()
    country_ids = {e.name: ids[e.name] for e in ex.entities if e.type == "Country"}
    sides = entity_sides(ex, ids)
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
            "blocks": review_blocks(e.type, names) if e.type in ("Person", "Organization") else [],
            "sides": sorted(sides.get(e.name, ())),
        })
        for m in e.mentions:
            row = {"entity": eid, "sentence": f"{doc_id}:s{m.sentence}", "start": m.start, "end": m.end,
                   "text": m.text}
            key = (eid, row["sentence"], m.start)
            if key not in seen_mentions and row["sentence"] in sentence_rows:
                seen_mentions.add(key)
                mentions.append(row)
                sentence_rows[row["sentence"]]["mentions"].append(row)
        if e.type == "Person" and e.affiliation and e.affiliation in ids:
            affiliations.append({"person": eid, "target": ids[e.affiliation], "title": e.title,
                                 "as_of": article.published})
        if e.type in ("Organization", "Place") and e.country in country_ids:
            org_countries.append({"entity": eid, "country": country_ids[e.country]})

    # The meetings as this article reports them: which Meeting each joins is
    # decided at write time, against the reports the graph already holds (_meetings).
    reports = report_rows(doc_id, article.name, ex.language, ex, ids, article.published)
    for row in sentences:
        row["doc"] = doc_id
    # One affiliation per (person, organisation) and document, the last one said
    # (two merged entities may both carry it): Q_AFFILIATIONS CREATEs them.
    affiliations = list({(row["person"], row["target"]): row for row in affiliations}.values())
    for row in affiliations:
        row["doc"] = doc_id
    return {
        "doc": {
            "id": doc_id,
            # Its sentences, each with its mentions: written by one statement (Q_DOCS).
            "sentences": sentences,
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
        "reports": reports,
    }


# --------------------------------------------------------------------------- queries
# Every statement takes the rows of a whole batch; each row names its document.

Q_STATES = """
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN d.id AS id, d.extractor AS extractor
"""

# What the graph holds for the batch's entities: one that exists and would
# gain nothing (no new name, key, title, blocking key or property) is not
# written again, so hubs named in most articles cost a lookup, not a rewrite
# and a re-index. People and organisations that are new, or gain a name, are
# compared with the rest of the graph by review (their evidence may have changed).
Q_KNOWN = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN e.id AS id, e.name AS name, e.names AS names, e.keys AS keys, e.titles AS titles, e.blocks AS blocks, e.sides AS sides,
       e.iso3 AS iso3, e.status AS status, e.country AS country
"""

# Removes what earlier versions of these documents wrote: their sentences
# (and with them every mention and REPORTED_IN), their SOURCE links and
# affiliations, then the entities nothing else mentions. Then a document has
# no sentences, so what follows CREATEs its sentences and mentions rather than
# MERGE them. Their Meetings are rebuilt from the reports left (_meetings).
# A Meeting written before reports were stored (no `reports`) goes: its other
# documents, written by an older extractor too, rebuild it when next loaded.
Q_CLEAR = """
UNWIND $ids AS id
MATCH (d:Document {id: id})
CALL (d) {
  MATCH (d)<-[:PART_OF]-(s:Sentence)
  OPTIONAL MATCH (s)<-[:MENTIONED_IN]-(e)
  WITH collect(DISTINCT s) AS ss, collect(DISTINCT e) AS es
  FOREACH (x IN ss | DETACH DELETE x)
  WITH es
  FOREACH (e IN [x IN es WHERE NOT (x)-[:MENTIONED_IN]->()] | DETACH DELETE e)
}
CALL (d) {
  MATCH (d)<-[r:SOURCE]-(m:Meeting)
  DELETE r
  WITH m WHERE m.reports IS NULL
  DETACH DELETE m
}
CALL (d) {
  MATCH ()-[r:AFFILIATED_WITH]->() WHERE r.doc = d.id
  DELETE r
}
"""

# A document, its sentences and their mentions in one pass: the sentences are
# new (Q_CLEAR ran), so they and their relationships are CREATEd, not MERGEd.
Q_DOCS = """
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d += row.props
WITH d, row
UNWIND row.sentences AS sr
CREATE (s:Sentence {id: sr.id, index: sr.index, start: sr.start, end: sr.end, text: sr.text})
CREATE (s)-[:PART_OF]->(d)
WITH s, sr
UNWIND sr.mentions AS mr
MATCH (e:Entity {id: mr.entity})
CREATE (e)-[:MENTIONED_IN {start: mr.start, end: mr.end, text: mr.text}]->(s)
"""

_ENTITY_BODY = """
UNWIND $rows AS row
MERGE (n:{label} {{id: row.id}})
SET n:Entity, n.name = row.display, n.iso3 = coalesce(row.props.iso3, n.iso3),
    n.status = coalesce(row.props.status, n.status), n.country = coalesce(row.props.country, n.country)
SET n.names = reduce(acc = coalesce(n.names, []), x IN row.names | CASE WHEN x IN acc THEN acc ELSE acc + x END),
    n.keys = reduce(acc = coalesce(n.keys, []), x IN row.keys | CASE WHEN x IN acc THEN acc ELSE acc + x END),
    n.titles = reduce(acc = coalesce(n.titles, []), x IN row.titles | CASE WHEN x IN acc THEN acc ELSE acc + x END),
    n.blocks = reduce(acc = coalesce(n.blocks, []), x IN row.blocks | CASE WHEN x IN acc THEN acc ELSE acc + x END),
    n.sides = reduce(acc = coalesce(n.sides, []), x IN row.sides | CASE WHEN x IN acc THEN acc ELSE acc + x END)
SET n.search_text = substring(reduce(s = '', x IN n.names | s + ' ' + x), 0, $max_text),
    n.block_text = CASE WHEN size(n.blocks) > 0 THEN substring(reduce(s = '', x IN n.blocks | s + ' ' + x), 0, $max_text) END
"""
# The name shown is chosen from all the names by a fixed rule (loaders.resolve.display_name),
# so it does not depend on which article came first; status, iso3 and country follow the latest source.
# search_text and block_text are cut at MAX_INDEXED_TEXT characters: past about 32 kB the
# text index refuses the value, and every later article mentioning the entity would fail.
Q_ENTITIES = {label: _ENTITY_BODY.format(label=label) for label in ENTITY_LABELS}

# A document's affiliations are new (Q_CLEAR removed a replaced version's), so
# they are CREATEd: a MERGE would read every AFFILIATED_WITH between the two
# nodes, one per document naming both (a minister and their ministry: thousands
# at 100,000 articles; 12,800 db hits a row against 7).
Q_AFFILIATIONS = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person})
MATCH (t:Entity {id: row.target})
CREATE (p)-[:AFFILIATED_WITH {doc: row.doc, title: row.title, as_of: row.as_of}]->(t)
"""

Q_ORG_COUNTRIES = """
UNWIND $rows AS row
MATCH (e:Entity {id: row.entity})
MATCH (c:Country {id: row.country})
MERGE (e)-[:IN_COUNTRY]->(c)
"""

# The countries of meeting `m`'s participants that its reports do not give:
# INVOLVES {via: 'participants'}. Only from a participant every article gives one
# and the same country (Entity.sides, united over articles, has one element): a
# person given two countries (a move, or one article read wrong) lends none, so
# one article cannot put a country on all of someone's meetings, and a meeting
# gains at most one country per participant (a conference of many delegates
# would otherwise pair every country any of them was ever named with).
_DERIVED_SIDES = """
  MATCH (m)-[:PARTICIPANT]->(e) WHERE size(coalesce(e.sides, [])) = 1
  WITH DISTINCT m, e.sides[0] AS cid
  MATCH (c:Country {id: cid})
  WHERE NOT (m)-[:INVOLVES]->(c)
  CREATE (m)-[r:INVOLVES {via: 'participants'}]->(c)
  SET r.key = """ + hub_key('c') + """
"""

# Meetings are rebuilt whole from their reports (loaders.events.merged), so
# the node and its relationships are new: CREATE, not MERGE. THROUGH links a
# meeting to the agency a participant spoke for there (as the reporting
# article says: the affiliation at the time), so an agency's page lists the
# meetings of its people, "via" whom. PARTICIPANT,
# like the hub relationships, carries key "<entity id>|<date>": how a new
# report finds the Meetings it may belong to (Q_MEETING_CANDIDATES).
Q_MEETINGS = """
UNWIND $rows AS row
CREATE (m:Meeting {id: row.id})
SET m += row.props
WITH m, row
CALL (m, row) {
  UNWIND row.docs AS did
  MATCH (d:Document {id: did})
  CREATE (m)-[:SOURCE]->(d)
}
CALL (m, row) {
  UNWIND row.participants AS p
  MATCH (e:Entity {id: p.id})
  CREATE (m)-[r:PARTICIPANT {role: p.role}]->(e)
  SET r.key = """ + seek_key('e') + """
}
CALL (m, row) {
  UNWIND row.countries AS side
  MATCH (c:Country {id: side.id})
  CREATE (m)-[r:INVOLVES {via: side.via}]->(c)
  SET r.key = """ + hub_key('c') + """
}
CALL (m) {""" + _DERIVED_SIDES + """}
CALL (m, row) {
  UNWIND row.members AS mb
  MATCH (o:Organization {id: mb.agency})
  CREATE (m)-[r:THROUGH {person: mb.person}]->(o)
  SET r.key = """ + hub_key('o') + """
}
CALL (m, row) {
  UNWIND row.topics AS t
  MERGE (tp:Topic {id: t.id})
  ON CREATE SET tp.name = t.name
  CREATE (m)-[r:ABOUT]->(tp)
  SET r.key = """ + hub_key('tp') + """
}
CALL (m, row) {
  UNWIND row.agreements AS aid
  MATCH (a:Agreement {id: aid})
  CREATE (m)-[r:CONCERNS]->(a)
  SET r.key = """ + hub_key('a') + """
}
CALL (m, row) {
  UNWIND row.sentences AS sid
  MATCH (s:Sentence {id: sid})
  CREATE (m)-[:REPORTED_IN]->(s)
}
CALL (m, row) {
  WITH m, row WHERE row.place IS NOT NULL
  MATCH (pl:Place {id: row.place})
  CREATE (m)-[r:HELD_IN]->(pl)
  SET r.key = """ + seek_key('pl') + """
}
// The ids of its countries, on the meeting too: a timeline over thousands of
// meetings groups them by a property read instead of an expansion each. Sorted:
// relationships come back in the order the store keeps them, which differs
// between a graph written transaction by transaction and an imported one.
WITH m
SET m.country_ids = COLLECT { MATCH (m)-[:INVOLVES]->(c:Country) RETURN c.id ORDER BY c.id }
WITH m WHERE size(m.country_ids) > """ + str(MAX_PAIRED_COUNTRIES) + """
MATCH (m)-[r:INVOLVES]->(:Country)
SET r.multi = r.key
"""

# The Meetings of entities whose derived side changed (see _DERIVED_SIDES): they
# are rebuilt, so whatever order the articles came in, a meeting ends with the
# sides its participants are finally known by.
Q_MEETINGS_OF_ENTITIES = """
UNWIND $ids AS id
MATCH (:Entity {id: id})<-[:PARTICIPANT]-(m:Meeting)
WHERE m.reports IS NOT NULL
RETURN DISTINCT m.id AS id
"""

# The Meetings (with stored reports) of documents about to be replaced.
Q_MEETINGS_OF_DOCS = """
UNWIND $ids AS id
MATCH (:Document {id: id})<-[:SOURCE]-(m:Meeting)
WHERE m.reports IS NOT NULL
RETURN DISTINCT m.id AS id
"""

# The Meetings a new report may belong to: one participant's, country pair's,
# multilateral country's or conference city's meetings of some days or a month, a
# range seek on a relationship property index (see loaders.events.seek_ranges).
Q_MEETING_CANDIDATES = {
    seek: f"""
UNWIND $rows AS row
MATCH (m:Meeting)-[r:{rel}]->()
WHERE r.{prop} >= row.lo AND r.{prop} <= row.hi AND m.reports IS NOT NULL
RETURN DISTINCT m.id AS id
""" for seek, rel, prop in (("PARTICIPANT", "PARTICIPANT", "key"), ("IN_PAIR", "IN_PAIR", "seek"),
                            ("HELD_IN", "HELD_IN", "key"), ("MULTI", "INVOLVES", "multi"))}

Q_MEETING_REPORTS = """
UNWIND $ids AS id
MATCH (m:Meeting {id: id})
RETURN m.id AS id, m.reports AS reports
"""

# An analyst's decisions on pairs of reports ("same" encounter or "different"):
# applied by every later grouping of these reports, so they outlive reloads.
Q_EVENT_DECISIONS = """
UNWIND $keys AS k
CALL (k) {
  MATCH (c:MeetingCandidate {a: k}) RETURN c
  UNION
  MATCH (c:MeetingCandidate {b: k}) RETURN c
}
WITH DISTINCT c WHERE c.status IN ['same', 'different']
RETURN c.a AS a, c.b AS b, c.status AS status, c.a_doc AS a_doc, c.b_doc AS b_doc
"""

# An analyst's corrections of Meetings (date, kind, place, participants), by report
# key: applied by every later rebuild of the Meeting holding that report.
Q_CORRECTIONS = """
UNWIND $keys AS k
MATCH (c:MeetingCorrection {key: k})
RETURN c.key AS key, c.date AS date, c.kind AS kind, c.place AS place, c.place_id AS place_id,
       c.participants AS participants
"""

# Pairs that may be one encounter (loaders.events.UNCERTAIN), for an analyst to decide.
Q_PROPOSE_MEETINGS = """
UNWIND $rows AS row
MERGE (c:MeetingCandidate {id: row.id})
ON CREATE SET c.status = 'pending', c.a = row.a, c.b = row.b, c.a_doc = row.a_doc, c.b_doc = row.b_doc,
              c.score = row.score, c.proposed_at = datetime()
"""

Q_DROP_MEETINGS = """
UNWIND $ids AS id
MATCH (m:Meeting {id: id})
DETACH DELETE m
"""

# Country pairs: a meeting involving countries A and B (ids A < B) links to the
# CountryPair "A|B", itself linked to both countries. "Meetings between A and
# B", first and last contact per partner, pair timelines then read the pair's
# own meetings (by key, newest or oldest first) instead of intersecting two
# hubs with tens of thousands of meetings each. Runs after Q_MEETINGS on the
# batch's meetings (all new: a changed Meeting is rebuilt), so a meeting merged
# across articles pairs all its countries.
Q_PAIRS = """
UNWIND $ids AS id
MATCH (m:Meeting {id: id})""" + _pair_links("CREATE")

#: Characters of an entity's joined names (and blocking keys) kept for the text indexes.
MAX_INDEXED_TEXT = 8000

_COUNTERS = ("nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted")


# --------------------------------------------------------------------------- batches


@dataclass
class Pending:
    """One article on its way into the graph."""

    article: Article
    extraction: Extraction
    existing: str | None = None      # extractor version the graph holds, None when new
    rows: dict | None = None

    def __post_init__(self):
        if self.rows is None:
            self.rows = build_rows(self.article, self.extraction)

    @property
    def size(self) -> int:
        r = self.rows
        return (1 + len(r["sentences"]) + sum(len(v) for v in r["entities"].values()) + len(r["mentions"])
                + len(r["affiliations"]) + len(r["org_countries"]) + len(r["reports"]))


@dataclass
class BatchResult:
    written: list[Pending] = field(default_factory=list)
    failed: list[tuple[Pending, str]] = field(default_factory=list)
    new_entities: set[str] = field(default_factory=set)
    counters: dict = field(default_factory=lambda: dict.fromkeys(_COUNTERS, 0))
    transactions: int = 0

    def add(self, other: "BatchResult") -> None:
        self.written += other.written
        self.failed += other.failed
        self.new_entities |= other.new_entities
        self.transactions += other.transactions
        for k in _COUNTERS:
            self.counters[k] += other.counters[k]


def _combined(items: list[Pending]) -> dict:
    out = {"docs": [], "replace": [], "entities": {label: [] for label in ENTITY_LABELS},
           "affiliations": [], "org_countries": [], "reports": []}
    for p in items:
        r = p.rows
        out["docs"].append(r["doc"])
        if p.existing is not None:
            out["replace"].append(r["doc"]["id"])
        for key in ("affiliations", "org_countries", "reports"):
            out[key] += r[key]
        for label in ENTITY_LABELS:
            out["entities"][label] += r["entities"][label]
    for label in ENTITY_LABELS:
        out["entities"][label] = _united(out["entities"][label])
    return out


def _united(rows: list[dict]) -> list[dict]:
    """One row per entity id, as if its rows were applied in order.

    Hubs (countries, ministries, a minister) appear in most articles of a
    batch; writing them once saves the server rewriting the same node dozens
    of times. Properties follow the latest row that has them; lists are
    united in order (the name shown is chosen from them at write time).
    """
    by_id: dict[str, dict] = {}
    for row in rows:
        seen = by_id.get(row["id"])
        if seen is None:
            by_id[row["id"]] = {**row, "props": dict(row["props"]),
                                **{k: list(row[k]) for k in ("names", "keys", "titles", "blocks", "sides")}}
            continue
        for k, v in row["props"].items():
            if k != "name" and v is not None:
                seen["props"][k] = v
        for k in ("names", "keys", "titles", "blocks", "sides"):
            seen[k] += [x for x in row[k] if x not in seen[k]]
    return list(by_id.values())


def _batch_tx(tx: neo4j.ManagedTransaction, rows: dict) -> tuple[dict, set[str]]:
    totals = dict.fromkeys(_COUNTERS, 0)

    def run(query: str, **params):
        result = tx.run(query, **params)
        records = list(result)
        counters = result.consume().counters
        for key in _COUNTERS:
            totals[key] += getattr(counters, key)
        return records

    ids = sorted({r["id"] for label in ENTITY_LABELS for r in rows["entities"][label]})
    # Clear first: it may delete entities only the replaced versions mentioned.
    # The replaced documents' Meetings are rebuilt below, from the reports left.
    affected: set[str] = set()
    if rows["replace"]:
        affected |= {r["id"] for r in run(Q_MEETINGS_OF_DOCS, ids=rows["replace"])}
        run(Q_CLEAR, ids=rows["replace"])
    known = {r["id"]: r for r in run(Q_KNOWN, ids=ids)} if ids else {}
    changed: set[str] = set()
    resided: set[str] = set()     # entities whose derived side (one country, or none) changes
    for label in ENTITY_LABELS:
        todo = []
        for row in rows["entities"][label]:
            held = known.get(row["id"])
            row["display"] = display_name(label, row["id"], [*row["names"], *((held and held["names"]) or ())])
            if label in ("Person", "Organization") and (
                    held is None or not set(row["names"]) <= set(held["names"] or ())):
                changed.add(row["id"])
            if held is None or _gains(row, held):
                todo.append(row)
            if held is not None and (len(set(held["sides"] or ())) == 1) != (
                    len({*row["sides"], *(held["sides"] or ())}) == 1):
                resided.add(row["id"])
        if todo:
            run(Q_ENTITIES[label], rows=todo, max_text=MAX_INDEXED_TEXT)
    run(Q_DOCS, rows=rows["docs"])
    for key, query in (("affiliations", Q_AFFILIATIONS), ("org_countries", Q_ORG_COUNTRIES)):
        if rows[key]:
            run(query, rows=rows[key])
    rebuild = {r["id"] for r in run(Q_MEETINGS_OF_ENTITIES, ids=sorted(resided))} if resided else set()
    meetings = _meetings(run, rows["reports"], affected | rebuild, {d["id"] for d in rows["docs"]}, rebuild)
    if meetings:
        run(Q_PAIRS, ids=sorted(m["id"] for m in meetings))
    return totals, changed


def meeting_candidate_id(a: str, b: str) -> str:
    a, b = sorted((a, b))
    return "event:" + hashlib.sha256(f"{a}\x1f{b}".encode()).hexdigest()[:16]


def _meetings(run, reports: list[dict], affected: set[str], docs: set[str],
              rebuild: set[str] | None = None) -> list[dict]:
    """Event resolution against the graph: the batch's reports and those of every
    Meeting they may join (or whose document is replaced) are grouped again
    (loaders.events), with the analyst's decisions on them, and those Meetings
    rebuilt from the groups. The outcome depends on the reports and decisions
    alone, not on which article came first. Pairs that may be one encounter go
    to the meeting review list.

    A Meeting the regrouping gives back exactly as it was (the same reports, none
    new) is left untouched, unless it is in `rebuild` (None: rebuild them all, as
    an analyst's decision or correction needs): a new article then costs the
    Meetings it changes, not every Meeting it was compared with."""
    must = set(affected)        # Meetings rebuilt whatever the grouping says
    ranges: dict[str, list[dict]] = {seek: [] for seek in Q_MEETING_CANDIDATES}
    for row in reports:
        for r in seek_ranges(row):
            ranges[r["rel"]].append({"lo": r["lo"], "hi": r["hi"]})
    for rel, rows in ranges.items():
        if rows:
            unique = [dict(t) for t in sorted({tuple(sorted(r.items())) for r in rows})]
            affected |= {r["id"] for r in run(Q_MEETING_CANDIDATES[rel], rows=unique)}
    held: dict[str, dict] = {}
    held_keys: dict[str, frozenset] = {}    # Meeting id -> the keys of the reports it holds
    fetched: set[str] = set()
    decisions: dict = {}
    for _round in range(3):
        todo = sorted(affected - fetched)
        if todo:
            fetched |= set(todo)
            for rec in run(Q_MEETING_REPORTS, ids=todo):
                rows = [json.loads(x) for x in rec["reports"] or []]
                held_keys[rec["id"]] = frozenset(r["key"] for r in rows)
                for r in rows:
                    if r["doc"] not in docs:
                        held[r["key"]] = r
        keys = sorted({*held, *(r["key"] for r in reports)})
        missing_docs = set()
        for d in run(Q_EVENT_DECISIONS, keys=keys) if keys else []:
            decisions[frozenset((d["a"], d["b"]))] = d["status"]
            if d["status"] == "same":
                # the other report of a "same" decision may sit in a Meeting no rule found
                missing_docs |= {doc for k, doc in ((d["a"], d["a_doc"]), (d["b"], d["b_doc"]))
                                 if k not in held and doc not in docs}
        more = {r["id"] for r in run(Q_MEETINGS_OF_DOCS, ids=sorted(missing_docs))} if missing_docs else set()
        if not more - fetched:
            break
        affected |= more
    rows_by_key = {**held, **{r["key"]: r for r in reports}}
    uncertain: list = []
    if rebuild is None:
        groups = group_rows(list(rows_by_key.values()), decisions, uncertain)
    else:
        # Only the reports a new or rebuilt one may change the group of are regrouped;
        # the other Meetings fetched are left as they are.
        new = {r["key"] for r in reports}
        seeds = new | {k for mid in must for k in held_keys.get(mid, ())}
        groups = group_rows(list(rows_by_key.values()), decisions, uncertain, seeds=seeds,
                            bound=list(held_keys.values()))
        regrouped = {r["key"] for g in groups for r in g}
        fetched = must | {mid for mid, ks in held_keys.items() if ks & regrouped}
        unchanged = {mid for g in groups if (mid := meeting_id(g[0]["key"])) in held_keys
                     and mid not in rebuild and held_keys[mid] == {r["key"] for r in g}
                     and not new & held_keys[mid]}
        groups = [g for g in groups if meeting_id(g[0]["key"]) not in unchanged]
        fetched -= unchanged
    if fetched:
        run(Q_DROP_MEETINGS, ids=sorted(fetched))
    corrections: dict[str, dict] = {}
    keys = sorted(r["key"] for g in groups for r in g)
    if keys:
        for c in run(Q_CORRECTIONS, keys=keys):
            corrections[c["key"]] = {**dict(c), "participants": json.loads(c["participants"] or "{}")}
    meetings = [merged(group, [corrections[r["key"]] for r in group if r["key"] in corrections])
                for group in groups]
    if meetings:
        run(Q_MEETINGS, rows=meetings)
    if uncertain:
        run(Q_PROPOSE_MEETINGS, rows=[
            {"id": meeting_candidate_id(a, b), "a": a, "b": b, "a_doc": rows_by_key[a]["doc"],
             "b_doc": rows_by_key[b]["doc"], "score": round(s, 2)} for a, b, s in uncertain])
    return meetings


def regroup(driver: neo4j.Driver, database: str, doc_ids: list[str],
            first: list[tuple[str, dict]] = ()) -> list[str]:
    """Rebuild the Meetings of these documents from their reports, with the decisions
    and corrections the graph holds, in one transaction that runs `first` ((query,
    parameters) pairs: the analyst's decisions) before. Returns the rebuilt Meetings' ids."""
    def work(tx):
        def run(query, **params):
            return list(tx.run(query, **params))

        for query, params in first:
            run(query, **params)
        affected = {r["id"] for r in run(Q_MEETINGS_OF_DOCS, ids=doc_ids)}
        # their reports are looked up again too: one kept apart may now join another Meeting
        reports = [json.loads(x) for rec in run(Q_MEETING_REPORTS, ids=sorted(affected))
                   for x in rec["reports"] or []]
        meetings = _meetings(run, reports, affected, set())
        if meetings:
            run(Q_PAIRS, ids=sorted(m["id"] for m in meetings))
        return [m["id"] for m in meetings]

    with driver.session(database=database) as session:
        return session.execute_write(work)


def _gains(row: dict, held) -> bool:
    """Whether writing this entity row would change the node the graph holds."""
    for key in ("names", "keys", "titles", "blocks", "sides"):
        if not set(row[key]) <= set(held[key] or ()):
            return True
    return held["name"] != row["display"] or any(
        v is not None and held[k] != v for k, v in row["props"].items() if k != "name")


def write_batch(driver: neo4j.Driver, database: str, items: list[Pending]) -> BatchResult:
    """Write many articles in one transaction; on failure, retry them one by one.

    The result says which articles landed, which failed (with the server's
    reason) and which people and organisations are new to the graph or
    gained a name (`new_entities`: review compares them with the graph).
    """
    result = BatchResult()
    if not items:
        return result
    try:
        with driver.session(database=database) as session:
            totals, new = session.execute_write(_batch_tx, _combined(items))
    except neo4j.exceptions.Neo4jError as exc:
        if len(items) == 1:
            p = items[0]
            result.failed.append((p, f"{p.article.path or p.article.name}: write failed and was rolled back "
                                     f"({exc.code}: {exc.message})"))
            result.transactions += 1
            return result
        for p in items:
            result.add(write_batch(driver, database, [p]))
        return result
    result.written = list(items)
    result.new_entities = new
    result.transactions = 1
    for k in _COUNTERS:
        result.counters[k] += totals[k]
    return result


def document_states(driver: neo4j.Driver, database: str, doc_ids: list[str]) -> dict[str, str]:
    """The extractor version each of these documents was written with (absent ones are left out)."""
    if not doc_ids:
        return {}
    records, _, _ = driver.execute_query(Q_STATES, ids=list(doc_ids), database_=database,
                                         routing_=neo4j.RoutingControl.READ)
    return {r["id"]: r["extractor"] for r in records}


def document_state(driver: neo4j.Driver, database: str, doc_id: str) -> str | None:
    return document_states(driver, database, [doc_id]).get(doc_id)


@dataclass
class WriteResult:
    status: str                      # "written", "replaced", "unchanged"
    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    new_entities: set = field(default_factory=set)


def write_extraction(driver: neo4j.Driver, database: str, article: Article, ex: Extraction,
                     existing: str | None = None) -> WriteResult:
    """Write one article atomically, replacing what an earlier version of it wrote.

    `existing` is the extractor version the graph holds for this document
    (from document_state), None when it is new.
    """
    result = write_batch(driver, database, [Pending(article, ex, existing)])
    if result.failed:
        raise WriteError(result.failed[0][1])
    return WriteResult(status="replaced" if existing else "written", new_entities=result.new_entities,
                       **result.counters)
