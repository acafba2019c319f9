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
import re
from dataclasses import dataclass, field
from datetime import date as Date

import neo4j

from .errors import LiaisonError
from .gazetteer import city
from .model import MEETING_KINDS
from .events import corrected
from .write import Q_CORRECTIONS, Q_MEETING_REPORTS, meeting_candidate_id, regroup

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
    return len(regroup(driver, database, sorted({records[0]["a_doc"], records[0]["b_doc"]}),
                       first=[(Q_DECIDE, {"id": candidate, "status": status})]))


# ---------------------------------------------------------------- corrections in place
#
# An analyst corrects a Meeting from its details panel: its date, kind, place or
# participants, or splits a report off, or merges it with another Meeting. Each is
# kept as a decision on report keys (a MeetingCorrection on the Meeting's first
# report; "same"/"different" MeetingCandidates for merges and splits), so every
# later rebuild of those reports, on any reload, applies it; Meetings show which
# fields an analyst corrected (`corrected`).

Q_PARTICIPANTS = """
UNWIND $ids AS id
MATCH (e:Entity {id: id}) WHERE e:Person OR e:Organization
RETURN e.id AS id, e.name AS name
"""

Q_PLACE = """
CALL () {
  MATCH (p:Place {id: $id}) RETURN p
  UNION
  MATCH (p:Place {name: $name}) RETURN p
}
RETURN p.id AS id, p.name AS name ORDER BY p.id LIMIT 1
"""

# One correction per Meeting, on its first report: those held on its other reports
# (Meetings merged after being corrected) are folded into it and removed.
Q_CORRECT = """
UNWIND $drop AS k
MATCH (old:MeetingCorrection {key: k})
DELETE old
WITH count(*) AS dropped
MERGE (c:MeetingCorrection {key: $key})
SET c += $props, c.corrected_at = datetime()
"""

# Pairs of reports decided at once (merge: "same"; split: "different").
Q_DECIDE_PAIRS = """
UNWIND $rows AS row
MERGE (c:MeetingCandidate {id: row.id})
ON CREATE SET c.a = row.a, c.b = row.b, c.a_doc = row.a_doc, c.b_doc = row.b_doc, c.score = null,
              c.proposed_at = datetime()
SET c.status = row.status, c.decided_at = datetime()
"""

# A split that takes the Meeting's first report away moves its correction to the new first.
Q_REKEY_CORRECTION = "MATCH (c:MeetingCorrection {key: $old}) SET c.key = $new"

_ROLES = ("host", "guest", "participant")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def meeting_reports(driver: neo4j.Driver, database: str, meeting_id: str) -> list[dict]:
    """The reports a Meeting is made of, in key order; a clear error when there is no such Meeting."""
    records, _, _ = driver.execute_query(Q_MEETING_REPORTS, ids=[meeting_id], database_=database,
                                         routing_=neo4j.RoutingControl.READ)
    if not records:
        raise LiaisonError(f"no meeting {meeting_id!r} (the graph was reloaded? search for it again)")
    rows = [json.loads(x) for x in records[0]["reports"] or []]
    if not rows:
        raise LiaisonError(f"meeting {meeting_id!r} keeps no reports: reload its articles (`liaison load --force`)")
    return sorted(rows, key=lambda r: r["key"])


