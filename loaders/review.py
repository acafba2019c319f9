"""The review list: uncertain entity matches an analyst accepts or rejects.

Resolution merges what it is sure of (loaders.resolve). What it is not sure
of (a garbled transliteration, a surname alone in another article) becomes a
ReviewCandidate node between the two entities. Decisions are kept (candidate
ids are a hash of the two entity ids, and decided candidates are never
pruned): a rejected pair is never proposed again; an accepted pair is merged
into one node by one Cypher transaction, and becomes an alias that every
later write applies (`accepted_aliases`).

Review is incremental: after each written batch, only the batch's people and
organisations are compared: pairs within one article with each other, and
entities new to the graph with those that share a blocking key
(loaders.resolve.review_blocks), found through the `entity_blocks` full-text
index, rarest keys first. Its cost follows the size of the load, not of the
graph.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from itertools import combinations

import neo4j

from .errors import LiaisonError
from .model import Entity
from .resolve import display_name
from .write import MAX_INDEXED_TEXT, hub_key, review_rank, seek_key

#: How many block mates a new entity is compared with (best full-text scores:
#: the rarest shared keys).
BLOCK_LIMIT = 30
THRESHOLD = 0.6

Q_DETAILS = """
UNWIND $ids AS id
MATCH (e:Entity {id: id}) WHERE e:Person OR e:Organization
// a node with no name (written by another tool) has nothing to compare
WITH e, [x IN CASE WHEN size(coalesce(e.names, [])) > 0 THEN e.names ELSE [e.name] END WHERE x IS NOT NULL] AS names
WHERE size(names) > 0
RETURN e.id AS id, CASE WHEN e:Person THEN 'Person' ELSE 'Organization' END AS type,
       coalesce(e.name, names[0]) AS name, names, e.titles AS titles,
       e.country AS country, e.block_text AS blocks
"""

Q_BLOCK_MATES = """
UNWIND $rows AS row
CALL db.index.fulltext.queryNodes('entity_blocks', row.q, {limit: $limit}) YIELD node, score
WITH row, node WHERE node.id <> row.id
RETURN row.id AS id, collect(node.id) AS mates
"""

Q_PROPOSE = """
UNWIND $rows AS row
MATCH (a:Entity {id: row.a})
MATCH (b:Entity {id: row.b})
MERGE (r:ReviewCandidate {id: row.id})
ON CREATE SET r.status = 'pending', r.a = row.a, r.b = row.b, r.a_name = row.a_name,
              r.b_name = row.b_name, r.type = row.type, r.score = row.score, r.reason = row.reason,
              r.rank = """ + review_rank("'pending'", "row.score", "row.id") + """
MERGE (r)-[:CANDIDATE]->(a)
MERGE (r)-[:CANDIDATE]->(b)
"""

# Reloading a document deletes entities nothing else mentions and re-creates
# them, which drops their CANDIDATE links: put back the links of decided
# candidates of these entities, and drop pending ones that lost an entity.
Q_RELINK = """
UNWIND $ids AS id
CALL (id) {
  MATCH (r:ReviewCandidate {a: id}) RETURN r
  UNION
  MATCH (r:ReviewCandidate {b: id}) RETURN r
}
WITH DISTINCT r
MATCH (e:Entity) WHERE e.id IN [r.a, r.b]
MERGE (r)-[:CANDIDATE]->(e)
"""

Q_PRUNE = """
MATCH (r:ReviewCandidate {status: 'pending'})
WHERE COUNT { (r)-[:CANDIDATE]->() } < 2
DETACH DELETE r
"""

Q_ACCEPTED = """
MATCH (r:ReviewCandidate {status: 'accepted'})
RETURN r.a AS a, r.b AS b ORDER BY r.decided_at, r.id
"""

Q_LIST = """
CALL () {
  WITH * WHERE $status IS NOT NULL
  MATCH (r:ReviewCandidate) WHERE r.rank STARTS WITH $status + '|'
  RETURN r ORDER BY r.rank LIMIT $limit
  UNION
  WITH * WHERE $status IS NULL
  MATCH (r:ReviewCandidate) WHERE r.score IS NOT NULL
  RETURN r ORDER BY r.score DESC LIMIT $limit
}
RETURN r.id AS id, r.status AS status, r.type AS type, r.a_name AS a_name, r.b_name AS b_name,
       r.score AS score, r.reason AS reason, r.a AS a, r.b AS b
