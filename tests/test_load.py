"""Loading into the real server: counts, idempotence, bad input, atomic writes."""

from pathlib import Path

import pytest

from liaison.errors import WriteError
from loaders.pipeline import extract_article, load_paths
from loaders.read import read_article
from loaders.write import ensure_schema, write_extraction

from .conftest import CORPUS, CORPUS_SIZE, counts

pytestmark = pytest.mark.neo4j


def _one(driver, query, **params):
    records, _, _ = driver.execute_query(query, params)
    return records[0][0]


def test_corpus_loads_with_every_document_and_meetings(corpus_graph):
    assert _one(corpus_graph, "MATCH (d:Document) RETURN count(d)") == CORPUS_SIZE
    assert _one(corpus_graph, "MATCH (m:Meeting) RETURN count(m)") >= 20
    # every meeting is traceable to a sentence of a document
    assert _one(corpus_graph, "MATCH (m:Meeting) WHERE NOT (m)-[:REPORTED_IN]->(:Sentence)-[:PART_OF]->(:Document) RETURN count(m)") == 0
    # every entity is mentioned in some sentence, with offsets into its document
    assert _one(corpus_graph, "MATCH (e:Entity) WHERE NOT (e)-[:MENTIONED_IN]->(:Sentence) RETURN count(e)") == 0
    bad = _one(corpus_graph, """
        MATCH (e:Entity)-[r:MENTIONED_IN]->(s:Sentence)-[:PART_OF]->(d:Document)
        WHERE substring(d.text, r.start, r.end - r.start) <> r.text
        RETURN count(r)""")
    assert bad == 0
    langs = _one(corpus_graph, "MATCH (d:Document) RETURN collect(DISTINCT d.language)")
    assert set(langs) == {"vi", "fr", "en", "ko", "ja", "es", "de", "id", "ru", "zh", "th"}


def test_constraints_are_in_place(corpus_graph):
    names = _one(corpus_graph, "SHOW CONSTRAINTS YIELD name RETURN collect(name)")
    for label in ("document", "person", "organization", "country", "meeting", "sentence"):
        assert f"{label}_id" in names


def test_loading_twice_changes_nothing(graph, neo4j_settings):
    first = load_paths(graph, neo4j_settings.database, [CORPUS])
    assert first.loaded == CORPUS_SIZE and first.nodes_created > 0
    before = counts(graph)
    second = load_paths(graph, neo4j_settings.database, [CORPUS])
    assert second.unchanged == CORPUS_SIZE and second.loaded == 0
    assert second.nodes_created == 0 and second.relationships_created == 0
    assert counts(graph) == before
    # forcing a rewrite replaces the documents' facts with identical ones
    third = load_paths(graph, neo4j_settings.database, [CORPUS], force=True)
    assert third.loaded == CORPUS_SIZE
    assert counts(graph) == before


def test_malformed_article_is_reported_and_the_rest_load(graph, neo4j_settings, tmp_path):
    for name in ("d01.txt", "d13.txt"):
        (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
    (tmp_path / "broken.txt").write_bytes("Le ministre a reçu son homologue.".encode("latin-1") * 3)
    (tmp_path / "empty.txt").write_text("url: x\ntitle: nothing\n\n   \n", encoding="utf-8")
    report = load_paths(graph, neo4j_settings.database, [tmp_path])
    assert report.read == 4 and report.loaded == 2
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert "not UTF-8" in reasons["broken.txt"]
    assert "empty" in reasons["empty.txt"]
    assert _one(graph, "MATCH (d:Document) RETURN count(d)") == 2


def test_a_failed_write_leaves_nothing_behind(graph, neo4j_settings):
    article = read_article(CORPUS / "d02.txt")
    ex = extract_article(article)
    agreements = [e for e in ex.entities if e.type == "Agreement"] or [e for e in ex.entities if e.type == "Place"]
    assert agreements, "the test needs an entity written after the document and its sentences"
    # A map is not a storable property value: the server rejects the statement
    # midway through the transaction, after the document was MERGEd.
    victim = agreements[-1]
    victim.status = {"not": "storable"}
    victim.country = {"not": "storable"}
    with pytest.raises(WriteError, match="rolled back"):
        write_extraction(graph, neo4j_settings.database, article, ex)
    assert counts(graph)["nodes"] == 0


def test_changed_article_replaces_its_old_facts(graph, neo4j_settings, tmp_path):
    p = tmp_path / "d04.txt"
    p.write_bytes((CORPUS / "d04.txt").read_bytes())
    load_paths(graph, neo4j_settings.database, [p])
    graph.execute_query("MATCH (d:Document) SET d.extractor = 'old'")
    report = load_paths(graph, neo4j_settings.database, [p])
    assert report.loaded == 1
    assert _one(graph, "MATCH (d:Document) RETURN count(d)") == 1
    assert _one(graph, "MATCH (s:Sentence) RETURN count(s)") == _one(
        graph, "MATCH (:Document)<-[:PART_OF]-(s:Sentence) RETURN count(s)")


def test_every_corpus_article_yields_a_meeting_with_participants(corpus_graph):
    records, _, _ = corpus_graph.execute_query("""
        MATCH (d:Document)
        RETURN d.name AS name,
               COUNT { (d)<-[:SOURCE]-(m:Meeting) WHERE (m)-[:PARTICIPANT]->() } AS meetings""")
    # w03 (Spanish: Latin American police chiefs sign Ameripol's founding act, the only
    # participants being "representatives" and the body itself) is a known miss; once it
    # yields a meeting this test says so and the exception goes.
    assert {r["name"]: r["meetings"] for r in records if r["meetings"] == 0} == {"w03": 0}
    dated = _one(corpus_graph, "MATCH (m:Meeting) RETURN avg(CASE WHEN m.date IS NULL THEN 0.0 ELSE 1.0 END)")
    assert dated >= 0.8
    with_topics = _one(corpus_graph, "MATCH (m:Meeting) RETURN avg(CASE WHEN (m)-[:ABOUT]->() THEN 1.0 ELSE 0.0 END)")
    assert with_topics >= 0.5
