"""Every statement of the writer and of review is index-backed: its cost does not grow with the graph.

EXPLAIN plans each statement (with rows of the shape the writer sends) and
fails on any operator that reads a whole label, every node or every
relationship of a type.
"""

import pytest

from loaders import event_review, review, write

pytestmark = pytest.mark.neo4j

SCANS = ("NodeByLabelScan", "AllNodesScan", "DirectedRelationshipTypeScan", "UndirectedRelationshipTypeScan",
         "DirectedAllRelationshipsScan", "UndirectedAllRelationshipsScan")


def operators(plan) -> list[str]:
    out = [plan["operatorType"].split("@")[0]]
    for child in plan.get("children", []):
        out += operators(child)
    return out


def scans(driver, query: str, **params) -> list[str]:
    _, summary, _ = driver.execute_query("EXPLAIN " + query, params)
    return [op for op in operators(summary.plan) if op in SCANS]


ENTITY = {"id": "person:x", "props": {"name": "X"}, "display": "X", "names": ["X"], "keys": ["x"], "titles": [], "blocks": [],
          "sides": ["country:VNM"]}
MEETING = {"id": "meeting:x", "docs": ["doc:x"], "props": {"kind": "talks"}, "participants": [{"id": "person:x", "role": "host"}],
           "countries": [{"id": "country:VNM", "via": "text"}], "place": "place:hanoi", "topics": [{"id": "topic:drugs", "name": "drugs"}],
           "agreements": ["agreement:x"], "sentences": ["doc:x:s0"]}

STATEMENTS = {
    "states": (write.Q_STATES, {"ids": ["doc:x"]}),
    "known": (write.Q_KNOWN, {"ids": ["person:x"]}),
    "clear": (write.Q_CLEAR, {"ids": ["doc:x"]}),
    "docs": (write.Q_DOCS, {"rows": [{"id": "doc:x", "props": {"name": "x"}, "sentences": [
        {"id": "doc:x:s0", "doc": "doc:x", "index": 0, "start": 0, "end": 1, "text": "x",
         "mentions": [{"entity": "person:x", "sentence": "doc:x:s0", "start": 0, "end": 1, "text": "X"}]}]}]}),
    **{f"entities {label}": (q, {"rows": [ENTITY], "max_text": 10}) for label, q in write.Q_ENTITIES.items()},
    "affiliations": (write.Q_AFFILIATIONS, {"rows": [{"person": "person:x", "target": "org:x", "title": "t",
                                                      "as_of": "2020", "doc": "doc:x"}]}),
    "org countries": (write.Q_ORG_COUNTRIES, {"rows": [{"entity": "org:x", "country": "country:VNM"}]}),
    "meetings": (write.Q_MEETINGS, {"rows": [MEETING]}),
    "country pairs": (write.Q_PAIRS, {"ids": ["meeting:x"]}),
    "meetings of replaced documents": (write.Q_MEETINGS_OF_DOCS, {"ids": ["doc:x"]}),
    **{f"meeting candidates by {rel}": (q, {"rows": [{"lo": "person:x|2020-12", "hi": "person:x|2020-12~"}]})
       for rel, q in write.Q_MEETING_CANDIDATES.items()},
    "meeting reports": (write.Q_MEETING_REPORTS, {"ids": ["meeting:x"]}),
    "meetings of participants whose derived side changed": (write.Q_MEETINGS_OF_ENTITIES, {"ids": ["person:x"]}),
    "drop meetings": (write.Q_DROP_MEETINGS, {"ids": ["meeting:x"]}),
    "meeting decisions": (write.Q_EVENT_DECISIONS, {"keys": ["doc:x#0"]}),
    "propose meeting pairs": (write.Q_PROPOSE_MEETINGS, {"rows": [{"id": "event:x", "a": "doc:x#0", "b": "doc:y#0",
                                                                   "a_doc": "doc:x", "b_doc": "doc:y", "score": 1.5}]}),
    "meeting review list": (event_review.Q_LIST, {"status": "pending", "limit": 10}),
    "meeting review reports": (event_review.Q_REPORTS, {"docs": ["doc:x"]}),
    "meeting review sentences": (event_review.Q_SENTENCES, {"ids": ["doc:x:s0"]}),
    "meeting review get": (event_review.Q_GET, {"id": "event:x"}),
    "meeting review decide": (event_review.Q_DECIDE, {"id": "event:x", "status": "same"}),
    "meeting corrections": (write.Q_CORRECTIONS, {"keys": ["doc:x#0"]}),
    "correct a meeting": (event_review.Q_CORRECT, {"key": "doc:x#0", "drop": ["doc:x#1"], "props": {"date": "2020"}}),
    "correction follows a split": (event_review.Q_REKEY_CORRECTION, {"old": "doc:x#0", "new": "doc:y#0"}),
    "participants to add": (event_review.Q_PARTICIPANTS, {"ids": ["person:x"]}),
    "place to correct to": (event_review.Q_PLACE, {"id": "place:x", "name": "X"}),
    "decide pairs (merge, split)": (event_review.Q_DECIDE_PAIRS, {"rows": [
        {"id": "event:x", "a": "doc:x#0", "b": "doc:y#0", "a_doc": "doc:x", "b_doc": "doc:y", "status": "same"}]}),
    "schema version": (write.Q_SCHEMA_VERSION, {}),
    "review details": (review.Q_DETAILS, {"ids": ["person:x"]}),
    "review block mates": (review.Q_BLOCK_MATES, {"rows": [{"id": "person:x", "q": "ps_x"}], "limit": 5}),
    "review propose": (review.Q_PROPOSE, {"rows": [{"id": "review:x", "a": "person:x", "b": "person:y", "a_name": "X",
                                                    "b_name": "Y", "type": "Person", "score": 0.7, "reason": "r"}]}),
    "review relink": (review.Q_RELINK, {"ids": ["person:x"]}),
    "review prune": (review.Q_PRUNE, {}),
    "review get": (review.Q_GET, {"id": "review:x"}),
    "review decide": (review.Q_DECIDE, {"id": "review:x", "status": "accepted"}),
    "review merge": (review.Q_MERGE, {"keep": "person:x", "gone": "person:y", "max_text": 10}),
    "review docs of": (review.Q_DOCS_OF, {"id": "person:x"}),
    "review names": (review.Q_NAMES, {"id": "person:x"}),
    "review rename": (review.Q_RENAME, {"id": "person:x", "name": "X"}),
}


@pytest.mark.parametrize("name", sorted(STATEMENTS))
def test_statement_uses_indexes(corpus_graph, name):
    query, params = STATEMENTS[name]
    assert scans(corpus_graph, query, **params) == []


def test_the_check_catches_a_label_scan(corpus_graph):
    # the check itself can fail: a lookup by a property no index covers scans the label
    assert scans(corpus_graph, "MATCH (d:Document) WHERE d.title = $t RETURN d", t="x") == ["NodeByLabelScan"]
