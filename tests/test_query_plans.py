"""Every explorer and saved query is bounded and starts from an index: EXPLAIN on the real server.

A NodeByLabelScan, AllNodesScan or relationship type scan reads a whole label
(or the whole graph) and grows with it; a query without LIMIT returns as
many rows as the graph holds. Either fails here, unless the query is in the
small allow-lists below with its reason.
"""

import neo4j
import pytest

from liaison import query_bench, saved_queries

from .conftest import ROOT

pytestmark = pytest.mark.neo4j

SCANS = {"NodeByLabelScan", "AllNodesScan", "DirectedRelationshipTypeScan", "UndirectedRelationshipTypeScan",
         "DirectedAllRelationshipsScan", "UndirectedAllRelationshipsScan", "PartitionedNodeByLabelScan",
         "PartitionedAllNodesScan", "PartitionedDirectedRelationshipTypeScan",
         "PartitionedUndirectedRelationshipTypeScan"}

#: Queries allowed to scan, each with its reason. Keep it small and justified.
MAY_SCAN: dict[str, str] = {}

#: Queries without LIMIT, each returning a single row (or a fixed handful) by construction.
SINGLE_ROW = {
    "explorer.DOCUMENT": "one Document by its id constraint",
    "explorer.ENTITY_DETAILS": "one node by element id",
    "explorer.MEETING_DETAILS": "one node by element id",
    "explorer.NODE_PROPS": "one node by element id",
    "explorer.NEIGHBOUR_COUNT": "one count",
    "explorer.PENDING_REVIEW": "one count",
    "explorer.COUNTS": "one row of label counts",
}

SAVED = saved_queries.load_all(ROOT / "cypher")
EXPLORER = query_bench.explorer_queries()
NAMES = sorted([f"explorer.{n}" for n in EXPLORER] + [f"saved.{s}" for s in SAVED])


@pytest.fixture
def planned(corpus_graph, neo4j_settings):
    """name -> (text, params), with every index online so the planner can use it."""
    corpus_graph.execute_query("CALL db.awaitIndexes(300)", database_=neo4j_settings.database)
    return query_bench.all_queries(corpus_graph, neo4j_settings.database)


def operators(plan) -> list[str]:
    """Operator names of a plan and all its children (without the '@neo4j' suffix)."""
    out = [plan["operatorType"].split("@")[0]]
    for child in plan.get("children", []):
        out += operators(child)
    return out


def test_every_query_is_covered():
    assert len(NAMES) >= 45
    assert set(MAY_SCAN) <= set(NAMES) and set(SINGLE_ROW) <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_no_query_scans_a_label(planned, neo4j_settings, corpus_graph, name):
    text, params = planned[name]
    _, summary, _ = corpus_graph.execute_query("EXPLAIN " + text, params, database_=neo4j_settings.database,
                                               routing_=neo4j.RoutingControl.READ)
    assert summary.query_type == "r", f"{name} must be read only"
    ops = operators(summary.plan)
    scans = sorted(set(ops) & SCANS)
    if name in MAY_SCAN:
        return
    assert not scans, f"{name} scans ({', '.join(scans)}): start it from an index. Plan: {ops}"


@pytest.mark.parametrize("name", NAMES)
def test_every_query_is_bounded(name):
    text = EXPLORER[name.split(".", 1)[1]] if name.startswith("explorer.") else SAVED[name.split(".", 1)[1]].text
    if name in SINGLE_ROW:
        return
    assert "LIMIT" in text.upper(), f"{name} returns rows without a LIMIT"


def test_query_timings_gives_a_figure_for_every_query(corpus_graph, neo4j_settings):
    timings = query_bench.query_timings(corpus_graph, neo4j_settings.database, runs=2)
    assert set(timings) == set(NAMES)
    for name, t in timings.items():
        assert t["p50_ms"] >= 0 and t["p95_ms"] >= t["p50_ms"] - 1e-9, name
    assert query_bench.lines(timings)[0].startswith("query")


def _run(driver, slug, **raw):
    q = SAVED[slug]
    records, _, _ = driver.execute_query(q.text, q.values(raw), database_="neo4j",
                                         routing_=neo4j.RoutingControl.READ)
    return [r.data() for r in records]


def test_a_partial_end_date_includes_what_it_covers(corpus_graph):
    dates = ["1901", "1901-05", "1901-12-31", "1902-01", "1900-12-31"]
    corpus_graph.execute_query("UNWIND $dates AS d CREATE (:Meeting {id: 'test-period:' + d, date: d, kind: 'talks'})",
                               dates=dates, database_="neo4j")
    try:
        assert sorted(r["date"] for r in _run(corpus_graph, "meetings_in_period", start="1901", end="1901")) == \
            ["1901", "1901-05", "1901-12-31"]
        assert sorted(r["date"] for r in _run(corpus_graph, "meetings_in_period", start="1901-05", end="1901-05")) \
            == ["1901-05"]
        assert [r["date"] for r in _run(corpus_graph, "meetings_in_period", start="1901-06", end="1902")] == \
            ["1901-12-31", "1902-01"]
    finally:
        corpus_graph.execute_query("MATCH (m:Meeting) WHERE m.id STARTS WITH 'test-period:' DETACH DELETE m",
                                   database_="neo4j")


def test_countries_are_found_by_name_case_folded_name_and_iso3(corpus_graph):
    by_name = _run(corpus_graph, "meetings_between_countries", a="Vietnam", b="South Korea")
    assert by_name, "the corpus holds meetings between Vietnam and South Korea"
    assert len(_run(corpus_graph, "meetings_between_countries", a="vietnam", b="SOUTH KOREA")) == len(by_name)
    assert len(_run(corpus_graph, "meetings_between_countries", a="VNM", b="kor")) == len(by_name)
    # Lucene syntax in a value is only text: no error, no match.
    for odd in ('Viet"nam', "Viet\\nam", "Vietnam OR *", '"', "\\"):
        assert _run(corpus_graph, "meetings_between_countries", a=odd, b="South Korea") == []


def test_a_person_is_found_without_diacritics(corpus_graph):
    row = corpus_graph.execute_query("""
        MATCH (p:Person)<-[:PARTICIPANT]-(:Meeting) WHERE p.name <> p.keys[0]
        RETURN p.name AS name, p.keys[0] AS folded LIMIT 1""", database_="neo4j").records[0]
    plain = _run(corpus_graph, "person_timeline", person=row["name"])
    assert plain and len(_run(corpus_graph, "person_timeline", person=row["folded"])) == len(plain)


def test_explorer_timeout_setting():
    from liaison.errors import SettingsError
    from liaison.settings import explorer_timeout

    assert explorer_timeout({}) == 10.0
    assert explorer_timeout({"LIAISON_EXPLORER_TIMEOUT": "2.5"}) == 2.5
    for bad in ("soon", "0", "-1"):
        with pytest.raises(SettingsError, match="LIAISON_EXPLORER_TIMEOUT"):
            explorer_timeout({"LIAISON_EXPLORER_TIMEOUT": bad})


def test_a_slow_explorer_query_is_stopped_and_the_message_names_the_setting(corpus_graph, monkeypatch):
    from explorer import data
    from liaison.errors import QueryError

    monkeypatch.setenv("LIAISON_EXPLORER_TIMEOUT", "0.2")
    with pytest.raises(QueryError, match="LIAISON_EXPLORER_TIMEOUT") as caught:
        data.read("UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 123456789 RETURN count(x) AS n")
    assert "Narrow the view" in str(caught.value)
