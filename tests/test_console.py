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


@pytest.fixture()
def secret_url():
    """A CSV served on 127.0.0.1: what a server-side request forgery would fetch."""
    import http.server
    import threading

    class Handler(http.server.BaseHTTPRequestHandler):
        hits = 0

        def do_GET(self):  # noqa: N802 - the stdlib's name
            Handler.hits += 1
            body = b"secret,value\ntoken,42\n"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/secret.csv", Handler
    server.shutdown()


@pytest.mark.parametrize("spelling", [
    "LOAD CSV FROM '{url}' AS row RETURN row",
    "LOAD/**/CSV FROM '{url}' AS row RETURN row",
    "load /* a */ csv // b\n from '{url}' AS row RETURN row",
    "CALL () {{ LOAD\tCSV WITH HEADERS FROM '{url}' AS row RETURN row }} RETURN row",
])
def test_load_csv_is_refused_in_any_spelling_and_fetches_nothing(corpus_graph, secret_url, spelling):
    url, handler = secret_url
    with pytest.raises(QueryRefused, match="LOAD CSV"):
        run_read_only(corpus_graph, "neo4j", spelling.format(url=url))
    assert handler.hits == 0


def test_the_server_itself_refuses_load_csv_from_the_network_and_files(corpus_graph, secret_url):
    # Defence in depth: were the console's check bypassed, the server's own settings
    # (liaison.server: file URLs off, every address blocked) still fetch nothing.
    import neo4j as driver_module

    url, handler = secret_url
    for source in (url, "file:///etc/passwd"):
        with corpus_graph.session(database="neo4j") as session:
            with pytest.raises(driver_module.exceptions.Neo4jError):
                session.run(f"LOAD CSV FROM '{source}' AS row RETURN row").consume()
    assert handler.hits == 0


@pytest.mark.parametrize("text, reason", [
    ("SHOW TRANSACTIONS", "other sessions"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "stops other sessions"),
    ("SHOW SETTINGS", "paths"),
    ("CALL db.prepareForReplanning()", "read-only procedures"),
    ("CALL db.stats.clear('QUERIES')", "read-only procedures"),
    ("CALL db.resampleOutdatedIndexes()", "read-only procedures"),
    ("CALL dbms.listConfig()", "read-only procedures"),
    ("RETURN " + "(" * 100 + "1" + ")" * 100, "nests"),
    ("RETURN 1" + " + 1" * 3000, "characters"),
])
def test_what_reaches_beyond_the_graph_is_refused_with_its_reason(corpus_graph, text, reason):
    with pytest.raises(QueryRefused, match=reason):
        run_read_only(corpus_graph, "neo4j", text)


@pytest.mark.parametrize("text", [
    "SHOW DATABASES", "CALL dbms.components()", "CALL db.labels()", "SHOW INDEXES",
    "CALL db.schema.visualization()",
    "CALL db.index.fulltext.queryNodes('entity_names', 'Lam') YIELD node RETURN node.name LIMIT 3",
    "// a comment\nMATCH (n:Person) WHERE n.name CONTAINS 'LOAD CSV' RETURN n.name LIMIT 3",
])
def test_reads_of_the_graph_schema_and_server_version_run(corpus_graph, text):
    assert run_read_only(corpus_graph, "neo4j", text).columns
