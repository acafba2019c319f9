"""Cypher used by the explorer pages (re-exported as explorer.queries). Every value is a $parameter; no labels vary.

Every query is bounded: it returns at most $limit rows (or one row), starts
from an index (id constraints, range indexes on names and Meeting.date, the
`entity_names` full-text index, or element ids the page already holds), and
runs under the explorer's server-side timeout (explorer/data.py).
tests/test_query_plans.py plans each one with EXPLAIN and fails on a label scan.
"""

from __future__ import annotations

#: Entity types an analyst can search and filter by (fixed allow-list).
ENTITY_TYPES = ("Person", "Organization", "Country", "Place", "Agreement")
#: Every node type the graph view can show.
NODE_TYPES = (*ENTITY_TYPES, "Meeting", "Topic", "Document", "Sentence")
#: Relationship types an expansion can follow (the graph model of loaders/write.py).
REL_TYPES = ("PARTICIPANT", "INVOLVES", "HELD_IN", "ABOUT", "CONCERNS", "AFFILIATED_WITH", "IN_COUNTRY",
             "THROUGH", "SOURCE", "REPORTED_IN", "MENTIONED_IN", "PART_OF")

SEARCH_FULLTEXT = """
CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node, score
RETURN elementId(node) AS eid, node.id AS id, node.name AS name,
       [l IN labels(node) WHERE l IN $types][0] AS type, node.names AS names, score
ORDER BY score DESC
LIMIT $limit
"""

# Fallback when the full-text query finds nothing (text Lucene does not split into the
# words typed, e.g. part of a Hangul or Han run): a substring of any name, on the
# entity_search_text text index.
SEARCH_CONTAINS = """
MATCH (node:Entity)
WHERE node.search_text CONTAINS $text
WITH node LIMIT $limit
RETURN elementId(node) AS eid, node.id AS id, node.name AS name,
       [l IN labels(node) WHERE l IN $types][0] AS type, node.names AS names, 1.0 AS score
ORDER BY size(node.name)
"""

# One id-constraint seek per label (there is no index on :Entity(id)).
_BY_IDS = """
CALL () {
  MATCH (n:Person) WHERE n.id IN $ids RETURN n
  UNION MATCH (n:Organization) WHERE n.id IN $ids RETURN n
  UNION MATCH (n:Country) WHERE n.id IN $ids RETURN n
  UNION MATCH (n:Place) WHERE n.id IN $ids RETURN n
  UNION MATCH (n:Agreement) WHERE n.id IN $ids RETURN n
  UNION MATCH (n:Meeting) WHERE n.id IN $ids RETURN n
  UNION MATCH (n:Topic) WHERE n.id IN $ids RETURN n
  UNION MATCH (n:Document) WHERE n.id IN $ids RETURN n
}
"""

ELEMENT_OF_ID = _BY_IDS.replace("$ids", "[$id]") + """
RETURN elementId(n) AS eid, coalesce(n.name, n.title, n.id) AS name LIMIT 1
"""

ELEMENTS_OF_IDS = _BY_IDS + """
RETURN n.id AS id, elementId(n) AS eid
LIMIT $limit
"""

IDS_OF_ELEMENTS = """
MATCH (n) WHERE elementId(n) IN $eids AND n.id IS NOT NULL
RETURN elementId(n) AS eid, n.id AS id
LIMIT $limit
"""

NEIGHBOURS = """
MATCH (n) WHERE elementId(n) IN $ids
MATCH (n)-[r]-(m)
WHERE ($sources OR NOT (m:Sentence OR m:Document)) AND NOT m:CountryPair AND (size($rel_types) = 0 OR type(r) IN $rel_types)
WITH DISTINCT m
RETURN elementId(m) AS id
LIMIT $limit
"""

NEIGHBOUR_COUNT = """
MATCH (n) WHERE elementId(n) IN $ids
MATCH (n)-[r]-(m)
WHERE ($sources OR NOT (m:Sentence OR m:Document)) AND NOT m:CountryPair AND (size($rel_types) = 0 OR type(r) IN $rel_types)
RETURN count(DISTINCT m) AS n
"""

