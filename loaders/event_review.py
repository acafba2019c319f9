"""The meeting review list: pairs of reports that may be one encounter.

Event resolution (loaders.events) merges the reports it is sure of. A pair it
is not sure of (one person in common and little else, say) becomes a
MeetingCandidate between the two reports, by report key ("<document id>#<n>").
An analyst says "same" (one encounter: the two Meetings become one) or
"different" (never merged, even when the rules would): the decision is kept
on the candidate, every later grouping of those reports applies it, so it
outlives reloads, and the Meetings concerned are rebuilt at once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import neo4j

from .errors import LiaisonError
from .write import regroup

DECISIONS = {"same": "same", "different": "different", "pending": "pending"}

Q_LIST = """
MATCH (c:MeetingCandidate) WHERE c.status = $status
RETURN c.id AS id, c.status AS status, c.score AS score, c.a AS a, c.b AS b, c.a_doc AS a_doc,
       c.b_doc AS b_doc, c.decided_at AS decided_at
ORDER BY c.score DESC, c.id
LIMIT $limit
"""

# Each report as its Meeting stores it, and the Meeting it is in now.
Q_REPORTS = """
UNWIND $docs AS doc
MATCH (:Document {id: doc})<-[:SOURCE]-(m:Meeting)
RETURN m.id AS meeting, m.reports AS reports
"""

Q_SENTENCES = """
UNWIND $ids AS id
MATCH (s:Sentence {id: id})-[:PART_OF]->(d:Document)
RETURN s.id AS id, s.text AS text, d.name AS document, d.language AS language, d.url AS url
"""

Q_GET = "MATCH (c:MeetingCandidate {id: $id}) RETURN c.a_doc AS a_doc, c.b_doc AS b_doc"

Q_DECIDE = """
MATCH (c:MeetingCandidate {id: $id})
SET c.status = $status, c.decided_at = CASE WHEN $status = 'pending' THEN null ELSE datetime() END
"""


@dataclass
class MeetingCandidate:
    id: str
    status: str
    score: float
    reports: list[dict] = field(default_factory=list)     # the two reports, each with "meeting" and "evidence"

    @property
    def together(self) -> bool:
        """Whether the two reports are in one Meeting now."""
        ms = {r.get("meeting") for r in self.reports}
        return len(self.reports) == 2 and len(ms) == 1 and None not in ms


def list_meeting_candidates(driver: neo4j.Driver, database: str, status: str = "pending",
                            limit: int = 100) -> list[MeetingCandidate]:
    """The candidates of a status, best first, each with both reports and their sentences."""
    records, _, _ = driver.execute_query(Q_LIST, status=status, limit=limit, database_=database,
                                         routing_=neo4j.RoutingControl.READ)
    docs = sorted({d for r in records for d in (r["a_doc"], r["b_doc"])})
    where: dict[str, tuple[str, dict]] = {}
    if docs:
        rs, _, _ = driver.execute_query(Q_REPORTS, docs=docs, database_=database, routing_=neo4j.RoutingControl.READ)
        for rec in rs:
            for row in map(json.loads, rec["reports"] or []):
                where[row["key"]] = (rec["meeting"], row)
    sentence_ids = sorted({s for k in where for s in where[k][1]["sentences"]})
    sentences = {}
    if sentence_ids:
        ss, _, _ = driver.execute_query(Q_SENTENCES, ids=sentence_ids, database_=database,
                                        routing_=neo4j.RoutingControl.READ)
        sentences = {s["id"]: dict(s) for s in ss}
    out = []
    for r in records:
        reports = []
        for key in (r["a"], r["b"]):
            if key not in where:
                continue      # its document was re-extracted and no longer reports it
            meeting, row = where[key]
            reports.append({**row, "meeting": meeting,
                            "evidence": [sentences[s] for s in row["sentences"] if s in sentences]})
        out.append(MeetingCandidate(id=r["id"], status=r["status"], score=r["score"], reports=reports))
    return out


def decide_meetings(driver: neo4j.Driver, database: str, candidate: str, decision: str) -> int:
    """Record "same", "different" (or "pending" again) and rebuild the Meetings concerned.
    Returns how many Meetings were rebuilt."""
    status = DECISIONS.get(decision)
    if status is None:
        raise LiaisonError(f"decide with same, different or pending, not {decision!r}")
    records, _, _ = driver.execute_query(Q_GET, id=candidate, database_=database)
    if not records:
        raise LiaisonError(f"no meeting candidate {candidate!r}: `liaison review --meetings` lists them")
    return regroup(driver, database, sorted({records[0]["a_doc"], records[0]["b_doc"]}),
                   first=(Q_DECIDE, {"id": candidate, "status": status}))