ORDER BY r.score DESC, r.id
LIMIT $limit
"""

Q_GET = """
MATCH (r:ReviewCandidate {id: $id})
RETURN r.id AS id, r.status AS status, r.a AS a, r.b AS b
"""

Q_DECIDE = """
MATCH (r:ReviewCandidate {id: $id})
SET r.status = $status, r.decided_at = datetime()
SET r.rank = """ + review_rank("r.status", "r.score", "r.id") + """
"""

# Merge `gone` into `keep` in place: every relationship of the model moves
# (MERGE, so one the kept node already has is not doubled), names, keys,
# titles and blocking keys are united, and the merged node is deleted.
Q_MERGE = """
MATCH (g:Entity {id: $gone})
MATCH (k:Entity {id: $keep})
CALL (g, k) {
  MATCH (g)-[r:MENTIONED_IN]->(s)
  MERGE (k)-[n:MENTIONED_IN {start: r.start}]->(s)
  SET n.end = r.end, n.text = r.text
  DELETE r
}
CALL (g, k) {
  MATCH (g)-[r:AFFILIATED_WITH]->(t) WHERE t <> k
  MERGE (k)-[n:AFFILIATED_WITH {doc: r.doc}]->(t)
  SET n.title = r.title, n.as_of = r.as_of
  DELETE r
}
CALL (g, k) {
  MATCH (p)-[r:AFFILIATED_WITH]->(g) WHERE p <> k
  MERGE (p)-[n:AFFILIATED_WITH {doc: r.doc}]->(k)
  SET n.title = r.title, n.as_of = r.as_of
  DELETE r
}
CALL (g, k) {
  MATCH (g)-[r:IN_COUNTRY]->(c)
  MERGE (k)-[:IN_COUNTRY]->(c)
  DELETE r
}
CALL (g, k) {
  // The reports a Meeting is rebuilt from name the kept id from now on.
  MATCH (m:Meeting)-[:PARTICIPANT|INVOLVES|HELD_IN|CONCERNS|THROUGH]->(g)
  WITH DISTINCT m, '"' + g.id + '"' AS old, '"' + k.id + '"' AS new
  WHERE m.reports IS NOT NULL
  SET m.reports = [x IN m.reports | replace(x, old, new)]
}
CALL (g, k) {
  MATCH (m:Meeting)-[:PARTICIPANT]->(g)
  MATCH (m)-[r:THROUGH]->() WHERE r.person = g.id
  SET r.person = k.id
}
CALL (g, k) {
  MATCH (m)-[r:PARTICIPANT]->(g)
  MERGE (m)-[n:PARTICIPANT]->(k)
  SET n.role = coalesce(n.role, r.role), n.key = """ + seek_key("k") + """
  DELETE r
}
CALL (g, k) {
  MATCH (m)-[r:INVOLVES]->(g)
  MERGE (m)-[n:INVOLVES]->(k)
  SET n.key = """ + hub_key("k") + """, n.multi = CASE WHEN r.multi IS NOT NULL THEN n.key END
  DELETE r
}
CALL (g, k) {
  MATCH (m)-[r:THROUGH]->(g)
  MERGE (m)-[n:THROUGH {person: r.person}]->(k)
  SET n.key = """ + hub_key("k") + """
  DELETE r
}
CALL (g, k) {
  MATCH (m)-[r:HELD_IN]->(g)
  MERGE (m)-[n:HELD_IN]->(k)
  SET n.key = """ + seek_key("k") + """
  DELETE r
}
CALL (g, k) {
  MATCH (m)-[r:CONCERNS]->(g)
  MERGE (m)-[n:CONCERNS]->(k)
  SET n.key = """ + hub_key("k") + """
  DELETE r
}
CALL (g, k) {
  MATCH (c:ReviewCandidate)-[r:CANDIDATE]->(g)
  MERGE (c)-[:CANDIDATE]->(k)
  DELETE r
}
WITH g, k
SET k.names = reduce(acc = coalesce(k.names, []), x IN coalesce(g.names, []) | CASE WHEN x IN acc THEN acc ELSE acc + x END),
    k.keys = reduce(acc = coalesce(k.keys, []), x IN coalesce(g.keys, []) | CASE WHEN x IN acc THEN acc ELSE acc + x END),
    k.titles = reduce(acc = coalesce(k.titles, []), x IN coalesce(g.titles, []) | CASE WHEN x IN acc THEN acc ELSE acc + x END),
    k.blocks = reduce(acc = coalesce(k.blocks, []), x IN coalesce(g.blocks, []) | CASE WHEN x IN acc THEN acc ELSE acc + x END),
    k.sides = reduce(acc = coalesce(k.sides, []), x IN coalesce(g.sides, []) | CASE WHEN x IN acc THEN acc ELSE acc + x END)