NODES = """
MATCH (n) WHERE elementId(n) IN $ids
RETURN elementId(n) AS id, labels(n) AS labels,
       n {.*, text: CASE WHEN n:Sentence THEN n.text END, search_text: null, keys: null} AS props,
       CASE WHEN n:Meeting THEN [(n)-[:INVOLVES]->(c:Country) | c.name] ELSE [] END AS countries,
       CASE WHEN n:Meeting THEN [(n)-[:ABOUT]->(t:Topic) | t.name] ELSE [] END AS topics,
       CASE WHEN n:Meeting THEN COUNT { (n)-[:SOURCE]->(:Document) } ELSE null END AS sources
LIMIT $limit
"""

RELS_AMONG = """
MATCH (a)-[r]->(b)
WHERE elementId(a) IN $ids AND elementId(b) IN $ids
RETURN elementId(a) AS source, elementId(b) AS target, type(r) AS type, r.role AS role
LIMIT $limit
"""

# Pickers: the first $limit names in index order (a range index on each name). The
# saved-query form accepts any typed value, so a capped list only shortens the menu.
PICKER_LIMIT = 1000
COUNTRIES = """
MATCH (c:Country) WHERE c.name IS NOT NULL
RETURN c.name AS name, c.id AS id, c.iso3 AS iso3 ORDER BY c.name LIMIT $limit
"""
TOPICS = "MATCH (t:Topic) WHERE t.name IS NOT NULL RETURN t.name AS name ORDER BY t.name LIMIT $limit"
PERSONS = "MATCH (p:Person) WHERE p.name IS NOT NULL RETURN p.name AS name ORDER BY p.name LIMIT $limit"
PLACES = "MATCH (p:Place) WHERE p.name IS NOT NULL RETURN p.name AS name ORDER BY p.name LIMIT $limit"
ENTITY_NAMES = "MATCH (e:Entity) WHERE e.name IS NOT NULL RETURN e.name AS name ORDER BY e.name LIMIT $limit"
STATUSES = """
MATCH (a:Agreement) WHERE a.status IS NOT NULL
RETURN DISTINCT a.status AS name ORDER BY name LIMIT $limit
"""

# Newest dated meetings first, in Meeting.date index order.
MEETINGS_LIST = """
MATCH (m:Meeting) WHERE m.date IS NOT NULL
WITH m ORDER BY m.date DESC LIMIT $limit
RETURN elementId(m) AS eid, m.id AS id, m.date AS date, coalesce(m.title, m.kind) AS title
ORDER BY date DESC, title
"""

# A pair's meetings come from its CountryPair (loaders/write.py, Q_PAIRS), newest
# first on the in_pair_key index: the cost is $limit, not the two hubs' degrees.
_PAIR_PREFIX = "CASE WHEN $a < $b THEN $a + '|' + $b ELSE $b + '|' + $a END + '|'"

PAIR = """
MATCH (a:Country {id: $a}), (b:Country {id: $b})
CALL () {
  OPTIONAL MATCH (m)-[r:IN_PAIR]->() WHERE r.key STARTS WITH """ + _PAIR_PREFIX + """
  WITH m, r ORDER BY r.key DESC LIMIT $limit
  RETURN collect(elementId(m)) AS meetings
}
RETURN elementId(a) AS a, elementId(b) AS b, meetings
LIMIT 1
"""

PAIR_CONTACTS = """
MATCH (m)-[r:IN_PAIR]->() WHERE r.key STARTS WITH """ + _PAIR_PREFIX + """
WITH m, r ORDER BY r.key LIMIT $limit
CALL (m) {
  OPTIONAL MATCH (m)-[p:PARTICIPANT]->(x)
  RETURN collect(DISTINCT x.name + ' (' + coalesce(p.role, 'participant') + ')') AS participants
}
RETURN m.date AS date, m.kind AS kind, m.place AS place, participants,
       m.topics AS topics, m.outcomes AS outcomes, COUNT { (m)-[:SOURCE]->(:Document) } AS sources,
       elementId(m) AS eid
ORDER BY r.key
"""

