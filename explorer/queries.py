"""Cypher used by the explorer pages. Every value is a $parameter; no labels vary."""

from __future__ import annotations

#: Entity types an analyst can search and filter by (fixed allow-list).
ENTITY_TYPES = ("Person", "Organization", "Country", "Place", "Agreement")
#: Every node type the graph view can show.
NODE_TYPES = (*ENTITY_TYPES, "Meeting", "Topic", "Document", "Sentence")
#: Relationship types an expansion can follow (the graph model of loaders/write.py).
REL_TYPES = ("PARTICIPANT", "INVOLVES", "HELD_IN", "ABOUT", "CONCERNS", "AFFILIATED_WITH", "IN_COUNTRY",
             "SOURCE", "REPORTED_IN", "MENTIONED_IN", "PART_OF")

SEARCH_FULLTEXT = """
CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node, score
RETURN elementId(node) AS eid, node.id AS id, node.name AS name,
       [l IN labels(node) WHERE l IN $types][0] AS type, node.names AS names, score
ORDER BY score DESC
LIMIT $limit
"""

# Fallback when the full-text query finds nothing: folded keys contain the folded text.
SEARCH_KEYS = """
MATCH (node:Entity)
WHERE any(k IN node.keys WHERE k CONTAINS $folded)
RETURN elementId(node) AS eid, node.id AS id, node.name AS name,
       [l IN labels(node) WHERE l IN $types][0] AS type, node.names AS names, 1.0 AS score
ORDER BY size(node.name)
LIMIT $limit
"""

ELEMENT_OF_ID = """
MATCH (n) WHERE (n:Entity OR n:Meeting OR n:Topic OR n:Document) AND n.id = $id
RETURN elementId(n) AS eid, coalesce(n.name, n.title, n.id) AS name LIMIT 1
"""

ELEMENTS_OF_IDS = """
MATCH (n) WHERE (n:Entity OR n:Meeting OR n:Topic OR n:Document) AND n.id IN $ids
RETURN n.id AS id, elementId(n) AS eid
"""

IDS_OF_ELEMENTS = """
MATCH (n) WHERE elementId(n) IN $eids AND n.id IS NOT NULL
RETURN elementId(n) AS eid, n.id AS id
"""

NEIGHBOURS = """
MATCH (n) WHERE elementId(n) IN $ids
MATCH (n)-[r]-(m)
WHERE ($sources OR NOT (m:Sentence OR m:Document)) AND (size($rel_types) = 0 OR type(r) IN $rel_types)
WITH DISTINCT m
RETURN elementId(m) AS id
LIMIT $limit
"""

NEIGHBOUR_COUNT = """
MATCH (n) WHERE elementId(n) IN $ids
MATCH (n)-[r]-(m)
WHERE ($sources OR NOT (m:Sentence OR m:Document)) AND (size($rel_types) = 0 OR type(r) IN $rel_types)
RETURN count(DISTINCT m) AS n
"""

NODES = """
MATCH (n) WHERE elementId(n) IN $ids
RETURN elementId(n) AS id, labels(n) AS labels,
       n {.*, text: CASE WHEN n:Sentence THEN n.text END, search_text: null, keys: null} AS props,
       CASE WHEN n:Meeting THEN [(n)-[:INVOLVES]->(c:Country) | c.name] ELSE [] END AS countries,
       CASE WHEN n:Meeting THEN [(n)-[:ABOUT]->(t:Topic) | t.name] ELSE [] END AS topics,
       CASE WHEN n:Meeting THEN COUNT { (n)-[:SOURCE]->(:Document) } ELSE null END AS sources
"""

RELS_AMONG = """
MATCH (a)-[r]->(b)
WHERE elementId(a) IN $ids AND elementId(b) IN $ids
RETURN elementId(a) AS source, elementId(b) AS target, type(r) AS type, r.role AS role
"""

COUNTRIES = "MATCH (c:Country) RETURN c.name AS name, c.id AS id, c.iso3 AS iso3 ORDER BY name"
TOPICS = "MATCH (t:Topic) RETURN t.name AS name ORDER BY name"
PERSONS = "MATCH (p:Person) RETURN p.name AS name ORDER BY name"
PLACES = "MATCH (p:Place) RETURN p.name AS name ORDER BY name"
ENTITY_NAMES = "MATCH (e:Entity) RETURN e.name AS name ORDER BY name"
STATUSES = "MATCH (a:Agreement) WHERE a.status IS NOT NULL RETURN DISTINCT a.status AS name ORDER BY name"

MEETINGS_LIST = """
MATCH (m:Meeting)
RETURN elementId(m) AS eid, m.id AS id, m.date AS date, coalesce(m.title, m.kind) AS title
ORDER BY date DESC, title
LIMIT $limit
"""