SET k.search_text = substring(reduce(s = '', x IN k.names | s + ' ' + x), 0, $max_text),
    k.block_text = CASE WHEN size(k.blocks) > 0 THEN substring(reduce(s = '', x IN k.blocks | s + ' ' + x), 0, $max_text) END
DETACH DELETE g
RETURN k.id AS kept
"""

Q_NAMES = """
MATCH (e:Entity {id: $id})
RETURN e.names AS names, [l IN labels(e) WHERE l <> 'Entity'][0] AS type
"""

Q_RENAME = "MATCH (e:Entity {id: $id}) SET e.name = $name"

Q_DOCS_OF = """
MATCH (e:Entity {id: $id})-[:MENTIONED_IN]->(:Sentence)-[:PART_OF]->(d:Document)
RETURN collect(DISTINCT d.id) AS docs
"""


@dataclass
class Candidate:
    id: str
    status: str
    type: str
    a_name: str
    b_name: str
    score: float
    reason: str
    a: str = ""
    b: str = ""


def candidate_id(a: str, b: str) -> str:
    a, b = sorted((a, b))
    return "review:" + hashlib.sha256(f"{a}\x1f{b}".encode()).hexdigest()[:16]


def _entity(r) -> Entity:
    return Entity(type=r["type"], name=r["name"], id=r["id"], aliases=sorted(r["names"]),
                  title=min(r["titles"]) if r["titles"] else None, country=r["country"])


def propose_for(driver: neo4j.Driver, database: str, article_entities: list[list[str]],
                new_ids: set[str]) -> int:
    """Propose candidates for one written batch; return how many are new.

    `article_entities` holds, per article of the batch, the ids of its people
    and organisations (compared with each other, as one article); `new_ids`
    are those the graph did not hold before the batch (compared with their
    block mates anywhere in the graph).
    """
    from .resolve import evidence

    touched = sorted({i for ids in article_entities for i in ids})
    if not touched:
        return 0
    read = neo4j.RoutingControl.READ
    records, _, _ = driver.execute_query(Q_DETAILS, ids=touched, database_=database, routing_=read)
    nodes = {r["id"]: _entity(r) for r in records}
    blocks = {r["id"]: r["blocks"] for r in records}
    same_doc: set[tuple[str, str]] = set()
    for ids in article_entities:
        present = sorted({i for i in ids if i in nodes})
        same_doc.update(combinations(present, 2))
    pairs = set(same_doc)
    queries = [{"id": i, "q": " OR ".join(blocks[i].split())}
               for i in sorted(new_ids) if i in nodes and blocks.get(i)]
    if queries:
        mates, _, _ = driver.execute_query(Q_BLOCK_MATES, rows=queries, limit=BLOCK_LIMIT,
                                           database_=database, routing_=read)
        others = sorted({m for r in mates for m in r["mates"]} - set(nodes))
        if others:
            more, _, _ = driver.execute_query(Q_DETAILS, ids=others, database_=database, routing_=read)
            nodes.update({r["id"]: _entity(r) for r in more})
        for r in mates:
            pairs.update(tuple(sorted((r["id"], m))) for m in r["mates"] if m in nodes)
    rows = []
    for a_id, b_id in sorted(pairs):
        a, b = nodes[a_id], nodes[b_id]
        if a_id == b_id or a.type != b.type:
            continue
        found = evidence(a, b, (a_id, b_id) in same_doc)
        if found and found[0] >= THRESHOLD:
            rows.append({"id": candidate_id(a_id, b_id), "a": a_id, "b": b_id, "a_name": a.name,
                         "b_name": b.name, "type": a.type, "score": round(float(found[0]), 3),
                         "reason": found[1]})
    # Only an entity new to the graph can have lost its links (see Q_RELINK); hubs named in every
    # batch have hundreds of candidates, relinked for nothing otherwise.
    if new_ids:
        driver.execute_query(Q_RELINK, ids=sorted(new_ids), database_=database)
    if not rows:
        return 0
    _, summary, _ = driver.execute_query(Q_PROPOSE, rows=rows, database_=database)
    return summary.counters.nodes_created


def prune(driver: neo4j.Driver, database: str) -> None:
    """Drop pending candidates one of whose entities is gone (after documents were replaced)."""
    driver.execute_query(Q_PRUNE, database_=database)


def list_candidates(driver: neo4j.Driver, database: str, status: str | None = "pending",
                    limit: int = 1000) -> list[Candidate]:
    records, _, _ = driver.execute_query(Q_LIST, status=status, limit=limit, database_=database,
                                         routing_=neo4j.RoutingControl.READ)
    return [Candidate(**r.data()) for r in records]


def accepted_aliases(driver: neo4j.Driver, database: str) -> dict[str, str]:
    """Map every id an analyst merged into another to the id kept (chains followed).

    The id kept is the smaller of each pair, so the result does not depend on
    which side of the pair the analyst saw first.
    """
    records, _, _ = driver.execute_query(Q_ACCEPTED, database_=database, routing_=neo4j.RoutingControl.READ)
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for r in records:
        ra, rb = root(r["a"]), root(r["b"])
        if ra != rb:
            keep, merge = sorted((ra, rb))
            parent[merge] = keep
    return {x: root(x) for x in parent}


def _decide_tx(tx: neo4j.ManagedTransaction, candidate: str, status: str, keep: str | None, gone: str | None):
    tx.run(Q_DECIDE, id=candidate, status=status).consume()
    if keep and gone and keep != gone:
        tx.run(Q_MERGE, keep=keep, gone=gone, max_text=MAX_INDEXED_TEXT).consume()
        # the merged node's name follows the display rule over the names it now has
        rec = tx.run(Q_NAMES, id=keep).single()
        if rec is not None:
            tx.run(Q_RENAME, id=keep, name=display_name(rec["type"], keep, rec["names"] or [])).consume()


def decide(driver: neo4j.Driver, database: str, candidate: str, decision: str) -> list[str]:
    """Record a decision. Accepting merges the pair in place, in the same transaction.

    Returns the documents to re-extract: none, except when an accepted pair
    is rejected afterwards (its two entities were one node and must be split
    again, which only the documents' text can do; loaders.pipeline.decide
    does it).
    """
    status = {"accept": "accepted", "reject": "rejected", "accepted": "accepted", "rejected": "rejected"}.get(decision)
    if status is None:
        raise LiaisonError(f"Unknown decision {decision!r}: use accept or reject.")
    records, _, _ = driver.execute_query(Q_GET, id=candidate, database_=database)
    if not records:
        raise LiaisonError(f"No review candidate {candidate!r}: `liaison review --all` lists them.")
    r = records[0]
    was_accepted = r["status"] == "accepted"
    keep = gone = None
    if status == "accepted":
        aliases = accepted_aliases(driver, database)
        ra, rb = aliases.get(r["a"], r["a"]), aliases.get(r["b"], r["b"])
        keep, gone = sorted((ra, rb))
    with driver.session(database=database) as session:
        session.execute_write(_decide_tx, candidate, status, keep, gone)
    if status == "rejected" and was_accepted:
        kept = min(r["a"], r["b"])
        docs, _, _ = driver.execute_query(Q_DOCS_OF, id=kept, database_=database)
        return docs[0]["docs"]
    return []