ENTITY_DETAILS = """
MATCH (e) WHERE elementId(e) = $eid
RETURN e.id AS id, e.name AS name, [l IN labels(e) WHERE l IN $types][0] AS type,
       coalesce(e.names, []) AS names, coalesce(e.titles, []) AS titles, e.iso3 AS iso3,
       e.status AS status, e.country AS country,
       [(e)-[r:AFFILIATED_WITH]->(t) | {title: r.title, of: t.name, as_of: r.as_of, doc: r.doc}] AS affiliations,
       [(p:Person)-[r:AFFILIATED_WITH]->(e) | {person: p.name, title: r.title, as_of: r.as_of}] AS members,
       [(e)-[:IN_COUNTRY]->(c) | c.name] AS in_country,
       COUNT { (e)-[:MENTIONED_IN]->() } AS mentions
"""

# An agency's meetings include those of its people (THROUGH: the agency a
# participant spoke for, as the reporting article says), marked "via <name>";
# a country's include those it is a side of through its people (INVOLVES via
# participants).
ENTITY_MEETINGS = """
MATCH (e) WHERE elementId(e) = $eid
MATCH (m:Meeting)-[r]->(e) WHERE type(r) IN ['PARTICIPANT', 'INVOLVES', 'HELD_IN', 'CONCERNS', 'THROUGH']
WITH e, m, CASE type(r)
  WHEN 'THROUGH' THEN 'via ' + coalesce(head([(m)-[:PARTICIPANT]->(p:Person) WHERE p.id = r.person | p.name]), r.person)
  WHEN 'INVOLVES' THEN CASE WHEN r.via = 'participants' THEN 'side, via its people' ELSE 'involves' END
  ELSE coalesce(r.role, toLower(type(r))) END AS role
OPTIONAL MATCH (m)-[:PARTICIPANT]->(x) WHERE x <> e
RETURN m.date AS date, m.kind AS kind, role, m.place AS place,
       collect(DISTINCT x.name) AS with, m.topics AS topics, coalesce(m.sources, 1) AS sources, elementId(m) AS eid
ORDER BY date
LIMIT $limit
"""

MEETING_DETAILS = """
MATCH (m:Meeting) WHERE elementId(m) = $eid
RETURN m.id AS id, m.title AS title, m.kind AS kind, m.date AS date, m.end_date AS end_date,
       m.date_precision AS precision, m.place AS place, coalesce(m.outcomes, []) AS outcomes,
       m.date_note AS date_note, coalesce(m.sources, 1) AS sources, coalesce(m.languages, []) AS languages,
       coalesce(m.corrected, []) AS corrected, m.reports IS NOT NULL AS has_reports,
       [(m)-[:SOURCE]->(d) | d.name] AS docs,
       [(m)-[t:THROUGH]->(o) | {agency: o.name, person: head([(m)-[:PARTICIPANT]->(p) WHERE p.id = t.person | p.name])}] AS through,
       [(m)-[p:PARTICIPANT]->(x) | {name: x.name, role: coalesce(p.role, 'participant'),
          type: [l IN labels(x) WHERE l IN $types][0], id: x.id}] AS participants,
       [(m)-[:INVOLVES]->(c) | c.name] AS countries,
       [(m)-[:HELD_IN]->(pl) | pl.name] AS places,
       [(m)-[:ABOUT]->(t) | t.name] AS topics,
       [(m)-[:CONCERNS]->(a) | a.name + coalesce(' (' + a.status + ')', '')] AS agreements
"""

MEETING_SOURCES = """
MATCH (m:Meeting) WHERE elementId(m) = $eid
MATCH (m)-[:REPORTED_IN]->(s:Sentence)-[:PART_OF]->(d:Document)
RETURN d.id AS doc_id, d.name AS document, d.title AS title, d.url AS url, d.language AS language,
       d.published AS published, s.index AS sentence, s.text AS text
ORDER BY document, sentence
LIMIT $limit
"""

