"""The console's guarantees, against the real server: read only, time limit, row cap, named settings."""

import pytest

from liaison.console import Limits, run_read_only
from liaison.errors import QueryError, QueryRefused

from .conftest import counts

pytestmark = pytest.mark.neo4j


@pytest.mark.parametrize("text", [
    "MATCH (n) DETACH DELETE n",
    "CREATE (:Intruder {x: 1})",
    "MATCH (n:Person) SET n.name = 'x'",
    "MERGE (n:Intruder {id: 1}) RETURN n",
    "CREATE INDEX intruder IF NOT EXISTS FOR (n:Person) ON (n.x)",
    "MATCH (n) CALL (n) { DETACH DELETE n }",
])
def test_writes_are_refused_and_the_graph_is_unchanged(corpus_graph, text):
    before = counts(corpus_graph)
    with pytest.raises(QueryRefused, match="read-only"):
        run_read_only(corpus_graph, "neo4j", text)
    assert counts(corpus_graph) == before


def test_explain_profile_and_load_csv_are_refused(corpus_graph):
    with pytest.raises(QueryRefused, match="PROFILE"):
        run_read_only(corpus_graph, "neo4j", "PROFILE MATCH (n) RETURN n")
    with pytest.raises(QueryRefused, match="LOAD CSV"):
        run_read_only(corpus_graph, "neo4j", "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line")


def test_read_queries_run_with_parameters(corpus_graph):
    res = run_read_only(corpus_graph, "neo4j", "MATCH (d:Document) WHERE d.name STARTS WITH $p RETURN d.name AS n;",
                        {"p": "d0"})
    assert res.columns == ["n"] and len(res.records) == 9 and not res.truncated


def test_row_cap_fetches_one_more_and_names_the_setting(corpus_graph):
    res = run_read_only(corpus_graph, "neo4j", "UNWIND range(1, 50) AS x RETURN x", limits=Limits(10, 7))
    assert len(res.records) == 7 and res.truncated
    assert "LIAISON_CONSOLE_MAX_ROWS" in res.message
    exact = run_read_only(corpus_graph, "neo4j", "UNWIND range(1, 7) AS x RETURN x", limits=Limits(10, 7))
    assert len(exact.records) == 7 and not exact.truncated


def test_slow_queries_are_stopped_by_the_server_and_name_the_setting(corpus_graph):
    slow = "UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 99 RETURN count(*) AS c"
    with pytest.raises(QueryRefused, match="LIAISON_CONSOLE_TIMEOUT"):
        run_read_only(corpus_graph, "neo4j", slow, limits=Limits(timeout=0.5, max_rows=10))


def test_limits_come_from_the_environment():
    assert Limits.from_env({}) == Limits(10.0, 1000)
    assert Limits.from_env({"LIAISON_CONSOLE_TIMEOUT": "2.5", "LIAISON_CONSOLE_MAX_ROWS": "5"}) == Limits(2.5, 5)
    with pytest.raises(QueryError, match="LIAISON_CONSOLE_MAX_ROWS"):
        Limits.from_env({"LIAISON_CONSOLE_MAX_ROWS": "lots"})


def test_syntax_errors_and_empty_queries_are_messages(corpus_graph):
    with pytest.raises(QueryError, match="syntax"):
        run_read_only(corpus_graph, "neo4j", "MATCH (n RETURN n")
    with pytest.raises(QueryRefused, match="empty"):
        run_read_only(corpus_graph, "neo4j", "  ;  ")