PAIR = """
MATCH (a:Country {id: $a}), (b:Country {id: $b})
OPTIONAL MATCH (a)<-[:INVOLVES]-(m:Meeting)-[:INVOLVES]->(b)
RETURN elementId(a) AS a, elementId(b) AS b, collect(elementId(m)) AS meetings
"""

PAIR_CONTACTS = """
MATCH (a:Country {id: $a})<-[:INVOLVES]-(m:Meeting)-[:INVOLVES]->(b:Country {id: $b})
OPTIONAL MATCH (m)-[p:PARTICIPANT]->(x)
OPTIONAL MATCH (m)-[:SOURCE]->(d:Document)
RETURN m.date AS date, m.kind AS kind, m.place AS place,
       collect(DISTINCT x.name + ' (' + coalesce(p.role, 'participant') + ')') AS participants,
       m.topics AS topics, m.outcomes AS outcomes, count(DISTINCT d) AS sources,
       elementId(m) AS eid
ORDER BY date
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

ENTITY_MEETINGS = """
MATCH (e) WHERE elementId(e) = $eid
MATCH (m:Meeting)-[r]->(e) WHERE type(r) IN ['PARTICIPANT', 'INVOLVES', 'HELD_IN', 'CONCERNS']
OPTIONAL MATCH (m)-[:PARTICIPANT]->(x) WHERE x <> e
RETURN m.date AS date, m.kind AS kind, coalesce(r.role, toLower(type(r))) AS role, m.place AS place,
       collect(DISTINCT x.name) AS with, m.topics AS topics, elementId(m) AS eid
ORDER BY date
"""

MEETING_DETAILS = """
MATCH (m:Meeting) WHERE elementId(m) = $eid
RETURN m.id AS id, m.title AS title, m.kind AS kind, m.date AS date, m.end_date AS end_date,
       m.date_precision AS precision, m.place AS place, coalesce(m.outcomes, []) AS outcomes,
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
"""

COUNTRY_PARTNERS = """
MATCH (c) WHERE elementId(c) = $eid
MATCH (c)<-[:INVOLVES]-(m:Meeting)-[:INVOLVES]->(p:Country) WHERE p <> c
RETURN p.name AS partner, p.id AS partner_id, count(DISTINCT m) AS meetings,
       min(m.date) AS first, max(m.date) AS last
ORDER BY meetings DESC
"""

NODE_PROPS = """
MATCH (n) WHERE elementId(n) = $eid
RETURN labels(n) AS labels, n {.*, search_text: null, keys: null} AS props
"""

TIMELINE = """
MATCH (m:Meeting)
WHERE m.date IS NOT NULL
  AND ($focus = '' OR EXISTS { (m)-[:INVOLVES]->(f:Country {id: $focus}) })
OPTIONAL MATCH (m)-[:INVOLVES]->(c:Country) WHERE $focus = '' OR c.id <> $focus
OPTIONAL MATCH (m)-[:ABOUT]->(t:Topic)
RETURN m.id AS meeting, m.date AS date, m.kind AS kind,
       collect(DISTINCT c.name) AS countries, collect(DISTINCT t.name) AS topics
"""

DOCUMENTS = """
MATCH (d:Document)
RETURN d.id AS id, d.name AS name, d.title AS title, d.language AS language, d.published AS published
ORDER BY name
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
"""

DOCUMENT_MEETINGS = """
MATCH (d:Document {id: $id})<-[:SOURCE]-(m:Meeting)
RETURN m.date AS date, m.kind AS kind, m.place AS place, m.title AS title, m.id AS id
ORDER BY date
"""

REVIEW = """
MATCH (rc:ReviewCandidate)
OPTIONAL MATCH (rc)-[:CANDIDATE]->(e:Entity)
WITH rc, collect(e {.id, .name, .names, type: [l IN labels(e) WHERE l IN $types][0]}) AS entities
RETURN rc.id AS id, rc.a AS a, rc.b AS b, rc.a_name AS a_name, rc.b_name AS b_name, rc.score AS score,
       rc.reason AS reason, coalesce(rc.status, 'pending') AS status, toString(rc.decided_at) AS decided_at, entities
ORDER BY CASE coalesce(rc.status, 'pending') WHEN 'pending' THEN 0 ELSE 1 END, score DESC
"""



DOCUMENTS_OF_ENTITY = """
MATCH (e:Entity {id: $id})-[:MENTIONED_IN]->(:Sentence)-[:PART_OF]->(d:Document)
RETURN DISTINCT d.id AS id
"""
