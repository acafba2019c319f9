"""A first load through neo4j-admin import (`liaison load --bulk`) writes the graph a load writes.

The bulk side runs on an instance of its own (it stops and restarts its
server); the transactional side is the test server. Graphs are compared
whole: every node with its labels and properties, every relationship with its
ends and properties.
"""

from __future__ import annotations

import os
import os.path
from collections import Counter

import pytest

from liaison.db import close, get_driver
from liaison.first_load import bulk_load, check_target, import_files
from liaison.server import LocalServer
from liaison.settings import STATE_DIR, Settings, local_password
from loaders.bulk import BulkError, Plan
from loaders.pipeline import load_paths
from loaders.read import iter_paths

from .conftest import CORPUS, TEST_PORT, wipe

pytestmark = pytest.mark.neo4j

Q_NODES = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
Q_RELS = ("MATCH (a)-[r]->(b) RETURN a.id AS a, labels(a) AS la, type(r) AS type, b.id AS b, "
          "labels(b) AS lb, properties(r) AS props")
#: Set from the clock when written.
VOLATILE = {"proposed_at"}


#: Lists an entity gathers in the order its articles came (tests/test_batches.py compares them as sets).
ARRIVAL_ORDER = {"names", "keys", "titles", "blocks", "sides"}
#: Texts joined from those lists.
JOINED = {"search_text", "block_text"}


def _freeze(props: dict, any_order: bool):
    def one(key, value):
        if isinstance(value, list):
            items = [str(v) for v in value] if any_order and key in ARRIVAL_ORDER else value
            return tuple(sorted(items)) if any_order and key in ARRIVAL_ORDER else tuple(items)
        return value
    return tuple(sorted((k, one(k, v)) for k, v in props.items()
                        if k not in VOLATILE and not (any_order and k in JOINED)))


def signature(driver, any_order: bool = False) -> tuple[Counter, Counter]:
    """The whole graph; with `any_order`, the lists an entity gathers as articles come are sets."""
    nodes = Counter((tuple(sorted(r["labels"])), _freeze(r["props"], any_order))
                    for r in driver.execute_query(Q_NODES, database_="neo4j").records)
    rels = Counter((r["a"], tuple(sorted(r["la"])), r["type"], r["b"], tuple(sorted(r["lb"])),
                    _freeze(r["props"], any_order))
                   for r in driver.execute_query(Q_RELS, database_="neo4j").records)
    return nodes, rels


def _diff(a: Counter, b: Counter, n: int = 3) -> str:
    def shown(c):
        return [str(x)[:400] for x in list(c.elements())[:n]]
    return f"{sum((a - b).values())} only in bulk: {shown(a - b)}\n{sum((b - a).values())} only in load: {shown(b - a)}"


@pytest.fixture(scope="module")
def bulk_server():
    """A server of its own for bulk loads, sharing the project's jars."""
    state = STATE_DIR
    server = LocalServer(state_dir=state, name="bulk-test", bolt_port=TEST_PORT + 10)
    password = local_password(state / "bulk-test-password")
    server.provision(log=lambda *_: None)
    server.start(password, timeout=240, log=lambda *_: None)
    settings = Settings(uri=server.uri, username="neo4j", password=password, database="neo4j")
    yield server, settings
    close(settings)
    if os.environ.get("LIAISON_KEEP_TEST_SERVER") != "1":
        server.stop()


@pytest.fixture
def empty_bulk(bulk_server):
    server, settings = bulk_server
    wipe(get_driver(settings))
    return server, settings


def _corpus(part=slice(None)):
    return sorted(iter_paths([CORPUS]))[part]


