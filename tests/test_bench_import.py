"""The offline ceiling: export the corpus graph to import CSV, neo4j-admin import it, compare."""

from __future__ import annotations

import json
from collections import Counter

import neo4j
import pytest

from liaison.bench_import import MANIFEST, export_csv, import_ceiling
from liaison.server import LocalServer
from liaison.settings import STATE_DIR


pytestmark = pytest.mark.neo4j

Q_NODES = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
Q_RELS = ("MATCH (a)-[r]->(b) RETURN a.id AS a, labels(a) AS la, type(r) AS type, b.id AS b, "
          "labels(b) AS lb, properties(r) AS props")


def _freeze(value):
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    return value


def _graph(driver, drop_empty_lists: bool) -> tuple[Counter, Counter]:
    def props(p):
        return {k: v for k, v in p.items() if not (drop_empty_lists and v == [])}

    nodes = Counter()
    for r in driver.execute_query(Q_NODES, database_="neo4j").records:
        nodes[(tuple(sorted(r["labels"])), _freeze(props(r["props"])))] += 1
    rels = Counter()
    for r in driver.execute_query(Q_RELS, database_="neo4j").records:
        rels[(r["a"], tuple(sorted(r["la"])), r["type"], r["b"], tuple(sorted(r["lb"])),
              _freeze(props(r["props"])))] += 1
    return nodes, rels


def _per(driver, query):
    return {r["k"]: r["n"] for r in driver.execute_query(query, database_="neo4j").records}


Q_LABELS = "MATCH (n) UNWIND labels(n) AS k RETURN k, count(*) AS n"
Q_TYPES = "MATCH ()-[r]->() RETURN type(r) AS k, count(*) AS n"


def test_import_ceiling_reproduces_the_corpus_graph(corpus_graph, tmp_path):
    source = corpus_graph
    # Every node, the schema-version marker too: the ceiling imports the whole store.
    records, _, _ = source.execute_query("RETURN COUNT { MATCH (n) } AS nodes, COUNT { MATCH ()-[r]->() } AS rels")
    before = {"nodes": records[0]["nodes"], "rels": records[0]["rels"]}
    exported = export_csv(source, "neo4j", tmp_path / "csv")
    assert (exported["nodes"], exported["relationships"]) == (before["nodes"], before["rels"])
    manifest = json.loads((tmp_path / "csv" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["multiline"], "document texts hold line breaks"
    assert not exported["warnings"]

    state = tmp_path / "state"
    password = "bench-import-test-pw"
    report = import_ceiling(tmp_path / "csv", state, name="bench-import", password=password,
                            shared_lib=STATE_DIR / "lib", keep_running=True)
    server = LocalServer(state_dir=state, name="bench-import", bolt_port=int(report["uri"].rsplit(":", 1)[1]))
    try:
        assert (state / "lib").is_symlink()  # the project's jars, not a copy
        assert report["seconds"] > 0
        assert (report["nodes"], report["relationships"]) == (before["nodes"], before["rels"])
        assert report["verified"] == {"nodes": before["nodes"], "relationships": before["rels"]}
        with neo4j.GraphDatabase.driver(server.uri, auth=("neo4j", password)) as target:
            assert _per(target, Q_LABELS) == _per(source, Q_LABELS)
            assert _per(target, Q_TYPES) == _per(source, Q_TYPES)

            # Samples, exactly: a Korean and a Japanese document (text with line
            # breaks and quotes), a person's list properties, a mention's offsets.
            q_doc = "MATCH (d:Document {language: $lang}) RETURN d ORDER BY d.id LIMIT 1"
            for lang in ("ko", "ja", "vi"):
                want = dict(source.execute_query(q_doc, lang=lang, database_="neo4j").records[0]["d"])
                got = dict(target.execute_query(q_doc, lang=lang, database_="neo4j").records[0]["d"])
                assert got == want
                assert "\n" in got["text"] and not got["text"].isascii()
            q_person = ("MATCH (p:Person) WHERE size(p.names) > 1 "
                        "RETURN p.id AS id, p.names AS names, p.keys AS keys ORDER BY p.id LIMIT 1")
            want = source.execute_query(q_person, database_="neo4j").records[0].data()
            got = target.execute_query(q_person, database_="neo4j").records[0].data()
            assert got == want and isinstance(got["names"], list)
            q_mention = ("MATCH (e:Entity)-[r:MENTIONED_IN]->(s:Sentence) "
                         "RETURN e.id AS e, s.id AS s, r.start AS start, r.end AS end, r.text AS text "
                         "ORDER BY e, s, start LIMIT 5")
            got = [r.data() for r in target.execute_query(q_mention, database_="neo4j").records]
            assert got == [r.data() for r in source.execute_query(q_mention, database_="neo4j").records]
            assert all(isinstance(r["start"], int) for r in got)

            # The whole graph, property for property: equal but for the empty
            # lists, which CSV cannot carry (the manifest counts them).
            src_nodes, src_rels = _graph(source, drop_empty_lists=True)
            dst_nodes, dst_rels = _graph(target, drop_empty_lists=False)
            assert dst_nodes == src_nodes
            assert dst_rels == src_rels
            dropped = sum(n for per in manifest["empty_lists"].values() for n in per.values())
            assert dropped == exported["empty_lists"]
            empties = source.execute_query(
                "MATCH (n) UNWIND keys(n) AS k WITH n[k] AS v WHERE v = [] RETURN count(*) AS c",
                database_="neo4j").records[0]["c"]
            empties += source.execute_query(
                "MATCH ()-[r]->() UNWIND keys(r) AS k WITH r[k] AS v WHERE v = [] RETURN count(*) AS c",
                database_="neo4j").records[0]["c"]
            assert dropped == empties
    finally:
        server.stop()
    assert not server.status().running
