"""The review list in the real graph: proposed, decided, and decisions kept across reloads."""

import pytest

from loaders.pipeline import load_paths
from loaders.review import decide, list_candidates

from .conftest import CORPUS

pytestmark = pytest.mark.neo4j


def test_candidates_are_proposed_and_decisions_survive_a_reload(graph, neo4j_settings, tmp_path):
    db = neo4j_settings.database
    # Seed 002 is a garbled machine translation: one deputy minister under several spellings.
    (tmp_path / "002.txt").write_bytes((CORPUS / "002_5cd41e3acd8bf38e.txt").read_bytes())
    report = load_paths(graph, db, [tmp_path])
    pending = list_candidates(graph, db)
    assert report.review_proposed == len(pending) >= 2
    people = [c for c in pending if c.type == "Person"]
    assert people, "the garbled names should be proposed, not merged silently"
    accepted, rejected = people[0], pending[-1] if pending[-1] is not people[0] else pending[0]
    decide(graph, db, accepted.id, "accept")
    decide(graph, db, rejected.id, "reject")
    def same_as():
        records, _, _ = graph.execute_query(
            "MATCH (a:Entity {id: $a})-[:SAME_AS]->(b:Entity {id: $b}) RETURN count(*) AS n",
            a=accepted.a, b=accepted.b)
        return records[0]["n"]

    assert same_as() == 1
    load_paths(graph, db, [tmp_path], force=True)
    assert same_as() == 1
    by_id = {c.id: c for c in list_candidates(graph, db, status=None)}
    assert by_id[accepted.id].status == "accepted"
    assert by_id[rejected.id].status == "rejected"
    assert accepted.id not in {c.id for c in list_candidates(graph, db)}


def test_unknown_decision_or_candidate_is_a_clear_error(graph, neo4j_settings):
    from liaison.errors import LiaisonError

    with pytest.raises(LiaisonError, match="accept or reject"):
        decide(graph, neo4j_settings.database, "review:x", "maybe")
    with pytest.raises(LiaisonError, match="liaison review"):
        decide(graph, neo4j_settings.database, "review:missing", "accept")