# Partners from the country's CountryPairs: meetings are a pair's degree, first and
# last its dated keys' two ends (in_pair_key index), not a walk over the hub's meetings.
COUNTRY_PARTNERS = """
MATCH (c) WHERE elementId(c) = $eid
MATCH (c)<-[:PAIR_OF]-(pair:CountryPair)-[:PAIR_OF]->(p:Country) WHERE p <> c
WITH p, pair, COUNT { (pair)<-[:IN_PAIR]-() } AS meetings
ORDER BY meetings DESC LIMIT $limit
CALL (pair) {
  OPTIONAL MATCH ()-[r:IN_PAIR]->() WHERE r.key > pair.id + '|0' AND r.key < pair.id + '|~'
  WITH r ORDER BY r.key LIMIT 1
  RETURN split(r.key, '|')[2] AS first
}
CALL (pair) {
  OPTIONAL MATCH ()-[r:IN_PAIR]->() WHERE r.key > pair.id + '|0' AND r.key < pair.id + '|~'
  WITH r ORDER BY r.key DESC LIMIT 1
  RETURN split(r.key, '|')[2] AS last
}
RETURN p.name AS partner, p.id AS partner_id, meetings, first, last
ORDER BY meetings DESC
"""

NODE_PROPS = """
MATCH (n) WHERE elementId(n) = $eid
RETURN labels(n) AS labels, n {.*, search_text: null, keys: null} AS props
"""

# Timeline: the newest $meetings dated meetings (all, or those involving the focus country),
# counted per period ($width characters of the date: 4 = year, 7 = month) and group
# (partner country or topic), on the server. A date less precise than the period shows
# as YYYY-??; a meeting with no partner or topic counts under '(none)'. `total` is the
# number of meetings read (equal to $meetings when the window cut the history).
_TIMELINE_BODY = """
WITH collect(m) AS window
UNWIND window AS m
WITH size(window) AS total, m,
     CASE WHEN size(m.date) >= $width THEN left(m.date, $width)
          WHEN $width = 4 THEN left(m.date, 4) ELSE left(m.date, 4) + '-??' END AS period,
     CASE $by WHEN 'topic' THEN [(m)-[:ABOUT]->(t:Topic) | t.id]
              ELSE [x IN m.country_ids WHERE $focus = '' OR x <> $focus] END AS groups
UNWIND CASE WHEN size(groups) = 0 THEN [''] ELSE groups END AS grp
WITH period, grp, count(DISTINCT m) AS meetings, total
// Names last, once per group: countries by the ids each meeting keeps (country_ids).
CALL (grp) {
  OPTIONAL MATCH (c:Country {id: grp})
  OPTIONAL MATCH (t:Topic {id: grp})
  RETURN CASE WHEN grp = '' THEN '(none)' ELSE coalesce(c.name, t.name, grp) END AS group
}
RETURN period, group, meetings, total
ORDER BY period, group
LIMIT $limit
"""
TIMELINE = """
MATCH (m:Meeting) WHERE m.date IS NOT NULL
WITH m ORDER BY m.date DESC LIMIT $meetings
""" + _TIMELINE_BODY
# The country's newest meetings on the involves_key index (key = country|date).
TIMELINE_OF_COUNTRY = """
MATCH (m)-[r:INVOLVES]->() WHERE r.key > $focus + '|0' AND r.key < $focus + '|~'
WITH m, r ORDER BY r.key DESC LIMIT $meetings
""" + _TIMELINE_BODY

# One page of documents in Document.name index order.
DOCUMENTS = """
MATCH (d:Document) WHERE d.name IS NOT NULL
WITH d ORDER BY d.name SKIP $skip LIMIT $limit
RETURN d.id AS id, d.name AS name, d.title AS title, d.language AS language, d.published AS published
"""

# Overview counts, each a bare label count answered from the count store (one row, a column per label).
COUNTED = ("Meeting", "Person", "Organization", "Country", "Place", "Agreement", "Topic", "Document")
COUNTS = "RETURN " + ", ".join(f"COUNT {{ MATCH (n:{label}) }} AS {label}" for label in COUNTED)
PENDING_REVIEW = "MATCH (r:ReviewCandidate {status: 'pending'}) RETURN count(r) AS n"