def test_a_bulk_first_load_writes_the_graph_a_load_writes(empty_bulk, graph, neo4j_settings, tmp_path):
    server, settings = empty_bulk
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00 not an article")
    report, plan = bulk_load(settings, server, [*_corpus(), bad], tmp_path / "work", log=lambda *_: None)
    assert report.loaded == len(_corpus())
    assert [s.path for s in report.skipped] == [str(bad)]
    assert not (tmp_path / "work" / plan.out_dir.name).exists(), "the import files are removed after"

    loaded = load_paths(graph, neo4j_settings.database, _corpus())
    assert loaded.loaded == report.loaded

    bulk_nodes, bulk_rels = signature(get_driver(settings))
    want_nodes, want_rels = signature(graph)
    assert sum(want_nodes.values()) > 500 and sum(want_rels.values()) > 2000
    labels = Counter(label for (ls, _), n in want_nodes.items() for label in ls for _ in range(n))
    assert labels["Meeting"] > 30 and labels["ReviewCandidate"] > 0
    assert bulk_nodes == want_nodes, _diff(bulk_nodes, want_nodes)
    assert bulk_rels == want_rels, _diff(bulk_rels, want_rels)


def test_articles_loaded_on_top_of_a_bulk_load_give_the_graph_of_one_load(empty_bulk, graph, neo4j_settings,
                                                                          tmp_path):
    server, settings = empty_bulk
    first, rest = _corpus(slice(None, None, 2)), _corpus(slice(1, None, 2))
    bulk_load(settings, server, first, tmp_path, log=lambda *_: None)
    on_top = load_paths(get_driver(settings), settings.database, rest)
    assert on_top.loaded == len(rest)

    load_paths(graph, neo4j_settings.database, _corpus())
    # Another order of arrival: lists an entity gathers are compared as sets, as between any two orders.
    bulk_nodes, bulk_rels = signature(get_driver(settings), any_order=True)
    want_nodes, want_rels = signature(graph, any_order=True)
    assert bulk_nodes == want_nodes, _diff(bulk_nodes, want_nodes)
    assert bulk_rels == want_rels, _diff(bulk_rels, want_rels)


def test_a_bulk_load_refuses_a_graph_that_is_not_empty(empty_bulk, tmp_path):
    server, settings = empty_bulk
    load_paths(get_driver(settings), settings.database, _corpus(slice(0, 1)))
    with pytest.raises(BulkError, match="not empty .*1 documents.*without --bulk"):
        bulk_load(settings, server, _corpus(), tmp_path, log=lambda *_: None)
    assert not list(tmp_path.iterdir()), "nothing extracted"


def test_a_bulk_load_needs_the_local_server(bulk_server):
    server, settings = bulk_server
    elsewhere = Settings(uri="neo4j+s://example.databases.neo4j.io", username="neo4j",
                         password=settings.password, database="neo4j")
    with pytest.raises(BulkError, match="own local server.*without --bulk"):
        check_target(elsewhere, server)


def test_a_failed_import_leaves_an_empty_database_and_says_why(empty_bulk, tmp_path):
    server, settings = empty_bulk
    # Two nodes with one id: the importer refuses (bad tolerance 0).
    nodes = tmp_path / "nodes.csv"
    nodes.write_text('id:ID(Document),name:string\n"d1","a"\n"d1","b"\n', encoding="utf-8")
    plan = Plan(out_dir=tmp_path, report=None, nodes=[("Document", str(nodes))], node_count=2)
    with pytest.raises(BulkError, match="import failed; the database is empty again"):
        import_files(settings, server, plan, log=lambda *_: None)
    assert server.status().running
    records = get_driver(settings).execute_query("MATCH (n) RETURN count(n) AS n").records
    assert records[0]["n"] == 0


def test_the_cli_bulk_loads_then_refuses_a_second_bulk_load(empty_bulk):
    import subprocess
    import sys
    from pathlib import Path

    server, settings = empty_bulk
    env = dict(os.environ, NEO4J_URI=settings.uri, NEO4J_PASSWORD=settings.password, NEO4J_DATABASE="neo4j",
               LIAISON_NEO4J_INSTANCE=server.name)
    cli = [str(Path(sys.executable).parent / "liaison"), "load", "--bulk", "--no-review"]
    part = [str(p) for p in _corpus(slice(0, 6))]
    done = subprocess.run([*cli, *part], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "loaded 6," in done.stdout and "bulk load: extract" in done.stdout
    records = get_driver(settings).execute_query("MATCH (d:Document) RETURN count(d) AS n").records
    assert records[0]["n"] == 6
    again = subprocess.run([*cli, *part], env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 1
    assert "not empty" in again.stderr and "Traceback" not in again.stderr
