"""The review list: uncertain entity matches an analyst accepts or rejects.

Resolution merges what it is sure of (loaders.resolve). What it is not sure
of (a garbled transliteration, a surname alone in another article) becomes a
ReviewCandidate node between the two entities. Decisions are kept (candidate
ids are a hash of the two entity ids, and decided candidates are never
pruned): a rejected pair is never proposed again; an accepted pair becomes an
alias that every later write applies (`accepted_aliases`), and the documents
that mention either entity are rewritten at once, so the two nodes become one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import neo4j

from liaison.errors import LiaisonError

from .model import Entity

Q_ENTITIES = """
MATCH (e:Entity) WHERE e:Person OR e:Organization
OPTIONAL MATCH (e)-[:MENTIONED_IN]->(:Sentence)-[:PART_OF]->(d:Document)
RETURN e.id AS id, CASE WHEN e:Person THEN 'Person' ELSE 'Organization' END AS type,
       e.name AS name, coalesce(e.names, [e.name]) AS names, e.titles AS titles,
       e.country AS country, collect(DISTINCT d.id) AS docs
"""

Q_PROPOSE = """
UNWIND $rows AS row
MATCH (a:Entity {id: row.a}), (b:Entity {id: row.b})
MERGE (r:ReviewCandidate {id: row.id})
ON CREATE SET r.status = 'pending', r.a = row.a, r.b = row.b, r.a_name = row.a_name,
              r.b_name = row.b_name, r.type = row.type, r.score = row.score, r.reason = row.reason
MERGE (r)-[:CANDIDATE]->(a)
MERGE (r)-[:CANDIDATE]->(b)
"""

# Pending candidates that resolution no longer proposes (the entities changed)
# go; decided ones stay, so a decision outlives any reload.
Q_PRUNE = """
MATCH (r:ReviewCandidate {status: 'pending'}) WHERE NOT r.id IN $ids
DETACH DELETE r
"""

# Reloading a document re-creates its entities, which drops their
# relationships: put back the links of every decided candidate whose
# entities exist (an accepted pair has become one node).
Q_RELINK = """
MATCH (r:ReviewCandidate) WHERE r.status <> 'pending'
MATCH (e:Entity) WHERE e.id IN [r.a, r.b]
MERGE (r)-[:CANDIDATE]->(e)
"""

Q_ACCEPTED = """
MATCH (r:ReviewCandidate {status: 'accepted'})
RETURN r.a AS a, r.b AS b, r.a_name AS a_name, r.b_name AS b_name ORDER BY r.decided_at, r.id
"""

Q_DOCS_OF = """
MATCH (e:Entity)-[:MENTIONED_IN]->(:Sentence)-[:PART_OF]->(d:Document)
WHERE e.id IN $ids
RETURN collect(DISTINCT d.id) AS docs
"""

Q_LIST = """
MATCH (r:ReviewCandidate) WHERE $status IS NULL OR r.status = $status
RETURN r.id AS id, r.status AS status, r.type AS type, r.a_name AS a_name, r.b_name AS b_name,
       r.score AS score, r.reason AS reason, r.a AS a, r.b AS b
ORDER BY r.score DESC, r.id
"""

Q_DECIDE = """
MATCH (r:ReviewCandidate {id: $id})
SET r.status = $status, r.decided_at = datetime()
RETURN r.id AS id, r.a AS a, r.b AS b
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


def propose(driver: neo4j.Driver, database: str) -> int:
    """Compute candidates over every person and organisation in the graph; return how many are new."""
    from .resolve import review_candidates

    records, _, _ = driver.execute_query(Q_ENTITIES, database_=database, routing_=neo4j.RoutingControl.READ)
    # Sorted, so the proposals do not depend on the order articles were loaded in.
    records = sorted(records, key=lambda r: r["id"])
    entities = [Entity(type=r["type"], name=r["name"], id=r["id"], aliases=sorted(r["names"]),
                       title=min(r["titles"]) if r["titles"] else None, country=r["country"])
                for r in records]
    documents = {r["id"]: set(r["docs"]) for r in records}
    rows = [
        {"id": candidate_id(c.a_id, c.b_id), "a": c.a_id, "b": c.b_id, "a_name": c.a_name,
         "b_name": c.b_name, "type": c.type, "score": float(c.score), "reason": c.reason}
        for c in review_candidates(entities, documents)
    ]
    driver.execute_query(Q_PRUNE, ids=[r["id"] for r in rows], database_=database)
    driver.execute_query(Q_RELINK, database_=database)
    if not rows:
        return 0
    _, summary, _ = driver.execute_query(Q_PROPOSE, rows=rows, database_=database)
    return summary.counters.nodes_created


def list_candidates(driver: neo4j.Driver, database: str, status: str | None = "pending") -> list[Candidate]:
    records, _, _ = driver.execute_query(Q_LIST, status=status, database_=database,
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


def decide(driver: neo4j.Driver, database: str, candidate: str, decision: str) -> None:
    status = {"accept": "accepted", "reject": "rejected", "accepted": "accepted", "rejected": "rejected"}.get(decision)
    if status is None:
        raise LiaisonError(f"Unknown decision {decision!r}: use accept or reject.")
    records, _, _ = driver.execute_query(Q_DECIDE, id=candidate, status=status, database_=database)
    if not records:
        raise LiaisonError(f"No review candidate {candidate!r}: `liaison review --all` lists them.")
    # Rewrite the documents that mention either entity, so an accepted pair
    # becomes one node (and a rejected one is split again if it had been merged).
    from .pipeline import rewrite_documents

    ids = [records[0]["a"], records[0]["b"]]
    docs, _, _ = driver.execute_query(Q_DOCS_OF, ids=ids, database_=database)
    rewrite_documents(driver, database, docs[0]["docs"])
