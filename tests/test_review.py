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
    # d04 names the United Nations and its drugs office: an organisation pair to reject.
    (tmp_path / "d04.txt").write_bytes((CORPUS / "d04.txt").read_bytes())
    report = load_paths(graph, db, [tmp_path])
    pending = list_candidates(graph, db)
    assert report.review_proposed == len(pending) >= 2
    people = [c for c in pending if c.type == "Person"]
    assert people, "the garbled names should be proposed, not merged silently"
    accepted = people[0]
    rejected = next(c for c in pending if {c.a, c.b}.isdisjoint({accepted.a, accepted.b}))

    def node(eid):
        records, _, _ = graph.execute_query(
            "MATCH (e:Entity {id: $id}) RETURN e.names AS names, COUNT { (e)-[:MENTIONED_IN]->() } AS mentions",
            id=eid)
        return records[0] if records else None

    before_a, before_b = node(accepted.a), node(accepted.b)
    decide(graph, db, accepted.id, "accept")
    decide(graph, db, rejected.id, "reject")
    # The accepted pair is now one node holding both names and all mentions.
    kept, gone = sorted((accepted.a, accepted.b))
    assert node(gone) is None
    merged = node(kept)
    assert set(before_a["names"]) | set(before_b["names"]) <= set(merged["names"])
    assert merged["mentions"] == before_a["mentions"] + before_b["mentions"]
    assert node(rejected.a) is not None and node(rejected.b) is not None

    # Decisions outlive a forced reload of the corpus.
    load_paths(graph, db, [tmp_path], force=True)
    assert node(gone) is None and node(kept) is not None
    by_id = {c.id: c for c in list_candidates(graph, db, status=None)}
    assert by_id[accepted.id].status == "accepted"
    assert by_id[rejected.id].status == "rejected"
    assert {accepted.id, rejected.id}.isdisjoint({c.id for c in list_candidates(graph, db)})
    # The reload deleted and re-created the entities: every candidate whose entities exist is linked to both.
    records, _, _ = graph.execute_query("""
        MATCH (r:ReviewCandidate)
        WITH r, COUNT { (r)-[:CANDIDATE]->() } AS links,
             COUNT { MATCH (e:Entity) WHERE e.id IN [r.a, r.b] } AS present
        RETURN r.id AS id, links, present""")
    assert records and all(r["links"] == r["present"] for r in records), [r.data() for r in records]
    assert any(r["id"] == rejected.id and r["links"] == 2 for r in records)


def test_unknown_decision_or_candidate_is_a_clear_error(graph, neo4j_settings):
    from liaison.errors import LiaisonError

    with pytest.raises(LiaisonError, match="accept or reject"):
        decide(graph, neo4j_settings.database, "review:x", "maybe")
    with pytest.raises(LiaisonError, match="liaison review"):
        decide(graph, neo4j_settings.database, "review:missing", "accept")


def test_candidates_of_a_status_come_best_first_as_a_direct_read_says(graph, neo4j_settings):
    from liaison.saved_queries import load_all

    db = neo4j_settings.database
    load_paths(graph, db, [CORPUS])
    pending = list_candidates(graph, db)
    assert len(pending) >= 4
    decide(graph, db, pending[0].id, "reject")
    decide(graph, db, pending[1].id, "reject")

    def direct(status):
        records, _, _ = graph.execute_query(
            "MATCH (r:ReviewCandidate) WHERE $status IS NULL OR r.status = $status "
            "RETURN r.id AS id ORDER BY r.score DESC, r.id", status=status, database_=db)
        return [r["id"] for r in records]

    for status in ("pending", "rejected", "accepted", None):
        assert [c.id for c in list_candidates(graph, db, status=status)] == direct(status), status
        assert [c.id for c in list_candidates(graph, db, status=status, limit=1)] == direct(status)[:1], status
    assert direct("rejected") == sorted(direct("rejected"), key=lambda i: direct(None).index(i))
    assert len(direct("rejected")) == 2
    query = load_all()["review_candidates"]
    for status in ("pending", "rejected", ""):
        records, _, _ = graph.execute_query(query.text, {"status": status, "limit": 100}, database_=db)
        want = direct(status or None)
        assert sorted(r["rc"]["id"] for r in records) == sorted(want), status
        assert [r["score"] for r in records] == sorted((r["score"] for r in records), reverse=True)


def test_a_nameless_entity_from_another_tool_is_left_out_of_review(graph, neo4j_settings):
    # A node another writer left without a name must not stop the review of a load.
    from loaders.review import propose_for

    db = neo4j_settings.database
    graph.execute_query("MATCH (n) DETACH DELETE n", database_=db)
    graph.execute_query("CREATE (:Entity:Person {id: 'person:nameless'}), "
                        "(:Entity:Person {id: 'person:kim-a', name: 'Kim Chul-su', names: ['Kim Chul-su']}), "
                        "(:Entity:Person {id: 'person:kim-b', name: 'Kim Chulsu', names: ['Kim Chulsu']})",
                        database_=db)
    assert propose_for(graph, db, [["person:nameless", "person:kim-a", "person:kim-b"]],
                       {"person:nameless", "person:kim-a", "person:kim-b"}) >= 1
    records, _, _ = graph.execute_query("MATCH (c:ReviewCandidate)-[:CANDIDATE]->(e) RETURN DISTINCT e.id AS id",
                                        database_=db)
    assert "person:nameless" not in {r["id"] for r in records}