def _valid_date(value: str) -> str:
    value = value.strip()
    if not _DATE.match(value):
        raise LiaisonError(f"date {value!r}: write YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(x) for x in value.split("-")] + [1, 1]
    try:
        Date(*parts[:3])
    except ValueError as exc:
        raise LiaisonError(f"date {value!r}: {exc}") from None
    return value


def correct_meeting(driver: neo4j.Driver, database: str, meeting_id: str, *, date: str | None = None,
                    kind: str | None = None, place: str | None = None,
                    participants: dict[str, str | None] | None = None) -> list[str]:
    """Correct a Meeting's date, kind, place or participants ({entity id: role, or None
    to remove}); the correction wins over what the articles say, on every later load.
    Returns the ids of the Meetings rebuilt (the corrected one keeps its id)."""
    if not (date or kind or (place and place.strip()) or participants):
        raise LiaisonError("nothing to correct: give a date, kind, place or participants")
    rows = meeting_reports(driver, database, meeting_id)
    props: dict = {}
    if date:
        props["date"] = _valid_date(date)
    if kind:
        if kind not in MEETING_KINDS:
            raise LiaisonError(f"kind {kind!r}: one of {', '.join(MEETING_KINDS)}")
        props["kind"] = kind
    if place and place.strip():
        name = place.strip()
        found = city(name)
        recs, _, _ = driver.execute_query(Q_PLACE, id=found.id if found else "", name=name, database_=database,
                                          routing_=neo4j.RoutingControl.READ)
        # a Place the graph holds gets HELD_IN; any other place is kept as the text typed
        props["place"], props["place_id"] = (recs[0]["name"], recs[0]["id"]) if recs else (name, None)
    keys = [r["key"] for r in rows]
    held, _, _ = driver.execute_query(Q_CORRECTIONS, keys=keys, database_=database)
    # what the Meeting shows now (events.corrected), with this correction on top
    before = corrected([{**dict(c), "participants": json.loads(c["participants"] or "{}")} for c in held])
    people: dict = before.pop("participants", {})
    props = {**before, **props}
    if participants:
        bad = {r for r in participants.values() if r is not None and r not in _ROLES}
        if bad:
            raise LiaisonError(f"role {sorted(bad)[0]!r}: one of {', '.join(_ROLES)} (or remove the participant)")
        known, _, _ = driver.execute_query(Q_PARTICIPANTS, ids=sorted(participants), database_=database,
                                           routing_=neo4j.RoutingControl.READ)
        names = {r["id"]: r["name"] for r in known}
        missing = [i for i, role in participants.items() if role is not None and i not in names]
        if missing:
            raise LiaisonError(f"no person or organisation {missing[0]!r}: search for it and use its id")
        people.update({i: {"role": role, "name": names.get(i)} for i, role in participants.items()})
    props["participants"] = json.dumps(people, ensure_ascii=False, sort_keys=True) if people else None
    for f in ("date", "kind", "place", "place_id"):
        props.setdefault(f, None)
    return regroup(driver, database, sorted({r["doc"] for r in rows}),
                   first=[(Q_CORRECT, {"key": keys[0], "drop": keys[1:], "props": props})])


def _pairs(a: list[dict], b: list[dict], status: str) -> list[dict]:
    return [{"id": meeting_candidate_id(x["key"], y["key"]), "a": min(x["key"], y["key"]),
             "b": max(x["key"], y["key"]), "a_doc": (x if x["key"] < y["key"] else y)["doc"],
             "b_doc": (y if x["key"] < y["key"] else x)["doc"], "status": status}
            for x in a for y in b]


def split_report(driver: neo4j.Driver, database: str, meeting_id: str, doc: str) -> list[str]:
    """Take one article's report out of a Meeting: it becomes a Meeting of its own (or
    joins another it fits), and is never merged with the others again ("different")."""
    rows = meeting_reports(driver, database, meeting_id)
    out = [r for r in rows if doc in (r["doc"], r.get("doc_name"))]
    rest = [r for r in rows if r not in out]
    if not out:
        names = ", ".join(sorted(r.get("doc_name") or r["doc"] for r in rows))
        raise LiaisonError(f"meeting {meeting_id!r} has no report from {doc!r} (its articles: {names})")
    if not rest:
        raise LiaisonError(f"meeting {meeting_id!r} has only that report: nothing to split off")
    first = [(Q_DECIDE_PAIRS, {"rows": _pairs(out, rest, "different")})]
    if out[0]["key"] == rows[0]["key"]:
        # the Meeting's correction stays with the reports that keep it
        first.append((Q_REKEY_CORRECTION, {"old": rows[0]["key"], "new": rest[0]["key"]}))
    return regroup(driver, database, sorted({r["doc"] for r in rows}), first=first)


def merge_meetings(driver: neo4j.Driver, database: str, meeting_id: str, other_id: str) -> list[str]:
    """Make two Meetings one encounter ("same" between each report of one and each of
    the other, so no rule can part them), on every later load too."""
    if meeting_id == other_id:
        raise LiaisonError("merge a meeting with another one, not with itself")
    a = meeting_reports(driver, database, meeting_id)
    b = meeting_reports(driver, database, other_id)
    return regroup(driver, database, sorted({r["doc"] for r in a + b}),
                   first=[(Q_DECIDE_PAIRS, {"rows": _pairs(a, b, "same")})])