# Home page: one page of documents with what was extracted from each.
DOCUMENTS_OVERVIEW = """
MATCH (d:Document) WHERE d.name IS NOT NULL
WITH d ORDER BY d.name SKIP $skip LIMIT $limit
RETURN d.name AS name, d.title AS title, d.language AS language, d.published AS published,
       COUNT { (d)<-[:SOURCE]-(:Meeting) } AS meetings,
       COUNT { MATCH (d)<-[:PART_OF]-(:Sentence)<-[:MENTIONED_IN]-(e:Entity) RETURN DISTINCT e } AS entities,
       d.url AS url
"""

# Home page picture: relationships from the newest dated meetings.
OVERVIEW_GRAPH = """
MATCH (m:Meeting) WHERE m.date IS NOT NULL
WITH m ORDER BY m.date DESC LIMIT $limit
MATCH (m)-[r]->(x)
WHERE type(r) IN $types
RETURN m, r, x
LIMIT $limit
"""

DOCUMENT = """
MATCH (d:Document {id: $id})
RETURN d.id AS id, d.name AS name, d.title AS title, d.url AS url, d.language AS language,
       d.published AS published, d.text AS text
"""

DOCUMENT_MENTIONS = """
MATCH (d:Document {id: $id})<-[:PART_OF]-(s:Sentence)<-[r:MENTIONED_IN]-(e:Entity)
RETURN r.start AS start, r.end AS end, r.text AS text, e.id AS entity, e.name AS name,
       [l IN labels(e) WHERE l IN $types][0] AS type
ORDER BY start
LIMIT $limit
"""

DOCUMENT_MEETINGS = """
MATCH (d:Document {id: $id})<-[:SOURCE]-(m:Meeting)
RETURN m.date AS date, m.kind AS kind, m.place AS place, m.title AS title, m.id AS id
ORDER BY date
LIMIT $limit
"""

# Pending candidates first, highest score first; then the decided ones. Each
# status is a prefix seek on the rank key (loaders.review.review_rank), read
# in index order and stopped at the LIMIT.
REVIEW = """
CALL () {
  MATCH (rc:ReviewCandidate) WHERE rc.rank STARTS WITH 'pending|'
  WITH rc ORDER BY rc.rank LIMIT $limit
  RETURN rc, 0 AS rank
  UNION ALL
  MATCH (rc:ReviewCandidate) WHERE rc.rank STARTS WITH 'accepted|'
  WITH rc ORDER BY rc.rank LIMIT $limit
  RETURN rc, 1 AS rank
  UNION ALL
  MATCH (rc:ReviewCandidate) WHERE rc.rank STARTS WITH 'rejected|'
  WITH rc ORDER BY rc.rank LIMIT $limit
  RETURN rc, 1 AS rank
}
WITH rc, rank ORDER BY rank, rc.score DESC LIMIT $limit
OPTIONAL MATCH (rc)-[:CANDIDATE]->(e:Entity)
WITH rc, rank, collect(e {.id, .name, .names, type: [l IN labels(e) WHERE l IN $types][0]}) AS entities
RETURN rc.id AS id, rc.a AS a, rc.b AS b, rc.a_name AS a_name, rc.b_name AS b_name, rc.score AS score,
       rc.reason AS reason, coalesce(rc.status, 'pending') AS status, toString(rc.decided_at) AS decided_at, entities
ORDER BY rank, score DESC
"""

# The documents that mention an entity (one id-constraint seek per label).
DOCUMENTS_OF_ENTITY = _BY_IDS.replace("$ids", "[$id]") + """
WITH n AS e
MATCH (e)-[:MENTIONED_IN]->(:Sentence)-[:PART_OF]->(d:Document)
WITH DISTINCT d ORDER BY d.name LIMIT $limit
RETURN d.id AS id, d.name AS name, d.title AS title, d.language AS language, d.published AS published
"""
